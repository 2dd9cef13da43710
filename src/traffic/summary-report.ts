/**
 * The readable side of a summary: live latency percentiles, failure rate, violations by
 * pointer, and the distribution of each prediction field (what `standin summary` reports).
 */
import type { RecordedContract } from '../recording/index.js'
import { sketchMean, sketchQuantile } from '../sketch.js'
import type { TrafficSummary } from './summary-types.js'

/** One prediction field in a summary report. */
export interface PredictionSummary {
  readonly pointer: string
  readonly kind: 'number' | 'category'
  readonly count: number
  readonly missing: number
  /** Categories: share of each value (the 20 most frequent; the rest as `(other)`). */
  readonly shares?: readonly { readonly label: string; readonly share: number }[]
  /** Numbers: min, percentiles, max and mean. */
  readonly quantiles?: {
    readonly min: number
    readonly p50: number
    readonly p95: number
    readonly max: number
    readonly mean: number
  }
}

/** What `standin summary` reports. */
export interface SummaryReport {
  readonly format: 1
  readonly kind: 'summary'
  readonly contract?: RecordedContract
  readonly sources: readonly string[]
  readonly exchanges: number
  readonly records: number
  readonly failures: number
  /** failures / exchanges (0 when none). */
  readonly failureRate: number
  readonly outcomes: Readonly<Record<string, number>>
  readonly statuses: Readonly<Record<string, number>>
  readonly latency: {
    readonly count: number
    readonly p50: number
    readonly p95: number
    readonly p99: number
    readonly mean: number
    readonly max: number
  }
  readonly violations: {
    readonly total: number
    readonly exchanges: number
    readonly byPointer: Readonly<Record<string, number>>
  }
  readonly predictions: readonly PredictionSummary[]
  readonly skippedLines: number
  readonly first?: string
  readonly last?: string
}

/** A figure of a report, to two decimals (0 when there is none: an empty sketch). */
export const r2 = (x: number): number => (Number.isFinite(x) ? Math.round(x * 100) / 100 : 0)

/** The report of a summary. */
export function summaryReport(summary: TrafficSummary): SummaryReport {
  const predictions = Object.entries(summary.outputs)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([pointer, f]): PredictionSummary => {
      if (f.kind === 'number') {
        const s = f.sketch
        return {
          pointer,
          kind: 'number',
          count: s.count,
          missing: f.missing,
          quantiles: {
            min: r2(s.count ? s.min : NaN),
            p50: r2(sketchQuantile(s, 0.5)),
            p95: r2(sketchQuantile(s, 0.95)),
            max: r2(s.count ? s.max : NaN),
            mean: r2(sketchMean(s)),
          },
        }
      }
      const total = Object.values(f.counts).reduce((a, b) => a + b, 0) + f.other
      const ranked = Object.entries(f.counts).sort(
        (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
      )
      const shown = ranked.slice(0, 20)
      const rest = ranked.slice(20).reduce((a, [, n]) => a + n, 0) + f.other
      const share = (n: number): number => (total ? Math.round((n / total) * 1e4) / 1e4 : 0)
      return {
        pointer,
        kind: 'category',
        count: total,
        missing: f.missing,
        shares: [
          ...shown.map(([label, n]) => ({ label, share: share(n) })),
          ...(rest > 0 ? [{ label: '(other)', share: share(rest) }] : []),
        ],
      }
    })
  const l = summary.latency
  return {
    format: 1,
    kind: 'summary',
    ...(summary.contract ? { contract: summary.contract } : {}),
    sources: summary.sources,
    exchanges: summary.exchanges,
    records: summary.records,
    failures: summary.failures,
    failureRate: summary.exchanges
      ? Math.round((summary.failures / summary.exchanges) * 1e6) / 1e6
      : 0,
    outcomes: summary.outcomes,
    statuses: summary.statuses,
    latency: {
      count: l.count,
      p50: r2(sketchQuantile(l, 0.5)),
      p95: r2(sketchQuantile(l, 0.95)),
      p99: r2(sketchQuantile(l, 0.99)),
      mean: r2(sketchMean(l)),
      max: r2(l.count ? l.max : NaN),
    },
    violations: summary.violations,
    predictions,
    skippedLines: summary.skippedLines,
    ...(summary.first !== undefined ? { first: summary.first } : {}),
    ...(summary.last !== undefined ? { last: summary.last } : {}),
  }
}
