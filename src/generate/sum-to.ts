/**
 * The `sumTo` hint: the numbers of an array or object rescaled so they sum to the total, peaked
 * like a softmax. Each weight is `x ** sharp` of an exponential draw `x`; the shares are floored to
 * 6 decimals, so a weight only matters through that floor. The weights are first computed as
 * `exp(sharp * log x)` (half the cost of Math.pow, within ~1e-13 of it relatively); when any share
 * lies within 1e-9 (relative) of a 1e-6 step, where that difference could move the floor, they
 * are computed again with Math.pow. The bytes are Math.pow's either way.
 */
import { assignOwn } from '../json/index.js'
import type { Rng } from './rng.js'

/** Rescales the numbers of an array or object so they sum to `total`, peaked like a softmax. */
export function applySumTo(value: unknown, total: number, rng: Rng): unknown {
  return sumToKeys(value, numberKeys(value), total, rng)
}

/**
 * `applySumTo` with the keys of the numbers known (`numberKeys`' answer, in its order): an object
 * plan whose fields are all numbers, drawn in that order, knows them when it is compiled.
 */
export function sumToKeys(
  value: unknown,
  keys: readonly string[],
  total: number,
  rng: Rng,
): unknown {
  const n = keys.length
  if (n === 0) return value
  const holder = value as Record<string, unknown>
  const sharp = rng.float(1, 4)
  const draws = new Array<number>(n)
  for (let i = 0; i < n; i++) draws[i] = -Math.log(1 - rng.next())
  const steps = shareSteps(draws, sharp, total, false) ?? exactSteps(draws, sharp, total)
  let used = 0
  for (let i = 0; i < n - 1; i++) {
    // Rounded down to 6 decimals so the shares before the last never exceed the total.
    const share = (steps[i] as number) / 1e6
    assignOwn(holder, keys[i] as string, share)
    used += share
  }
  assignOwn(holder, keys[n - 1] as string, Math.max(0, round12(total - used)))
  return value
}

/**
 * `Math.floor((w[i] / sum) * total * 1e6)` for every share but the last, with the weights
 * `x ** sharp + 1e-9`: by Math.pow when `exact`, else by exp/log, answering undefined when a share
 * is too near a step for exp/log's error to be ruled out.
 */
function shareSteps(
  draws: readonly number[],
  sharp: number,
  total: number,
  exact: boolean,
): number[] | undefined {
  const n = draws.length
  const weights = new Array<number>(n)
  let sum = 0
  for (let i = 0; i < n; i++) {
    const x = draws[i] as number
    const weight = (exact ? Math.pow(x, sharp) : Math.exp(sharp * Math.log(x))) + 1e-9
    weights[i] = weight
    sum += weight
  }
  const steps = new Array<number>(n - 1)
  for (let i = 0; i < n - 1; i++) {
    const q = ((weights[i] as number) / sum) * total * 1e6
    const step = Math.floor(q)
    if (!exact) {
      const margin = 1e-9 * Math.abs(q) + 1e-9
      if (!(q - step >= margin && step + 1 - q >= margin)) return undefined
    }
    steps[i] = step
  }
  return steps
}

/** The steps by Math.pow (never undefined). */
function exactSteps(draws: readonly number[], sharp: number, total: number): number[] {
  return shareSteps(draws, sharp, total, true) ?? []
}

/**
 * `Number(x.toFixed(12))` without the string: when x * 1e12 is clearly nearer one integer n than
 * any other, toFixed writes n's digits, and n / 1e12 is the double nearest them (one correctly
 * rounded division of two exact doubles), as Number reads them.
 */
export function round12(x: number): number {
  if (x === 0) return 0
  if (Math.abs(x) < 1000) {
    const p = x * 1e12
    const n = Math.round(p)
    // |p - x * 10^12| <= 1/16 below 1e15, so n is the nearest integer, with no tie to break.
    if (Math.abs(p - n) < 0.3) return n / 1e12
  }
  return Number(x.toFixed(12))
}

/** The keys (array indexes as strings) of the numbers of an array or object, in order. */
export function numberKeys(value: unknown): string[] {
  const keys: string[] = []
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (typeof value[i] === 'number') keys.push(String(i))
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>
    for (const k of Object.keys(record)) if (typeof ownValue(record, k) === 'number') keys.push(k)
  }
  return keys
}

/** An own property's value (`__proto__` too, which plain reads take for the prototype). */
export function ownValue(record: Record<string, unknown>, key: string): unknown {
  return key === '__proto__' ? Object.getOwnPropertyDescriptor(record, key)?.value : record[key]
}
