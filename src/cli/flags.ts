/**
 * The typed flag layer: each command declares its flags once, with `flag.integer(...)`,
 * `flag.duration(...)`, `flag.enum(...)`, ..., and parsing, validation, the error messages, the
 * values' TypeScript types and `--help` all come from that declaration.
 *
 * A flag's value is parsed and checked before the command runs (a bad value is exit 2 before
 * any work), including output files: `-` is standard output, and a file in a folder that does
 * not exist is refused.
 *
 * @example
 * const flags = {
 *   port: flag.integer({ short: 'p', min: 0, max: 65535, default: 4010, description: 'Port to listen on' }),
 *   watch: flag.boolean({ short: 'w', description: 'Reload on change' }),
 * }
 * // run receives { port: number; watch: boolean }
 */
import { statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { didYouMean } from '../contract/index.js'
import { StandinError } from '../errors.js'
import { maxBodyBytes } from '../number-option.js'
import { MAX_TIMER_MS, maxTimerText } from '../timer-limit.js'

/** What a flag's parser knows about the run: where relative paths resolve. */
export interface ParseContext {
  readonly cwd: string
}

/**
 * One declared flag; `V` is the type of its parsed value, `D` whether it has a default (so the
 * value is always set), `R` whether it is repeatable (so the value is an array).
 */
export interface Flag<V, D extends boolean = boolean, R extends boolean = boolean> {
  /** `boolean` flags take no value; every other kind takes one. */
  readonly kind: string
  readonly description: string
  /** One letter: `-p 4010` for `--port 4010`. */
  readonly short?: string
  /** Shown in help: `--port <N>`. */
  readonly valueName?: string
  /** The value when the flag is absent (undefined: absent stays undefined). */
  readonly default?: V
  /** Shown in help as the default when it is not `default` itself (for example "the contract's"). */
  readonly defaultText?: string
  /** The flag may be given more than once; its value is then an array (empty when absent). */
  readonly repeatable?: boolean
  /** Turns the text after the flag into its value; throws `FlagValueError` when it does not fit. */
  readonly parse: (raw: string, context: ParseContext) => V
  /** Type-level only. */
  readonly __types?: { readonly hasDefault: D; readonly repeatable: R }
}

/** The flags of a command, by long name (kebab-case, without `--`). */
export type Flags = Readonly<Record<string, Flag<unknown>>>

/** The parsed values of `F`: each flag's type, `undefined` when absent without a default. */
export type FlagValues<F extends Flags> = {
  readonly [K in keyof F]: F[K] extends Flag<infer V, infer D, infer R>
    ? R extends true
      ? readonly V[]
      : D extends true
        ? V
        : V | undefined
    : never
}

/** A value that does not fit its flag: `message` completes "--flag must be ...". */
export class FlagValueError extends Error {}

interface Common {
  readonly description: string
  readonly short?: string
  readonly valueName?: string
  readonly defaultText?: string
}

type Declared<V, O> = Flag<
  V,
  O extends { default: unknown } ? true : false,
  O extends { repeatable: true } ? true : false
>

function define<V, O extends Common>(
  kind: string,
  options: O,
  parse: (raw: string, context: ParseContext) => V,
  valueName: string,
): Declared<V, O> {
  return { valueName, ...options, kind, parse }
}

const INTEGER = /^-?[0-9]+$/
const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }
const KB = 1024
const MB = 1024 * KB
const SIZES: Readonly<Record<string, number>> = { b: 1, kb: KB, mb: MB }

/** A byte count as a size flag writes it: `256mb`, `512kb`, `100b`. */
function sizeText(bytes: number): string {
  if (bytes % MB === 0) return `${bytes / MB}mb`
  if (bytes % KB === 0) return `${bytes / KB}kb`
  return `${bytes}b`
}

function integerText(min: number, max: number): string {
  if (max === Number.MAX_SAFE_INTEGER && min === Number.MIN_SAFE_INTEGER) return 'an integer'
  if (max === Number.MAX_SAFE_INTEGER) return `an integer of at least ${min}`
  return `an integer from ${min} to ${max}`
}

/** A file a flag names: `-` is standard output (or input), anything else resolves against cwd. */
export interface FileValue {
  /** `-`, or the absolute path. */
  readonly path: string
  /** As the user wrote it, for messages. */
  readonly shown: string
  readonly stdio: boolean
}

/**
 * Checks an output path before any work: `-` passes; a path whose folder does not exist, or that
 * is a folder itself, is refused.
 */
