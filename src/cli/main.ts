/**
 * `standin`'s entry: parses arguments against each command's declared flags (flags.ts), runs it, and decides the exit
 * code in this one place. A `StandinError` (a user mistake) prints its message without a stack
 * and exits 2; a failed check exits 1 (returned by the command); anything else is a bug in
 * standin: its stack is printed and the exit code is 2.
 */
import { didYouMean } from '../contract/index.js'
import { isStandinError } from '../errors.js'
import { standinVersion } from '../version.js'
import { shellQuote } from '../shell-quote.js'
import type { CliIO, Command } from './command.js'
import { parseFlags, usageError } from './flags.js'
import { renderCommandHelp, renderCommandList } from './usage.js'
import { lintCommand } from './commands/lint.js'
import { typesCommand } from './commands/types.js'
import { sampleCommand } from './commands/sample.js'
import { serveCommand } from './commands/serve.js'
import { verifyCommand } from './commands/verify.js'
import { diffCommand } from './commands/diff.js'
import { importCommand } from './commands/import.js'
import { exportCommand } from './commands/export.js'
import { proxyCommand } from './commands/proxy.js'
import { compareCommand } from './commands/compare.js'
import { driftCommand } from './commands/drift.js'
import { summaryCommand } from './commands/summary.js'
import { registryCommand } from './commands/registry.js'
import { publishCommand } from './commands/publish.js'
import { consumeCommand } from './commands/consume.js'
import { approveCommand } from './commands/approve.js'
import { canSwapCommand } from './commands/can-swap.js'

/** Every command, in the order `standin --help` lists them. */
export const commands: readonly Command[] = [
  lintCommand,
  typesCommand,
  sampleCommand,
  serveCommand,
  verifyCommand,
  diffCommand,
  importCommand,
  exportCommand,
  proxyCommand,
  compareCommand,
  driftCommand,
  summaryCommand,
  registryCommand,
  publishCommand,
  consumeCommand,
  approveCommand,
  canSwapCommand,
]

const packageVersion = standinVersion()

/** Exit codes, decided here only. */
export const EXIT = { ok: 0, failed: 1, couldNotRun: 2 } as const

function unknownCommand(name: string): string {
  const near = didYouMean(
    name,
    commands.map((c) => c.name),
  )
  return `standin: unknown command '${name}'.${near ? ` Did you mean '${near}'?` : ''} Run 'standin --help' for the list: ${commands.map((c) => c.name).join(', ')}.\n`
}

/**
 * A positional that takes set words given another word: a path where the kind belongs (`standin
 * export contracts/x.yaml`) is told to put the kind first, a misspelt word gets a did-you-mean.
 */
function wrongChoice(command: Command, index: number, given: string): Error {
  const spec = command.positionals[index]
  const choices = spec?.choices ?? []
  const near = didYouMean(given, choices)
  const pathLike = /[/\\.]/.test(given)
  const tip = near
    ? ` Did you mean '${near}'?`
    : pathLike
      ? ` Give it first: standin ${command.name} ${choices.length === 1 ? choices[0] : `<${choices.join('|')}>`} ${shellQuote(given)}.`
      : ''
  return usageError(
    command.name,
    `<${spec?.name ?? ''}> must be ${choices.length === 1 ? `'${choices[0]}'` : `one of ${choices.join(', ')}`}, not '${given}'.${tip}`,
    true,
  )
}

/**
 * Throws the usage error for positionals that do not fit the command: a word outside its
 * choices, a required one missing, or one past the last (unless the last takes the rest).
 */
function checkPositionals(command: Command, positionals: readonly string[]): void {
  const wrongWord = command.positionals.findIndex(
    (p, i) =>
      p.choices !== undefined &&
      i < positionals.length &&
      !p.choices.includes(positionals[i] ?? ''),
  )
  if (wrongWord !== -1) throw wrongChoice(command, wrongWord, positionals[wrongWord] ?? '')
  const missing = command.positionals.find(
    (p, i) => p.required !== false && positionals.length <= i,
  )
  if (missing) throw usageError(command.name, `missing <${missing.name}>.`, true)
  // A word past the last positional would be dropped without a word (`publish a.yaml b.yaml`
  // published a.yaml only): unless the last positional takes the rest, it is refused.
  const extra = command.positionals.some((p) => p.variadic === true)
    ? undefined
    : positionals[command.positionals.length]
  if (extra !== undefined) throw usageError(command.name, `unexpected argument '${extra}'.`, true)
}

