import { StandinError } from '../../errors.js'
import type { CommandSpec } from '../command.js'

/** `standin verify`: placeholder until its capability lands (owned by the capability's helper). */
export const verifyCommand: CommandSpec = {
  name: 'verify',
  summary: 'Run the contract tests against a target (a URL or the stand-in)',
  positionals: [],
  options: {},
  run: () =>
    Promise.reject(
      new StandinError('cli.unavailable', 'standin verify is not available in this build.'),
    ),
}
