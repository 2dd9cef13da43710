/** The `standin` command line: `main(argv, io)` returns the exit code. The only door. */
export { main } from './main.js'
export type { CliIO } from './command.js'
