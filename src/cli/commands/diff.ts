import { StandinError } from '../../errors.js'
import type { CommandSpec } from '../command.js'

/** `standin diff`: placeholder until its capability lands (owned by the capability's helper). */
export const diffCommand: CommandSpec = {
  name: 'diff',
  summary: 'Compare two versions of a contract: breaking or compatible, semver advice',
  positionals: [],
  options: {},
  run: () =>
    Promise.reject(
      new StandinError('cli.unavailable', 'standin diff is not available in this build.'),
    ),
}
