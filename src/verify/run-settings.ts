/**
 * The settings of one verify run, read once from its options and checked before anything is
 * planned or sent: a bad option is a `verify.option` error, never a half-run.
 */
import type { Contract } from '../contract/index.js'
import { DEFAULT_SEED } from '../generate/index.js'
import { assertCheckPaths } from './verify-paths.js'
import { VerifyError } from './verify-error.js'
import { maxBodyBytes, numberOption, type NumberRange } from '../number-option.js'
import { MAX_TIMER_MS } from '../timer-limit.js'
import { headerProblem } from '../header-problem.js'

/** What the stages of a run read from its options, defaults applied and checked. */
export interface RunSettings {
  readonly seed: number
  /** Generated valid inputs. */
  readonly count: number
  readonly timeoutMs: number
  readonly concurrency: number
  /** The user's headers (secrets: masked in results). */
  readonly headers: Readonly<Record<string, string>>
  readonly maxAnswerBytes?: number
  /** The load to measure, when the run opted in. */
  readonly load?: { readonly rpm: number; readonly duration: number }
  /** The one case id to send again. */
  readonly replay?: string
  /** Judge model quality against the stand-in too. */
  readonly forceQuality: boolean
}

/** The options `runSettings` reads: the options of `VerifyOptions` that tune a run. */
export interface SettingsInput {
  /** Seed of every generated case and perturbation (default: the contract's `mock.seed`, else 1). */
  readonly seed?: number
  /** Generated valid inputs (default 100). */
  readonly cases?: number
  /** Per-request timeout in ms (default 10000). */
  readonly timeoutMs?: number
  /** Requests in flight at once (default 4). */
  readonly concurrency?: number
  /**
   * Largest answer read from a URL target, in bytes, on the wire and after decompression
   * (default 4 MiB); a larger answer is a failed case, and verify stops reading it.
   */
  readonly maxAnswerBytes?: number
  /** Headers added to every request (auth tokens); masked as `***` in results. */
  readonly headers?: Readonly<Record<string, string>>
  /** Run the load check: `true` uses the contract's `checks.load`; an object overrides it (duration in ms). Default off. */
  readonly load?: boolean | { readonly rpm: number; readonly duration: number }
  /** Send only this case id again (and judge only the checks it belongs to). */
  readonly replay?: string
  /**
   * Judge model quality (examples, invariance, directional, distribution) even against the
   * stand-in: `'mock'`, a `MockModel`, or a server answering `x-standin` (default false).
   */
  readonly forceQuality?: boolean
}

const option = (
  name: string,
  value: number | undefined,
  fallback: number,
  range: NumberRange,
): number =>
  numberOption(name, value, fallback, range, (message) => new VerifyError('verify.option', message))

/**
 * Reads and checks a run's options.
 *
 * @throws {VerifyError} `verify.option` (a number out of range, `load: true` without
 * `checks.load`), `verify.check-path` (a check's path the input schema does not have).
 */
export function runSettings(contract: Contract, options: SettingsInput): RunSettings {
  const seed = option('seed', options.seed, contract.mock.seed ?? DEFAULT_SEED, {
    min: -(2 ** 53),
    max: 2 ** 53,
  })
  const count = option('cases', options.cases, 100, { min: 0 })
  const timeoutMs = option('timeoutMs', options.timeoutMs, 10_000, {
    min: 1,
    max: MAX_TIMER_MS,
    integer: false,
  })
  const concurrency = option('concurrency', options.concurrency, 4, { min: 1 })
  assertCheckPaths(contract)
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    const problem = headerProblem(name, value)
    if (problem !== undefined) throw new VerifyError('verify.option', `headers: ${problem}.`)
  }
  if (options.load === true && !contract.checks.load)
    throw new VerifyError(
      'verify.option',
      `${contract.file ?? `contract "${contract.name}"`}#/checks: --load needs checks.load (rpm and duration) in the contract. Add one.`,
    )
  const load =
    options.load === undefined || options.load === false
      ? undefined
      : options.load === true
        ? contract.checks.load
        : { rpm: options.load.rpm, duration: options.load.duration }
  return {
    seed,
    count,
    timeoutMs,
    concurrency,
    headers: options.headers ?? {},
    ...(options.maxAnswerBytes !== undefined
      ? {
          maxAnswerBytes: option('maxAnswerBytes', options.maxAnswerBytes, 0, {
            min: 1,
            max: maxBodyBytes,
          }),
        }
      : {}),
    ...(load ? { load } : {}),
    ...(options.replay !== undefined ? { replay: options.replay } : {}),
    forceQuality: options.forceQuality === true,
  }
}
