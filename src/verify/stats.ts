/** Small statistics verify needs: quantiles and Pearson's chi-square goodness-of-fit test. */
import { hasOwn } from '../json/index.js'

/**
 * The q-quantile (0..1) of `values` by linear interpolation between order statistics
 * (Hyndman-Fan type 7, the default of R and numpy). `NaN` for no values.
 *
 * @example
 * quantile([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, q))
  const lo = Math.floor(h)
  const a = sorted[lo] ?? Number.NaN
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a
  return a + (h - lo) * (b - a)
}

/** ln Γ(x) by the Lanczos approximation (g = 7, n = 9). */
function lnGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ]
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x)
  const z = x - 1
  let sum = c[0] ?? 1
  for (let i = 1; i < 9; i++) sum += (c[i] ?? 0) / (z + i)
  const t = z + 7.5
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum)
}

/** The regularized upper incomplete gamma function Q(a, x) (series / continued fraction). */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1
  if (x < a + 1) {
    let term = 1 / a
    let sum = term
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n)
      sum += term
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - lnGamma(a))
  }
  let b = x + 1 - a
  let c = 1 / 1e-300
  let d = 1 / b
  let h = d
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a)
    b += 2
    d = an * d + b
    if (Math.abs(d) < 1e-300) d = 1e-300
    c = b + an / c
    if (Math.abs(c) < 1e-300) c = 1e-300
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < 1e-15) break
  }
  return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h
}

/**
 * P(X² ≥ statistic) for a chi-square distribution with `df` degrees of freedom (the upper
 * regularized incomplete gamma function Q(df/2, statistic/2)).
 *
 * @example
 * chiSquareSurvival(3.841, 1) // ≈ 0.05
 */
export function chiSquareSurvival(statistic: number, df: number): number {
  if (!Number.isFinite(statistic)) return 0
  return Math.min(1, Math.max(0, gammaQ(df / 2, statistic / 2)))
}

/** Pearson's chi-square test of observed counts against expected shares. */
export interface ChiSquare {
  readonly statistic: number
  readonly df: number
  /** P(X² ≥ statistic) under the expected shares. */
  readonly pValue: number
}

/**
 * Pearson's chi-square goodness-of-fit test. `expected` shares are normalised to sum to 1;
 * categories observed but not expected get a share of 0 and, when observed, make the p-value 0.
 *
 * @example
 * chiSquare({ a: 50, b: 50 }, { a: 0.5, b: 0.5 }).pValue // 1
 */
export function chiSquare(
  observed: Readonly<Record<string, number>>,
  expected: Readonly<Record<string, number>>,
): ChiSquare {
  const keys = [...new Set([...Object.keys(observed), ...Object.keys(expected)])]
  // Own counts only: a category named `constructor` must not read Object.prototype's.
  const count = (r: Readonly<Record<string, number>>, k: string): number =>
    hasOwn(r, k) ? (r[k] ?? 0) : 0
  const n = keys.reduce((s, k) => s + count(observed, k), 0)
  const total = keys.reduce((s, k) => s + count(expected, k), 0)
  let statistic = 0
  for (const k of keys) {
    const e = total > 0 ? (n * count(expected, k)) / total : 0
    const o = count(observed, k)
    if (e === 0) {
      if (o > 0) statistic = Number.POSITIVE_INFINITY
      continue
    }
    statistic += (o - e) ** 2 / e
  }
  const df = Math.max(1, keys.filter((k) => (expected[k] ?? 0) > 0).length - 1)
  const pValue = Number.isFinite(statistic) ? gammaQ(df / 2, statistic / 2) : 0
  return { statistic, df, pValue: Math.min(1, Math.max(0, pValue)) }
}
