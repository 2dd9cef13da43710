/**
 * The settings of one verify run, read once from its options and checked before anything is
 * planned or sent: a bad option is a `verify.option` error, never a half-run.
 */
import type { Contract } from '../contract/index.js'
import { DEFAULT_SEED } from '../generate/index.js'
import { assertCheckPaths } from './verify-paths.js'
import { VerifyError } from './verify-error.js'

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

/** The options `runSettings` reads (a subset of `VerifyOptions`). */
export interface SettingsInput {
  readonly seed?: number
  readonly cases?: number
  readonly timeoutMs?: number
  readonly concurrency?: number
  readonly maxAnswerBytes?: number
  readonly headers?: Readonly<Record<string, string>>
  readonly load?: boolean | { readonly rpm: number; readonly duration: number }
  readonly replay?: string
  readonly forceQuality?: boolean
}

function option(name: string, value: number | undefined, fallback: number, min: number): number {
  const v = value ?? fallback
  if (!Number.isFinite(v) || v < min || (name !== 'timeoutMs' && !Number.isInteger(v)))
    throw new VerifyError(
      'verify.option',
      `${name} must be ${name === 'timeoutMs' ? 'a number' : 'an integer'} ≥ ${min}, got ${String(value)}.`,
    )
  return v
}

/**
 * Reads and checks a run's options.
 *
 * @throws {VerifyError} `verify.option` (a number out of range, `load: true` without
 * `checks.load`), `verify.check-path` (a check's path the input schema does not have).
 */
export function runSettings(contract: Contract, options: SettingsInput): RunSettings {
  const seed = option('seed', options.seed, contract.mock.seed ?? DEFAULT_SEED, -(2 ** 53))
  const count = option('cases', options.cases, 100, 0)
  const timeoutMs = option('timeoutMs', options.timeoutMs, 10_000, 1)
  const concurrency = option('concurrency', options.concurrency, 4, 1)
  assertCheckPaths(contract)
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
      ? { maxAnswerBytes: option('maxAnswerBytes', options.maxAnswerBytes, 0, 1) }
      : {}),
    ...(load ? { load } : {}),
    ...(options.replay !== undefined ? { replay: options.replay } : {}),
    forceQuality: options.forceQuality === true,
  }
}
