import { StandinError } from '../../errors.js'
import type { CommandSpec } from '../command.js'

/** `standin serve`: placeholder until its capability lands (owned by the capability's helper). */
export const serveCommand: CommandSpec = {
  name: 'serve',
  summary: 'Serve stand-in models over HTTP',
  positionals: [],
  options: {},
  run: () =>
    Promise.reject(
      new StandinError('cli.unavailable', 'standin serve is not available in this build.'),
    ),
}