export function outputFile(raw: string, cwd: string): FileValue {
  if (raw === '-') return { path: '-', shown: '-', stdio: true }
  if (raw === '') throw new FlagValueError("a file path or '-' for standard output, not ''")
  const path = resolve(cwd, raw)
  const folder = dirname(path)
  const above = statSync(folder, { throwIfNoEntry: false })
  if (above?.isDirectory() !== true)
    throw new FlagValueError(
      above
        ? `a file in a folder, not '${raw}': ${dirname(raw) || '.'} is a file, not a folder`
        : `a file in a folder that exists, not '${raw}': ${dirname(raw) || '.'} does not exist. Create it first`,
    )
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory() === true)
    throw new FlagValueError(`a file, not the folder '${raw}'`)
  return { path, shown: raw, stdio: false }
}

/** The flag kinds. Each returns a declaration; `run` receives the parsed, typed value. */
export const flag = {
  /** On when given; `--no-<name>` turns it off (for flags whose default is on). */
  boolean<O extends Common & { default?: boolean }>(options: O): Flag<boolean, true, false> {
    return { ...options, kind: 'boolean', parse: () => true, default: options.default ?? false }
  },

  /** Free text. */
  string<O extends Common & { default?: string; repeatable?: boolean }>(options: O) {
    return define<string, O>('string', options, (raw) => raw, 'text')
  },

  /** A whole number in [min, max], written in decimal digits (no `0x`, `1e3` or `''`). */
  integer<O extends Common & { min?: number; max?: number; default?: number }>(options: O) {
    const min = options.min ?? Number.MIN_SAFE_INTEGER
    const max = options.max ?? Number.MAX_SAFE_INTEGER
    return define<number, O>(
      'integer',
      options,
      (raw) => {
        const n = Number(raw)
        if (!INTEGER.test(raw) || !Number.isSafeInteger(n) || n < min || n > max)
          throw new FlagValueError(`${integerText(min, max)}, not '${raw}'`)
        return n
      },
      'N',
    )
  },

  /** A decimal number in [min, max] (a share, a rate). */
  number<O extends Common & { min: number; max: number; default?: number; example: string }>(
    options: O,
  ) {
    return define<number, O>(
      'number',
      options,
      (raw) => {
        const n = Number(raw)
        if (!/^-?[0-9]+(\.[0-9]+)?$/.test(raw) || n < options.min || n > options.max)
          throw new FlagValueError(
            `a number from ${options.min} to ${options.max} such as ${options.example}, not '${raw}'`,
          )
        return n
      },
      'X',
    )
  },

  /** A duration with its unit (`500ms`, `10s`, `2m`, `1h`), in milliseconds; a bare number is refused. */
  duration<O extends Common & { default?: number; positive?: boolean }>(options: O) {
    return define<number, O>(
      'duration',
      options,
      (raw) => {
        const match = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)$/.exec(raw)
        const ms = match ? Number(match[1]) * (UNITS[match[2] ?? ''] ?? NaN) : NaN
        if (match && ms > MAX_TIMER_MS)
          throw new FlagValueError(`a duration of at most ${maxTimerText}, not '${raw}'`)
        if (!match || !(ms > 0 || (ms === 0 && options.positive === false)))
          throw new FlagValueError(
            /^[0-9.]+$/.test(raw)
              ? `a duration with a unit, such as ${raw}ms or ${raw}s, not '${raw}'`
              : `a duration such as 500ms, 10s or 2m, not '${raw}'`,
          )
        return ms
      },
      'duration',
    )
  },

  /**
   * A size in bytes: `1mb`, `512kb`, `2048` (bytes), from 1 byte to `max` (default 256mb, the
   * most a body read into memory may be).
   */
  size<O extends Common & { default?: number; max?: number }>(options: O) {
    const max = options.max ?? maxBodyBytes
    return define<number, O>(
      'size',
      options,
      (raw) => {
        const match = /^([0-9]+(?:\.[0-9]+)?)(b|kb|mb)?$/i.exec(raw)
        const bytes = match
          ? Math.round(Number(match[1]) * (SIZES[(match[2] ?? 'b').toLowerCase()] ?? 1))
          : NaN
        if (!(bytes >= 1 && bytes <= max))
          throw new FlagValueError(
            `a size from 1 byte to ${sizeText(max)} such as 1mb, 512kb or 2048, not '${raw}'`,
          )
        return bytes
      },
      'size',
    )
  },

  /** One of a fixed list of words. */
  enum<const O extends Common & { values: readonly string[]; default?: O['values'][number] }>(
    options: O,
  ) {
    type V = O['values'][number]
    return define<V, O>(
      'enum',
      options,
      (raw) => {
        if (!options.values.includes(raw))
          throw new FlagValueError(`one of ${options.values.join(', ')}, not '${raw}'`)
        return raw
      },
      options.values.join('|'),
    )
  },

  /** A file written by the command: `-` is standard output; its folder must exist. */
  output<O extends Common & { repeatable?: boolean }>(options: O) {
    return define<FileValue, O>('output', options, (raw, { cwd }) => outputFile(raw, cwd), 'file')
  },

  /**
   * A folder the command writes into (created when missing): `-` is standard output; the folder
   * it is created in must exist. With `fileEnding`, a path that ends so and is not a folder is
   * the file to write itself (`--out src/contracts.ts`), in a folder that exists.
   */
  outputFolder<O extends Common & { fileEnding?: RegExp }>(options: O) {
    return define<FileValue, O>(
      'output-folder',
      options,
      (raw, { cwd }) => {
        if (raw === '-') return { path: '-', shown: '-', stdio: true }
        const path = resolve(cwd, raw)
        if (statSync(path, { throwIfNoEntry: false })?.isDirectory() === true)
          return { path, shown: raw, stdio: false }
        // A path with the file's own ending names the file itself (written over when it exists).
        if (options.fileEnding?.test(raw) === true) return outputFile(raw, cwd)
        if (statSync(path, { throwIfNoEntry: false }) !== undefined)
          throw new FlagValueError(`a folder, not the file '${raw}'`)
        outputFile(raw, cwd)
        return { path, shown: raw, stdio: false }
      },
      'dir',
    )
  },

  /** A file read by the command: `-` is standard input; it must exist. */
  input<O extends Common & { repeatable?: boolean }>(options: O) {
    return define<FileValue, O>(
      'input',
      options,
      (raw, { cwd }) => {
        if (raw === '-') return { path: '-', shown: '-', stdio: true }
        const path = resolve(cwd, raw)
        if (statSync(path, { throwIfNoEntry: false })?.isFile() !== true)
          throw new FlagValueError(`a file that exists, not '${raw}'`)
        return { path, shown: raw, stdio: false }
      },
      'file',
    )
  },
}

