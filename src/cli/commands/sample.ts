import { StandinError } from '../../errors.js'
import type { CommandSpec } from '../command.js'

/** `standin sample`: placeholder until its capability lands (owned by the capability's helper). */
export const sampleCommand: CommandSpec = {
  name: 'sample',
  summary: 'Print generated outputs or inputs as JSON Lines',
  positionals: [],
  options: {},
  run: () =>
    Promise.reject(
      new StandinError('cli.unavailable', 'standin sample is not available in this build.'),
    ),
}
