/**
 * Numbers within bounds and multipleOf, spread over the whole range and its edges. Checked the
 * way ajv checks multipleOf (`value / m` must be an integer in floating point).
 */
import type { Rng } from './rng.js'
import type { Shape } from './shape.js'
import { SchemaProblem } from './unsatisfiable-schema-error.js'
import { provenPlan } from './exact-proof.js'

/** A compiled number generator: `undefined` when the type is impossible (reason in `problem`). */
export interface NumberPlan {
  readonly draw: (rng: Rng) => number
}

/** Plans that can also skip a value: draw what the plan draws from the rng, and make nothing. */
const skips = new WeakMap<object, (rng: Rng) => void>()

/** The skip of a number plan (`skips`), when it has one. */
export function skipOf(plan: object): ((rng: Rng) => void) | undefined {
  return skips.get(plan)
}

/** Realistic precision: 2 to 6 decimals (rounded by multiplying: much faster than toFixed). */
const SCALES = [100, 1000, 10000, 100000, 1000000]

function decimals(x: number): number {
  const text = String(x)
  if (text.includes('e-'))
    return Number(text.split('e-')[1]) + (text.split('.')[1]?.split('e')[0]?.length ?? 0)
  return text.split('.')[1]?.length ?? 0
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b]
  return a
}

/** The smallest positive step that is a multiple of every `m` (lcm over decimals), or undefined. */
function combinedStep(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined
  const d = Math.max(...values.map(decimals))
  if (d > 12) return undefined
  const scale = 10 ** d
  let l = 1n
  for (const v of values) {
    const n = BigInt(Math.round(v * scale))
    if (n <= 0n) return undefined
    l = (l * n) / gcd(l, n)
    if (l > 2n ** 52n) return undefined
  }
  return Number(l) / scale
}

const isMultiple = (v: number, m: number): boolean => {
  const r = v / m
  return Number.isFinite(r) && r === Math.trunc(r)
}

/** A bound of the shape (`minimum`/`exclusiveMinimum`, or the maximum ones). */
type Bound = NonNullable<Shape['low']>

/** The numeric range to draw in: the bounds as given, and a finite range around them. */
interface NumberRange {
  readonly low: Shape['low']
  readonly high: Shape['high']
  readonly lo: number
  readonly hi: number
}

/** Compiles the numeric part of a shape (for `integer` when `integer` is true). */
export function planNumber(shape: Shape, integer: boolean): NumberPlan {
  const mults = shape.multipleOf.map((m) => m.value)
  let step = combinedStep(integer ? [...mults, 1] : mults)
  if (step === undefined && mults.length > 0)
    step = integer ? Math.max(1, ...mults) : Math.max(...mults)
  const range = numberRange(shape, step ?? 1)
  if (step !== undefined) return steppedPlan(shape, integer, range, step, mults)
  if (integer) return integerPlan(range)
  return floatPlan(range)
}

/** The range of a shape, refused when empty or past the largest finite JSON number. */
function numberRange(shape: Shape, span: number): NumberRange {
  const { low, high } = shape
  if (
    low &&
    high &&
    (low.value > high.value || (low.value === high.value && (low.exclusive || high.exclusive)))
  ) {
    throw new SchemaProblem(
      'schema.unsatisfiable',
      high.pointer,
      `${high.pointer.split('/').pop() ?? 'maximum'} (${high.value}) is below ${low.pointer.split('/').pop() ?? 'minimum'} (${low.value})`,
      'Swap the bounds or drop one.',
    )
  }
  // JSON has no Infinity (JSON.stringify writes null): every bound, given or made up, is kept
  // finite (a multipleOf of 1e308 made the default range -Infinity..Infinity, issue 11).
  let lo = finite(low ? low.value : high ? high.value - 1000 * span : -1000 * span)
  let hi = finite(high ? high.value : low ? low.value + 1000 * span : 1000 * span)
  if (!low && high && high.value > 0 && high.value <= 1e6) lo = Math.min(0, lo)
  if (low && !high && low.value < 0) hi = Math.max(hi, 0)
  if ((low?.exclusive && lo >= Number.MAX_VALUE) || (high?.exclusive && hi <= -Number.MAX_VALUE)) {
    const bound = (low?.exclusive && lo >= Number.MAX_VALUE ? low : high) as Bound
    throw new SchemaProblem(
      'schema.unsatisfiable',
      bound.pointer,
      `no finite JSON number lies beyond ${bound.value}`,
      'Keep the bound inside ±1.7976931348623157e308, the largest JSON number.',
    )
  }
  return { low, high, lo, hi }
}

