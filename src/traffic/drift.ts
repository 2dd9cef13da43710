/**
 * `drift`: the live distribution of each input and output field against a reference (a verify
 * report, a recording, or summaries), with PSI and a two-sample test per field (chi-square for
 * categories, Kolmogorov–Smirnov for numbers), judged by the drift thresholds.
 */
import type { RecordedContract } from '../recording/index.js'
import { distributionOf } from './distribution.js'
import type { Distribution } from './distribution.js'
import { chiSquareTwoSample, ksTwoSample, psiOfCategories, psiOfSketches } from './statistics.js'
import type { FieldSummary, TrafficSummary } from './summary-types.js'
import { defaultMaxPsi, forField } from './thresholds.js'
import type { DriftThresholds } from './thresholds.js'

/** One field's drift. */
export interface FieldDrift {
  readonly side: 'input' | 'output'
  /** JSON pointer into the input or output record. */
  readonly pointer: string
  readonly kind: 'number' | 'category'
  /** Values on each side (records with the field). */
  readonly referenceCount: number
  readonly liveCount: number
  /** Population stability index, reference as the expected distribution. */
  readonly psi: number
  /** `chi-square` (categories) or `kolmogorov-smirnov` (numbers). */
  readonly test: 'chi-square' | 'kolmogorov-smirnov'
  readonly statistic: number
  readonly pValue: number
  readonly df?: number
  /** `failed` when a threshold is crossed; `skipped` when a side has no values. */
  readonly status: 'passed' | 'failed' | 'skipped'
  /** Why it failed or was skipped, one sentence each. */
  readonly reasons: readonly string[]
  /** Shares for the chart. */
  readonly distribution: Distribution
}

/** A drift run. */
export interface DriftResult {
  readonly format: 1
  readonly kind: 'drift'
  readonly contract?: RecordedContract
  readonly reference: { readonly sources: readonly string[]; readonly records: number }
  readonly live: {
    readonly sources: readonly string[]
    readonly records: number
    readonly skippedLines: number
  }
  readonly thresholds: DriftThresholds
  readonly verdict: 'passed' | 'failed'
  readonly fields: readonly FieldDrift[]
}

function countOf(f: FieldSummary): number {
  return f.kind === 'number'
    ? f.sketch.count
    : Object.values(f.counts).reduce((s, n) => s + n, 0) + f.other
}

const fixed = (x: number): string => (x < 1e-4 && x > 0 ? x.toExponential(2) : x.toFixed(4))

/** Compares one field; `kind` of the reference decides the test. */
export function fieldDrift(
  side: 'input' | 'output',
  pointer: string,
  reference: FieldSummary,
  live: FieldSummary,
  thresholds: DriftThresholds,
): FieldDrift {
  const referenceCount = countOf(reference)
  const liveCount = countOf(live)
  const base = { side, pointer, kind: reference.kind, referenceCount, liveCount }
  const distribution = distributionOf(reference, live)
  if (reference.kind !== live.kind || referenceCount === 0 || liveCount === 0)
    return {
      ...base,
      psi: 0,
      test: reference.kind === 'number' ? 'kolmogorov-smirnov' : 'chi-square',
      statistic: 0,
      pValue: 1,
      status: 'skipped',
      reasons: [
        reference.kind !== live.kind
          ? `the field is a ${reference.kind} in the reference and a ${live.kind} live`
          : `no values ${referenceCount === 0 ? 'in the reference' : 'live'}`,
      ],
      distribution,
    }
  const numbers = reference.kind === 'number' && live.kind === 'number'
  const psi =
    reference.kind === 'number' && live.kind === 'number'
      ? psiOfSketches(reference.sketch, live.sketch)
      : reference.kind === 'category' && live.kind === 'category'
        ? psiOfCategories(
            { ...reference.counts, '(other)': reference.other },
            { ...live.counts, '(other)': live.other },
          )
        : 0
  const test =
    reference.kind === 'number' && live.kind === 'number'
      ? ksTwoSample(reference.sketch, live.sketch)
      : reference.kind === 'category' && live.kind === 'category'
        ? chiSquareTwoSample(
            { ...reference.counts, '(other)': reference.other },
            { ...live.counts, '(other)': live.other },
          )
        : { statistic: 0, pValue: 1 }
  const reasons: string[] = []
  const maxPsi = thresholds.maxPsi ?? defaultMaxPsi
  if (psi > maxPsi) reasons.push(`PSI ${fixed(psi)} is above ${maxPsi}`)
  if (thresholds.minPValue !== undefined && test.pValue < thresholds.minPValue)
    reasons.push(
      `${numbers ? 'Kolmogorov–Smirnov' : 'chi-square'} p-value ${fixed(test.pValue)} is below ${thresholds.minPValue}`,
    )
  return {
    ...base,
    psi,
    test: numbers ? 'kolmogorov-smirnov' : 'chi-square',
    statistic: test.statistic,
    pValue: test.pValue,
    ...('df' in test && test.df !== undefined ? { df: test.df } : {}),
    status: reasons.length > 0 ? 'failed' : 'passed',
    reasons,
    distribution,
  }
}

/**
 * The drift of `live` against `reference`, field by field (fields of either side).
 *
 * @example
 * const result = driftOf(reference, live, { maxPsi: 0.2 })
 * if (result.verdict === 'failed') process.exitCode = 1
 */
export function driftOf(
  reference: TrafficSummary,
  live: TrafficSummary,
  thresholds: DriftThresholds,
): DriftResult {
  const fields: FieldDrift[] = []
  for (const side of ['input', 'output'] as const) {
    const ref = side === 'input' ? reference.inputs : reference.outputs
    const now = side === 'input' ? live.inputs : live.outputs
    for (const pointer of Object.keys(ref).sort()) {
      const r = ref[pointer]
      const l = Object.hasOwn(now, pointer) ? now[pointer] : undefined
      if (!r) continue
      fields.push(
        fieldDrift(
          side,
          pointer,
          r,
          l ??
            (r.kind === 'number'
              ? {
                  kind: 'number',
                  missing: 0,
                  sketch: {
                    count: 0,
                    sum: 0,
                    min: Infinity,
                    max: -Infinity,
                    zeros: 0,
                    positive: {},
                    negative: {},
                  },
                }
              : { kind: 'category', missing: 0, counts: {}, other: 0 }),
          forField(thresholds, pointer),
        ),
      )
    }
  }
  const contract = live.contract ?? reference.contract
  return {
    format: 1,
    kind: 'drift',
    ...(contract ? { contract } : {}),
    reference: { sources: reference.sources, records: reference.records },
    live: { sources: live.sources, records: live.records, skippedLines: live.skippedLines },
    thresholds,
    verdict: fields.some((f) => f.status === 'failed') ? 'failed' : 'passed',
    fields,
  }
}
