import { StandinError } from '../../errors.js'
import type { CommandSpec } from '../command.js'

/** `standin types`: placeholder until its capability lands (owned by the capability's helper). */
export const typesCommand: CommandSpec = {
  name: 'types',
  summary: 'Write TypeScript types for contract inputs and outputs',
  positionals: [],
  options: {},
  run: () =>
    Promise.reject(
      new StandinError('cli.unavailable', 'standin types is not available in this build.'),
    ),
}