/** Multiples of `step` in the range (the bounds drawn more often than their share). */
function steppedPlan(
  shape: Shape,
  integer: boolean,
  { low, high, lo, hi }: NumberRange,
  step: number,
  mults: readonly number[],
): NumberPlan {
  let kmin = Math.ceil(lo / step)
  if (low?.exclusive && kmin * step <= lo) kmin++
  let kmax = Math.floor(hi / step)
  if (high?.exclusive && kmax * step >= hi) kmax--
  if (kmin > kmax || !Number.isFinite(kmin * step) || !Number.isFinite(kmax * step)) {
    const where = shape.multipleOf[0]?.pointer ?? high?.pointer ?? ''
    throw new SchemaProblem(
      'schema.unsatisfiable',
      where,
      `no ${integer ? 'integer ' : ''}multiple of ${step} lies between ${lo} and ${hi} as a finite JSON number`,
      'Widen the bounds or change multipleOf.',
    )
  }
  const d = decimals(step)
  const make = (k: number): number => (d > 0 && d <= 15 ? Number((k * step).toFixed(d)) : k * step)
  const ok = (v: number): boolean =>
    Number.isFinite(v) &&
    mults.every((m) => isMultiple(v, m)) &&
    (!integer || Number.isInteger(v)) &&
    (low === undefined || (low.exclusive ? v > low.value : v >= low.value)) &&
    (high === undefined || (high.exclusive ? v < high.value : v <= high.value))
  const first = make(kmin)
  const fallback = Number.isFinite(first) ? first : kmin * step
  // Proven (exact-proof.ts) when no multipleOf is asked (ajv checks it with a precision `ok`
  // does not share) and the fallback itself is in range: every other value returned passed `ok`.
  const proven = mults.length === 0 && ok(fallback)
  return {
    draw: provenPlan((rng: Rng) => {
      const r = rng.next()
      let k = r < 0.08 ? kmin : r < 0.16 ? kmax : rng.int(kmin, kmax)
      for (let i = 0; i < 8; i++) {
        const v = make(k)
        if (ok(v)) return v === 0 ? 0 : v
        const raw = k * step
        if (ok(raw)) return raw
        k = rng.int(kmin, kmax)
      }
      return fallback
    }, proven),
  }
}

/** Integers in the range (the bounds drawn more often than their share). */
function integerPlan({ low, high, lo, hi }: NumberRange): NumberPlan {
  const a = low ? (low.exclusive ? Math.floor(lo) + 1 : Math.ceil(lo)) : Math.ceil(lo)
  const b = high ? (high.exclusive ? Math.ceil(hi) - 1 : Math.floor(hi)) : Math.floor(hi)
  if (a > b) {
    throw new SchemaProblem(
      'schema.unsatisfiable',
      high?.pointer ?? '',
      `no integer lies between ${lo} and ${hi}`,
      'Widen the bounds or allow numbers.',
    )
  }
  const draw = provenPlan(
    (rng: Rng) => {
      const r = rng.next()
      const v = r < 0.08 ? a : r < 0.16 ? b : rng.int(a, b)
      return v === 0 ? 0 : v
    },
    Number.isSafeInteger(a) && Number.isSafeInteger(b),
  )
  return { draw }
}

/** Numbers in the range, rounded to a few decimals most of the time, the bounds now and then. */
function floatPlan({ low, high, lo, hi }: NumberRange): NumberPlan {
  const lowOpen = low?.exclusive === true
  const highOpen = high?.exclusive === true
  const inside = (v: number): boolean =>
    Number.isFinite(v) && (lowOpen ? v > lo : v >= lo) && (highOpen ? v < hi : v <= hi)
  // Proven (exact-proof.ts) when the bounds it returns as they are, and the midpoint it falls
  // back to, are in range: every other value returned passed `inside`.
  const proven = (lowOpen || inside(lo)) && (highOpen || inside(hi)) && inside((lo + hi) / 2)
  // lo + r * (hi - lo) overflows when the range is wider than the largest double.
  const width = hi - lo
  const wide = !Number.isFinite(width)
  const draw = provenPlan((rng: Rng) => {
    const r = rng.next()
    if (r < 0.06 && !lowOpen) return lo
    if (r < 0.12 && !highOpen) return hi
    const r2 = rng.next()
    const raw = wide ? lo * (1 - r2) + hi * r2 : lo + r2 * width
    const scale = SCALES[Math.floor(rng.next() * 5)] as number // rng.int(0, 4)
    const rounded = Math.round(raw * scale) / scale
    if (inside(rounded)) return rounded === 0 ? 0 : rounded
    if (inside(raw)) return raw
    return (lo + hi) / 2
  }, proven)
  skips.set(draw, (rng) => {
    const r = rng.next()
    if ((r < 0.06 && !lowOpen) || (r < 0.12 && !highOpen)) return
    rng.next()
    rng.next()
  })
  return { draw }
}

/** `x` within the finite doubles (JSON numbers). */
function finite(x: number): number {
  return Math.min(Number.MAX_VALUE, Math.max(-Number.MAX_VALUE, x))
}