/** A command-line mistake: exit 2, one line. */
export function usageError(command: string, message: string, helpHint = false): StandinError {
  return new StandinError(
    'cli.usage',
    `standin ${command}: ${message}${helpHint ? ` Run 'standin ${command} --help' for usage.` : ''}`,
  )
}

/** What `parseFlags` returns. */
export interface Parsed<F extends Flags> {
  readonly positionals: string[]
  readonly values: FlagValues<F>
  /** `--color` / `--no-color` when given (global flags every command takes). */
  readonly color?: boolean
  readonly help: boolean
}

/**
 * Parses `args` against `flags`: `--name value`, `--name=value`, `-x value`, `--no-name` for
 * booleans, `--` before positionals that start with a dash, `-` as a positional or value.
 *
 * @throws {StandinError} `cli.usage` for an unknown flag (with did-you-mean), a missing value or a
 * value that does not fit its flag.
 */
export function parseFlags<F extends Flags>(
  command: string,
  flags: F,
  args: readonly string[],
  context: ParseContext,
): Parsed<F> {
  const read = readArgs(command, flags, args)
  return {
    positionals: read.positionals,
    values: flagValues(command, flags, read.given, context) as FlagValues<F>,
    help: read.help,
    ...(read.color !== undefined ? { color: read.color } : {}),
  }
}

/** The arguments sorted out, before any flag's value is parsed. */
interface ReadArgs {
  /** Each flag given: its texts in order, or true/false for a boolean. */
  readonly given: Map<string, string[] | boolean>
  readonly positionals: string[]
  color: boolean | undefined
  help: boolean
}

/** One option as written: `--name[=value]` (long) or `-x[value]`. */
interface WrittenOption {
  readonly long: boolean
  /** The name after the dashes (one letter for a short option). */
  readonly name: string
  /** The value written in the same argument, if any. */
  readonly inline: string | undefined
}

/**
 * Sorts `args` into positionals, `--help`, `--color`/`--no-color` and the texts of each flag,
 * taking a flag's value from the next argument when it is not written inline.
 */
