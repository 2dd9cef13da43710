/**
 * Range checks for the numbers a library caller passes as options (a body limit, a timeout, a
 * count): NaN, Infinity or a negative would otherwise switch a limit off or fire a timer at once.
 */
import { MAX_TIMER_MS, maxTimerText } from './timer-limit.js'

/** The numbers an option takes. */
export interface NumberRange {
  readonly min: number
  /** Undefined: no upper bound but a safe integer's. */
  readonly max?: number
  /** Whole numbers only (default true). */
  readonly integer?: boolean
}

/** `≥ 1`, `from 1 to 1048576`, `from 0 to 2147483647 ms, 596h (...)`. */
function rangeText({ min, max }: NumberRange): string {
  if (max === undefined) return `≥ ${min}`
  return `from ${min} to ${max === MAX_TIMER_MS ? `${max} ms, ${maxTimerText}` : max}`
}

/**
 * What is wrong with an option's number, or undefined when it is in range.
 *
 * @example
 * outOfRange('bodyLimit', -1, { min: 1, max: 1024 }) // 'bodyLimit must be an integer from 1 to 1024, got -1.'
 */
export function outOfRange(name: string, value: number, range: NumberRange): string | undefined {
  const integer = range.integer ?? true
  const max = range.max ?? Number.MAX_SAFE_INTEGER
  if (Number.isFinite(value) && value >= range.min && value <= max)
    if (!integer || Number.isInteger(value)) return undefined
  return `${name} must be ${integer ? 'an integer' : 'a number'} ${rangeText(range)}, got ${String(value)}.`
}

/**
 * The largest body read into memory and parsed as one text: 256 MiB, under V8's longest string
 * (about 512 M characters), so a body within a limit is never refused for being too long a text.
 */
export const maxBodyBytes = 256 * 1024 * 1024

/**
 * An option's number, or `fallback` when it is not given; `fail` makes the error a number out of
 * range throws (each capability its own code).
 *
 * @example
 * numberOption('timeoutMs', options.timeoutMs, 30_000, { min: 0, max: MAX_TIMER_MS }, (m) => new StandinError('serve.option', m))
 */
export function numberOption(
  name: string,
  value: number | undefined,
  fallback: number,
  range: NumberRange,
  fail: (message: string) => Error,
): number {
  if (value === undefined) return fallback
  const wrong = outOfRange(name, value, range)
  if (wrong !== undefined) throw fail(wrong)
  return value
}
