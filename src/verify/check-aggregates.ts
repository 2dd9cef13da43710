/**
 * The aggregate checks: distribution (class shares and numeric ranges or quantiles of one output
 * field over the generated inputs), failureRate (5xx answers and unreachable requests over every
 * valid-input request) and latency (p50/p95/p99 against the contract's promises).
 */
import { resolvePointer } from '../json/index.js'
import type { DistributionCheck, LatencyCheck } from '../contract/index.js'
import type { CheckResult, LatencySummary } from './result-types.js'
import type { SentCase } from './sent-case.js'
import { cleanOutputs, outcomeOf, unjudged } from './sent-case.js'
import { chiSquare, quantile } from './stats.js'
import { plural } from '../plural.js'

/** Significance level of the chi-square test of expected shares. */
const alpha = 0.01

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`

function aggregate(
  kind: CheckResult['kind'],
  name: string,
  passed: boolean,
  summary: string,
  measurements: Record<string, number>,
  id: string = kind,
): CheckResult {
  return { id, kind, name, status: passed ? 'passed' : 'failed', summary, cases: [], measurements }
}

/** A skipped check with its reason. */
export function skippedCheck(
  kind: CheckResult['kind'],
  reason: string,
  name: string = kind,
  id: string = kind,
): CheckResult {
  return {
    id,
    kind,
    name,
    status: 'skipped',
    summary: `skipped: ${reason}`,
    reason,
    cases: [],
    measurements: {},
  }
}

/** The categories and numbers seen at `path` over the generated outputs. */
export function valuesAt(generated: readonly SentCase[], path: string): unknown[] {
  return generated.flatMap((sent) => {
    const outputs = cleanOutputs(sent)
    if (!outputs) return []
    const at = resolvePointer(outputs[0], path)
    return at.found ? [at.value] : []
  })
}

/** distribution: one check over one output path. */
export function checkDistribution(
  spec: DistributionCheck,
  generated: readonly SentCase[],
): CheckResult {
  const values = valuesAt(generated, spec.path)
  const id = `distribution: ${spec.path}`
  if (values.length === 0) {
    const reached = generated.some((s) => unjudged(s) === 'skipped')
    const reason = reached
      ? 'no generated input got an output valid by the contract (conformance judges that)'
      : 'no generated input got an answer from the target'
    return {
      ...skippedCheck('distribution', reason, spec.path, id),
      status: reached ? 'skipped' : 'error',
    }
  }
  const seen: Measured = { failures: [], measurements: { n: values.length } }
  const categorical =
    spec.maxShare !== undefined || spec.minDistinct !== undefined || spec.shares !== undefined
  if (categorical) measureCategories(spec, values, seen)
  if (spec.min !== undefined || spec.max !== undefined || spec.quantiles !== undefined)
    measureNumbers(spec, values, seen)
  const { failures, measurements } = seen
  const summary =
    failures.length > 0
      ? failures.join('; ')
      : categorical
        ? `${measurements.distinct} distinct values over ${values.length} outputs, top share ${pct(measurements.maxShare ?? 0)}`
        : `${values.length} outputs within range (min ${measurements.min}, max ${measurements.max})`
  return aggregate('distribution', spec.path, failures.length === 0, summary, measurements, id)
}

/** What a distribution check found: its failures and its measurements, in the report's order. */
interface Measured {
  readonly failures: string[]
  readonly measurements: Record<string, number>
}

/** The categorical side of a distribution: distinct values, the top share, expected shares. */
function measureCategories(
  spec: DistributionCheck,
  values: readonly unknown[],
  seen: Measured,
): void {
  const { failures, measurements } = seen
  // No prototype: a model may answer any category, `__proto__` and `constructor` included.
  const countsBy = Object.create(null) as Record<string, number>
  for (const v of values) {
    const key = typeof v === 'string' ? v : JSON.stringify(v)
    countsBy[key] = (countsBy[key] ?? 0) + 1
  }
  const distinct = Object.keys(countsBy).length
  const [topKey, topCount] = Object.entries(countsBy).sort((a, b) => b[1] - a[1])[0] ?? ['', 0]
  const top = topCount / values.length
  measurements.distinct = distinct
  measurements.maxShare = top
  for (const [k, c] of Object.entries(countsBy)) measurements[`share:${k}`] = c / values.length
  if (spec.maxShare !== undefined && top > spec.maxShare)
    failures.push(
      `"${topKey}" has ${pct(top)} of predictions, above maxShare ${pct(spec.maxShare)}`,
    )
  if (spec.minDistinct !== undefined && distinct < spec.minDistinct)
    failures.push(`${distinct} distinct values, fewer than minDistinct ${spec.minDistinct}`)
  if (spec.shares !== undefined)
    measureShares(spec.shares, spec.tolerance, countsBy, values.length, seen)
}

/**
 * The expected shares against the counts seen, by a chi-square test: fails only when the
 * deviation is both significant and larger than the tolerance.
 */
function measureShares(
  shares: NonNullable<DistributionCheck['shares']>,
  tolerance: number | undefined,
  countsBy: Record<string, number>,
  n: number,
  seen: Measured,
): void {
  const test = chiSquare(countsBy, shares)
  const allowed = tolerance ?? 0.1
  seen.measurements.chiSquare = test.statistic
  seen.measurements.df = test.df
  seen.measurements.pValue = test.pValue
  const off = Object.entries(shares)
    .map(([k, share]) => ({ k, share, seen: (countsBy[k] ?? 0) / n }))
    .filter((s) => Math.abs(s.seen - s.share) > allowed)
  // Fail only when the deviation is both significant and larger than the tolerance: a tiny
  // but significant drift on many cases, or a large one on a handful, does not fail alone.
  if (test.pValue < alpha && off.length > 0)
    seen.failures.push(
      `shares differ from the expected ones (chi-square ${test.statistic.toFixed(2)}, df ${test.df}, p = ${test.pValue.toExponential(2)}): ${off.map((o) => `"${o.k}" ${pct(o.seen)} vs ${pct(o.share)}`).join(', ')}`,
    )
}

/** The numeric side of a distribution: every value a number, the range, the quantiles. */
function measureNumbers(spec: DistributionCheck, values: readonly unknown[], seen: Measured): void {
  const { failures, measurements } = seen
  const numbers = values.filter((v): v is number => typeof v === 'number')
  if (numbers.length < values.length)
    failures.push(`${values.length - numbers.length} values are not numbers`)
  const lo = Math.min(...numbers)
  const hi = Math.max(...numbers)
  measurements.min = lo
  measurements.max = hi
  if (spec.min !== undefined && lo < spec.min) failures.push(`minimum ${lo} is below ${spec.min}`)
  if (spec.max !== undefined && hi > spec.max) failures.push(`maximum ${hi} is above ${spec.max}`)
  for (const q of spec.quantiles ?? []) {
    const v = quantile(numbers, q.q)
    measurements[`q${q.q}`] = v
    if ((q.min !== undefined && v < q.min) || (q.max !== undefined && v > q.max))
      failures.push(
        `quantile ${q.q} is ${v.toPrecision(4)}, outside [${q.min ?? '-∞'}, ${q.max ?? '∞'}]`,
      )
  }
}

/** failureRate: 5xx and 429 answers and unreachable requests over every valid-input request sent. */
export function checkFailureRate(max: number | undefined, valid: readonly SentCase[]): CheckResult {
  const sent = valid.filter((s) => s.result.exchange.kind !== 'not-sent')
  const failed = sent.filter((s) => {
    const outcome = outcomeOf(s.result.exchange)
    return outcome === 'unreachable' || outcome === 'failed'
  })
  const unreachable = sent.filter((s) => s.result.exchange.kind === 'unreachable').length
  const rate = sent.length === 0 ? 0 : failed.length / sent.length
  const measurements = { rate, failed: failed.length, unreachable, requests: sent.length }
  if (max === undefined) {
    return {
      ...aggregate('failureRate', 'failureRate', failed.length === 0, '', measurements),
      summary: `${failed.length} of ${sent.length} requests failed (${pct(rate)}); the contract promises no rate, so any failure fails`,
    }
  }
  return aggregate(
    'failureRate',
    'failureRate',
    rate <= max,
    `${failed.length} of ${sent.length} requests failed (${pct(rate)}${unreachable > 0 ? `, ${unreachable} unreachable` : ''}), promised at most ${pct(max)}`,
    measurements,
  )
}

/** The latency summary of the answered valid-input requests. */
export function latencySummary(valid: readonly SentCase[]): LatencySummary {
  const samples = valid.flatMap((s) =>
    s.result.exchange.kind === 'answered' ? [s.result.exchange.latencyMs] : [],
  )
  const round = (x: number): number => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : 0)
  return {
    count: samples.length,
    min: round(Math.min(...samples)),
    mean: round(samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length)),
    p50: round(quantile(samples, 0.5)),
    p95: round(quantile(samples, 0.95)),
    p99: round(quantile(samples, 0.99)),
    max: round(Math.max(...samples)),
    samples: samples.map(round),
  }
}

/** latency: measured percentiles against the promised ones. */
export function checkLatency(
  promise: LatencyCheck | undefined,
  summary: LatencySummary,
): CheckResult {
  const measurements = {
    p50: summary.p50,
    p95: summary.p95,
    p99: summary.p99,
    count: summary.count,
  }
  if (!promise || (['p50', 'p95', 'p99'] as const).every((k) => promise[k] === undefined))
    return skippedCheck('latency', 'the contract promises no latency')
  if (summary.count === 0)
    return { ...skippedCheck('latency', 'no request was answered'), status: 'error' }
  const keys = (['p50', 'p95', 'p99'] as const).filter((k) => promise[k] !== undefined)
  const over = keys.filter((k) => summary[k] > (promise[k] ?? Infinity))
  const text = keys.map((k) => `${k} ${summary[k].toFixed(1)} ms (≤ ${promise[k]} ms)`).join(', ')
  return aggregate(
    'latency',
    'latency',
    over.length === 0,
    over.length === 0
      ? `${text} over ${plural(summary.count, 'request')}`
      : `${over.join(', ')} over the promise: ${text}`,
    measurements,
  )
}
