/**
 * The two-sample statistics of `compare` and `drift`, over summaries (category counts and number
 * sketches) so that they run on millions of rows in bounded memory:
 *
 * - PSI, the population stability index Σ (a − e) · ln(a / e) over bins (categories, or the
 *   reference's deciles for numbers), each share floored at 1e-4 so an empty bin stays finite;
 *   the industry reading is < 0.1 stable, 0.1–0.25 moderate, > 0.25 a shift.
 * - Pearson's chi-square test of homogeneity for categories (a 2 × k table, df = k − 1).
 * - The two-sample Kolmogorov–Smirnov test for numbers: D = max |F₁ − F₂| over the merged
 *   support, and its asymptotic p-value Q_KS((√nₑ + 0.12 + 0.11/√nₑ) · D) with
 *   nₑ = n·m/(n + m) (Stephens 1970; Numerical Recipes §14.3).
 */
import { chiSquareSurvival } from '../verify/index.js'
import { sketchPoints, sketchQuantile } from '../sketch.js'
import type { Sketch } from '../sketch.js'

/** The result of one two-sample test. */
export interface TestResult {
  /** The statistic: chi-square's X², or Kolmogorov–Smirnov's D. */
  readonly statistic: number
  /** P(a statistic at least this large | both samples come from one distribution). */
  readonly pValue: number
  /** Chi-square's degrees of freedom. */
  readonly df?: number
}

const floor = 1e-4

/** PSI over two vectors of counts for the same bins. */
export function psiOfCounts(reference: readonly number[], live: readonly number[]): number {
  const r = reference.reduce((a, b) => a + b, 0)
  const l = live.reduce((a, b) => a + b, 0)
  if (r === 0 || l === 0) return 0
  let psi = 0
  reference.forEach((count, i) => {
    const e = Math.max(floor, count / r)
    const a = Math.max(floor, (live[i] ?? 0) / l)
    psi += (a - e) * Math.log(a / e)
  })
  return psi
}

/** The categories of two count tables, in a fixed order. */
export function categoriesOf(
  a: Readonly<Record<string, number>>,
  b: Readonly<Record<string, number>>,
): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()
}

const own = (r: Readonly<Record<string, number>>, k: string): number =>
  Object.hasOwn(r, k) ? (r[k] ?? 0) : 0

/** PSI of two category count tables. */
export function psiOfCategories(
  reference: Readonly<Record<string, number>>,
  live: Readonly<Record<string, number>>,
): number {
  const keys = categoriesOf(reference, live)
  return psiOfCounts(
    keys.map((k) => own(reference, k)),
    keys.map((k) => own(live, k)),
  )
}

/**
 * Pearson's chi-square test that two category count tables come from one distribution.
 *
 * @example
 * chiSquareTwoSample({ a: 50, b: 50 }, { a: 50, b: 50 }).pValue // 1
 */
export function chiSquareTwoSample(
  reference: Readonly<Record<string, number>>,
  live: Readonly<Record<string, number>>,
): TestResult {
  const keys = categoriesOf(reference, live).filter((k) => own(reference, k) + own(live, k) > 0)
  const n1 = keys.reduce((s, k) => s + own(reference, k), 0)
  const n2 = keys.reduce((s, k) => s + own(live, k), 0)
  const n = n1 + n2
  if (keys.length < 2 || n1 === 0 || n2 === 0) return { statistic: 0, pValue: 1, df: 0 }
  let statistic = 0
  for (const k of keys) {
    const total = own(reference, k) + own(live, k)
    const e1 = (total * n1) / n
    const e2 = (total * n2) / n
    statistic += (own(reference, k) - e1) ** 2 / e1 + (own(live, k) - e2) ** 2 / e2
  }
  const df = keys.length - 1
  return { statistic, pValue: chiSquareSurvival(statistic, df), df }
}

/** Kolmogorov's survival function Q_KS(λ) = 2 Σ (−1)^(k−1) e^(−2k²λ²). */
export function kolmogorovSurvival(lambda: number): number {
  if (lambda < 0.2) return 1
  let sum = 0
  let sign = 1
  for (let k = 1; k <= 100; k++) {
    const term = sign * Math.exp(-2 * k * k * lambda * lambda)
    sum += term
    if (Math.abs(term) < 1e-12) break
    sign = -sign
  }
  return Math.min(1, Math.max(0, 2 * sum))
}

/** The KS p-value of statistic `d` for samples of sizes `n` and `m`. */
export function ksPValue(d: number, n: number, m: number): number {
  if (n === 0 || m === 0) return 1
  const ne = Math.sqrt((n * m) / (n + m))
  return kolmogorovSurvival((ne + 0.12 + 0.11 / ne) * d)
}

/**
 * The two-sample Kolmogorov–Smirnov test over two sketches (values within the sketch's 1%
 * buckets count as equal).
 */
export function ksTwoSample(reference: Sketch, live: Sketch): TestResult {
  const n = reference.count
  const m = live.count
  if (n === 0 || m === 0) return { statistic: 0, pValue: 1 }
  const a = sketchPoints(reference)
  const b = sketchPoints(live)
  let i = 0
  let j = 0
  let fa = 0
  let fb = 0
  let d = 0
  while (i < a.length || j < b.length) {
    const va = a[i]?.value ?? Infinity
    const vb = b[j]?.value ?? Infinity
    const v = Math.min(va, vb)
    while (i < a.length && (a[i]?.value ?? Infinity) === v) fa += (a[i++]?.count ?? 0) / n
    while (j < b.length && (b[j]?.value ?? Infinity) === v) fb += (b[j++]?.count ?? 0) / m
    d = Math.max(d, Math.abs(fa - fb))
  }
  return { statistic: d, pValue: ksPValue(d, n, m) }
}

/**
 * Exact two-sample KS over plain arrays (for tests and small samples).
 *
 * @example
 * ksOfSamples([1, 2, 3], [1, 2, 3]).statistic // 0
 */
export function ksOfSamples(x: readonly number[], y: readonly number[]): TestResult {
  const a = [...x].sort((p, q) => p - q)
  const b = [...y].sort((p, q) => p - q)
  let i = 0
  let j = 0
  let d = 0
  while (i < a.length && j < b.length) {
    const v = Math.min(a[i] ?? Infinity, b[j] ?? Infinity)
    while (i < a.length && a[i] === v) i++
    while (j < b.length && b[j] === v) j++
    d = Math.max(d, Math.abs(i / a.length - j / b.length))
  }
  return { statistic: d, pValue: ksPValue(d, a.length, b.length) }
}

/** PSI of two number sketches over ten bins cut at the reference's deciles. */
export function psiOfSketches(reference: Sketch, live: Sketch): number {
  if (reference.count === 0 || live.count === 0) return 0
  const cuts = [
    ...new Set([1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => sketchQuantile(reference, k / 10))),
  ]
  const bin = (value: number): number => {
    let k = 0
    while (k < cuts.length && value > (cuts[k] ?? Infinity)) k++
    return k
  }
  const counts = (s: Sketch): number[] => {
    const out = new Array<number>(cuts.length + 1).fill(0)
    for (const p of sketchPoints(s)) out[bin(p.value)] = (out[bin(p.value)] ?? 0) + p.count
    return out
  }
  return psiOfCounts(counts(reference), counts(live))
}