/**
 * Runs `standin` with `argv` (without `node` and the script path) and resolves to the exit code.
 *
 * @example
 * const code = await main(['lint', 'contracts/'], processIO())
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv
  if (
    name === undefined ||
    name === '--help' ||
    name === '-h' ||
    (name === 'help' && rest.length === 0)
  ) {
    io.stdout(renderCommandList(commands, packageVersion))
    return name === undefined ? EXIT.couldNotRun : EXIT.ok
  }
  if (name === '--version' || name === '-v' || name === '-V') {
    io.stdout(`${packageVersion}\n`)
    return EXIT.ok
  }
  if (name === 'help') {
    const topic = commands.find((c) => c.name === rest[0])
    if (!topic) {
      io.stderr(unknownCommand(rest[0] ?? ''))
      return EXIT.couldNotRun
    }
    io.stdout(renderCommandHelp(topic))
    return EXIT.ok
  }
  const command = commands.find((c) => c.name === name)
  if (!command) {
    io.stderr(unknownCommand(name))
    return EXIT.couldNotRun
  }
  try {
    const parsed = parseFlags(command.name, command.flags, rest, { cwd: io.cwd })
    if (parsed.help) {
      io.stdout(renderCommandHelp(command))
      return EXIT.ok
    }
    checkPositionals(command, parsed.positionals)
    const runIO: CliIO = parsed.color !== undefined ? { ...io, color: parsed.color } : io
    return await command.run({ positionals: parsed.positionals, flags: parsed.values, io: runIO })
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

/**
 * The real process's IO, with an AbortSignal that fires on SIGINT or SIGTERM.
 *
 * The handlers are installed only when a command first reads `signal` (serve once it listens,
 * verify once its contract is loaded), and a command lifts them again with `catchSignals(false)`
 * around long synchronous work. Without them both signals keep their default action, which ends
 * the process at once: a JavaScript handler runs only when the event loop is free, so with one
 * installed, Ctrl-C would wait for a long contract compile to finish (issue 11).
 */
export function processIO(): CliIO {
  let controller: AbortController | undefined
  let caught = false
  // After the first signal the handlers go: a second Ctrl-C ends the process at once.
  const stop = (): void => {
    catchSignals(false)
    controller?.abort()
  }
  const catchSignals = (on: boolean): void => {
    if (on === caught || controller?.signal.aborted === true) return
    caught = on
    for (const name of ['SIGINT', 'SIGTERM'] as const)
      if (on) process.on(name, stop)
      else process.removeListener(name, stop)
  }
  // Standard output's reader may go (`standin sample | head` closes the pipe): then nothing more
  // is written, and the command ends with its own exit code, not a crash. Any other write error
  // (a full disk under `> file`) is said on stderr, and the run exits 2: output was lost.
  let stdoutGone = false
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (!stdoutGone && error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') {
      process.stderr.write(
        `standin: cannot write standard output (${error.code ?? error.message}).\n`,
      )
      process.exitCode = EXIT.couldNotRun
    }
    stdoutGone = true
  })
  return {
    stdout: (text) => {
      if (!stdoutGone) process.stdout.write(text)
    },
    write: (text) => {
      if (stdoutGone) return Promise.resolve(false)
      const more = process.stdout.write(text)
      return new Promise((resolve) => {
        const done = (): void => {
          process.stdout.off('drain', done)
          process.stdout.off('close', done)
          resolve(!stdoutGone)
        }
        // A turn of the event loop even when the text was taken, so a closed pipe is seen.
        if (more) setImmediate(done)
        else process.stdout.once('drain', done).once('close', done)
      })
    },
    stderr: (text) => process.stderr.write(text),
    stdin: async () => {
      let text = ''
      for await (const chunk of process.stdin) text += String(chunk)
      return text
    },
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    get signal(): AbortSignal {
      if (!controller) {
        controller = new AbortController()
        catchSignals(true)
      }
      return controller.signal
    },
    catchSignals,
  }
}
