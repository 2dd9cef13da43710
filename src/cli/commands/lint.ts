import { StandinError } from '../../errors.js'
import type { CommandSpec } from '../command.js'

/** `standin lint`: placeholder until its capability lands (owned by the capability's helper). */
export const lintCommand: CommandSpec = {
  name: 'lint',
  summary: 'Check contracts; exit 1 on problems',
  positionals: [],
  options: {},
  run: () =>
    Promise.reject(
      new StandinError('cli.unavailable', 'standin lint is not available in this build.'),
    ),
}