function readArgs(command: string, flags: Flags, args: readonly string[]): ReadArgs {
  const byShort = new Map<string, string>()
  for (const [name, spec] of Object.entries(flags)) if (spec.short) byShort.set(spec.short, name)
  const read: ReadArgs = { given: new Map(), positionals: [], color: undefined, help: false }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? ''
    if (arg === '--') {
      read.positionals.push(...args.slice(i + 1))
      break
    }
    if (arg === '-' || !arg.startsWith('-')) {
      read.positionals.push(arg)
      continue
    }
    const option = writtenOption(arg)
    const { long, inline } = option
    if (option.name === 'help' || (!long && option.name === 'h')) {
      read.help = true
      continue
    }
    if (long && (option.name === 'color' || option.name === 'no-color') && inline === undefined) {
      read.color = option.name === 'color'
      continue
    }
    const { name, spec, negated } = declaredFlag(command, flags, byShort, option)
    if (spec.kind === 'boolean') {
      if (inline !== undefined)
        throw usageError(command, `--${name} takes no value (got '${inline}').`, true)
      read.given.set(name, !negated)
      continue
    }
    let value = inline
    if (value === undefined) {
      value = nextValue(command, name, spec, args[i + 1])
      i++
    }
    const list = read.given.get(name)
    read.given.set(name, spec.repeatable && Array.isArray(list) ? [...list, value] : [value])
  }
  return read
}

/** Splits an option into its name and inline value: `--name=value`, `--name`, `-xvalue`, `-x`. */
function writtenOption(arg: string): WrittenOption {
  const long = arg.startsWith('--')
  const eq = long ? arg.indexOf('=') : -1
  const name = long ? arg.slice(2, eq === -1 ? undefined : eq) : arg.slice(1, 2)
  const inline = long ? (eq === -1 ? undefined : arg.slice(eq + 1)) : arg.slice(2) || undefined
  return { long, name, inline }
}

/**
 * The declared flag an option names (`--no-name` is boolean `name` negated), or a usage error
 * with a did-you-mean for a long option.
 */
function declaredFlag(
  command: string,
  flags: Flags,
  byShort: ReadonlyMap<string, string>,
  option: WrittenOption,
): { name: string; spec: Flag<unknown>; negated: boolean } {
  const { long, name: given } = option
  let name = long ? given : byShort.get(given)
  let negated = false
  if (long && name !== undefined && !(name in flags) && name.startsWith('no-')) {
    const base = name.slice(3)
    if (flags[base]?.kind === 'boolean') {
      name = base
      negated = true
    }
  }
  const spec = name === undefined ? undefined : flags[name]
  if (name === undefined || spec === undefined) {
    const shown = long ? `--${given}` : `-${given}`
    const known = [...Object.keys(flags), 'help', 'color', 'no-color']
    const near = long ? didYouMean(given, known) : undefined
    throw usageError(
      command,
      `unknown option '${shown}'.${near ? ` Did you mean '--${near}'?` : ''}`,
      true,
    )
  }
  return { name, spec, negated }
}

/** The argument after flag `name`, which is its value, or a usage error when there is none. */
function nextValue(
  command: string,
  name: string,
  spec: Flag<unknown>,
  next: string | undefined,
): string {
  // A value may start with a dash only when it is a number (a negative seed) or '-'.
  if (next === undefined || (next.startsWith('-') && next !== '-' && !/^-[0-9]/.test(next)))
    throw usageError(command, `--${name} needs a value: --${name} <${spec.valueName}>.`, true)
  return next
}

/**
 * Every flag's value: its texts parsed (the last one, or all for a repeatable flag), its boolean,
 * or its default; a text that does not fit is a usage error.
 */
function flagValues(
  command: string,
  flags: Flags,
  given: ReadonlyMap<string, string[] | boolean>,
  context: ParseContext,
): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(flags)) {
    const texts = given.get(name)
    if (texts === undefined) values[name] = spec.repeatable ? [] : spec.default
    else if (typeof texts === 'boolean') values[name] = texts
    else {
      const parsed = texts.map((text) => {
        try {
          return spec.parse(text, context)
        } catch (error) {
          if (error instanceof FlagValueError)
            throw usageError(command, `--${name} must be ${error.message}.`)
          throw error
        }
      })
      values[name] = spec.repeatable ? parsed : parsed[parsed.length - 1]
    }
  }
  return values
}
