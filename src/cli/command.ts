/**
 * The shape every `standin` command has: its flags declared once with the typed flag layer
 * (flags.ts), from which the parser, the checks, the messages and `--help` are built, and a
 * `run` that maps the typed values to library options, makes the library call, prints, and
 * returns the exit code.
 */
import type { FlagValues, Flags } from './flags.js'

/** Where a command reads and writes. Tests pass their own to run the CLI in-process. */
export interface CliIO {
  /** Writes to standard output (the text carries its own newlines). */
  readonly stdout: (text: string) => void
  /**
   * Writes to standard output and waits while the reader is behind (backpressure): true while
   * the reader takes more, false once it has gone (a closed pipe, as `standin sample | head`),
   * when the command should stop writing. Without it, `stdout` is used and nothing waits.
   */
  readonly write?: (text: string) => Promise<boolean>
  /** Writes to standard error (the text carries its own newlines). */
  readonly stderr: (text: string) => void
  /** Reads all of standard input (`-` as an input file). */
  readonly stdin?: () => Promise<string>
  /** The directory relative paths resolve against. */
  readonly cwd: string
  /** The environment (`NO_COLOR`, `FORCE_COLOR`, `CI`, ...). */
  readonly env: Readonly<Record<string, string | undefined>>
  /** True when standard output is a terminal (colours and progress bars). */
  readonly isTTY: boolean
  /** `--color` / `--no-color` when given; set by main for the command. */
  readonly color?: boolean
  /** Aborted on SIGINT/SIGTERM: long-running commands (serve, verify) stop cleanly on it. */
  readonly signal?: AbortSignal
  /**
   * Whether SIGINT/SIGTERM abort `signal` (true, the default once `signal` is read) or keep their
   * default action, which ends the process at once (false). A JavaScript handler runs only when
   * the event loop is free, so a command turns catching off around long synchronous work (a
   * contract compile), where a caught Ctrl-C would wait for the work to finish.
   */
  readonly catchSignals?: (on: boolean) => void
}

/** One positional argument of a command. */
export interface PositionalSpec {
  readonly name: string
  readonly description: string
  readonly required?: boolean
  /** Takes every remaining positional argument. */
  readonly variadic?: boolean
  /** The words it takes (a kind, a format), checked before anything else is missing. */
  readonly choices?: readonly string[]
}

/** What `run` receives: the positionals, the typed flag values, and the IO. */
export interface CommandContext<F extends Flags> {
  readonly positionals: readonly string[]
  readonly flags: FlagValues<F>
  readonly io: CliIO
}

/** A `standin` command, with its flags' types. */
export interface CommandSpec<F extends Flags> {
  readonly name: string
  /** One line for the command list. */
  readonly summary: string
  readonly positionals: readonly PositionalSpec[]
  readonly flags: F
  /** Extra lines shown after the options in `--help` (examples, notes). */
  readonly footer?: readonly string[]
  /** Returns the exit code: 0 success, 1 the thing checked failed. Throws `StandinError` for 2. */
  readonly run: (context: CommandContext<F>) => Promise<number>
}

/** A command with its flag types erased, for the command list. */
export interface Command {
  readonly name: string
  readonly summary: string
  readonly positionals: readonly PositionalSpec[]
  readonly flags: Flags
  readonly footer?: readonly string[]
  readonly run: (context: {
    readonly positionals: readonly string[]
    readonly flags: Readonly<Record<string, unknown>>
    readonly io: CliIO
  }) => Promise<number>
}

/** Declares a command; `run`'s `flags` are typed from `flags`. */
export function defineCommand<F extends Flags>(spec: CommandSpec<F>): Command {
  return spec as unknown as Command
}
