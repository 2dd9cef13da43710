/**
 * The shape every `standin` command has: a spec the help text and the argument parser are built
 * from (one object, so `--help` never drifts from what is parsed), and a `run` that maps flags to
 * library options, makes the library call, prints, and returns the exit code.
 */

/** Where a command reads and writes. Tests pass their own to run the CLI in-process. */
export interface CliIO {
  /** Writes to standard output (the text carries its own newlines). */
  readonly stdout: (text: string) => void
  /** Writes to standard error (the text carries its own newlines). */
  readonly stderr: (text: string) => void
  /** The directory relative paths resolve against. */
  readonly cwd: string
  /** The environment (`NO_COLOR`, `CI`, ...). */
  readonly env: Readonly<Record<string, string | undefined>>
  /** True when standard output is a terminal (colours and progress bars). */
  readonly isTTY: boolean
  /** Aborted on SIGINT/SIGTERM: long-running commands (serve, verify) stop cleanly on it. */
  readonly signal?: AbortSignal
}

/** One `--flag` of a command. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean'
  readonly short?: string
  /** The flag may be given more than once; its value is then a string array. */
  readonly multiple?: boolean
  /** Shown in help, for example `N` in `--count N`. */
  readonly valueName?: string
  /** One line for `--help`. */
  readonly description: string
  /** Shown in help as the default. */
  readonly defaultText?: string
}

/** One positional argument of a command. */
export interface PositionalSpec {
  readonly name: string
  readonly description: string
  readonly required?: boolean
  /** Takes every remaining positional argument. */
  readonly variadic?: boolean
}

/** Parsed flag values: strings, booleans, or string arrays for `multiple` flags. */
export type OptionValues = Readonly<Record<string, string | boolean | string[] | undefined>>

/** What `run` receives. */
export interface CommandContext {
  readonly positionals: readonly string[]
  readonly values: OptionValues
  readonly io: CliIO
}

/** A `standin` command. */
export interface CommandSpec {
  readonly name: string
  /** One line for the command list. */
  readonly summary: string
  readonly positionals: readonly PositionalSpec[]
  readonly options: Readonly<Record<string, OptionSpec>>
  /** Extra lines shown after the options in `--help` (examples, notes). */
  readonly footer?: readonly string[]
  /** Returns the exit code: 0 success, 1 the thing checked failed. Throws `StandinError` for 2. */
  readonly run: (context: CommandContext) => Promise<number>
}
