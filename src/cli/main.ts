/**
 * `standin`'s entry: parses arguments against each command's spec, runs it, and decides the exit
 * code in this one place. A `StandinError` (a user mistake) prints its message without a stack
 * and exits 2; a failed check exits 1 (returned by the command); anything else is a bug in
 * standin: its stack is printed and the exit code is 2.
 */
import { parseArgs } from 'node:util'
import { isStandinError } from '../errors.js'
import { standinVersion } from '../version.js'
import type { CliIO, CommandSpec, OptionValues } from './command.js'
import { renderCommandHelp, renderCommandList } from './usage.js'
import { lintCommand } from './commands/lint.js'
import { typesCommand } from './commands/types.js'
import { sampleCommand } from './commands/sample.js'
import { serveCommand } from './commands/serve.js'
import { verifyCommand } from './commands/verify.js'
import { diffCommand } from './commands/diff.js'

/** Every command, in the order `standin --help` lists them. */
export const commands: readonly CommandSpec[] = [
  lintCommand,
  typesCommand,
  sampleCommand,
  serveCommand,
  verifyCommand,
  diffCommand,
]

const packageVersion = standinVersion()

/** Exit codes, decided here only. */
export const EXIT = { ok: 0, failed: 1, couldNotRun: 2 } as const

/**
 * Runs `standin` with `argv` (without `node` and the script path) and resolves to the exit code.
 *
 * @example
 * const code = await main(['lint', 'contracts/'], processIO())
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(renderCommandList(commands, packageVersion))
    return name === undefined ? EXIT.couldNotRun : EXIT.ok
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${packageVersion}\n`)
    return EXIT.ok
  }
  const command = commands.find((c) => c.name === name)
  if (!command) {
    io.stderr(
      `standin: unknown command '${name}'. Run 'standin --help' for the list: ${commands.map((c) => c.name).join(', ')}.\n`,
    )
    return EXIT.couldNotRun
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(renderCommandHelp(command))
    return EXIT.ok
  }
  let positionals: string[]
  let values: OptionValues
  try {
    const parsed = parseArgs({
      args: [...rest],
      options: Object.fromEntries(
        Object.entries(command.options).map(([flag, spec]) => [
          flag,
          {
            type: spec.type,
            multiple: spec.multiple ?? false,
            ...(spec.short ? { short: spec.short } : {}),
          },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    })
    positionals = parsed.positionals
    values = parsed.values as OptionValues
  } catch (error) {
    io.stderr(
      `standin ${command.name}: ${usageMessage(error)} Run 'standin ${command.name} --help' for usage.\n`,
    )
    return EXIT.couldNotRun
  }
  const missing = command.positionals.find((p) => p.required !== false && positionals.length === 0)
  if (missing) {
    io.stderr(
      `standin ${command.name}: missing <${missing.name}>. Run 'standin ${command.name} --help' for usage.\n`,
    )
    return EXIT.couldNotRun
  }
  try {
    return await command.run({ positionals, values, io })
  } catch (error) {
    if (isStandinError(error)) {
      io.stderr(`${error.message}\n`)
      return EXIT.couldNotRun
    }
    io.stderr(
      `standin ${command.name}: unexpected error (a bug in standin, please report it):\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
    return EXIT.couldNotRun
  }
}

function usageMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  // node:util's messages are long and mention "parseArgs"; keep the part a user can act on.
  const unknown = /Unknown option '([^']+)'/.exec(message)
  if (unknown) return `unknown option '${unknown[1]}'.`
  return message.replace(/\. To specify a positional argument.*$/s, '').replace(/\.?$/, '.')
}

/**
 * The real process's IO, with an AbortSignal that fires on SIGINT or SIGTERM.
 *
 * The handlers are installed only when a command first reads `signal` (serve once it listens,
 * verify once its contract is loaded). Until then both signals keep their default action, which
 * ends the process at once: a JavaScript handler runs only when the event loop is free, so with
 * one installed, Ctrl-C would wait for a long contract compile to finish (issue 11).
 */
export function processIO(): CliIO {
  let controller: AbortController | undefined
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    get signal(): AbortSignal {
      if (!controller) {
        const created = new AbortController()
        const stop = (): void => created.abort()
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
        controller = created
      }
      return controller.signal
    },
  }
}
