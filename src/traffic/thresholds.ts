/**
 * The thresholds `compare` and `drift` judge by: the contract's `checks.compare` and
 * `checks.drift`, overridden by command-line flags, and per field by their `fields` map. A
 * threshold that is not set is not judged, except drift's `maxPsi`, 0.25 by default (the usual
 * line for a significant population shift); compare judges PSI only when it is set.
 */

/** Drift thresholds (`checks.drift`). */
export interface DriftThresholds {
  /** Largest PSI per field (default 0.25). */
  readonly maxPsi?: number
  /** Smallest p-value per field (chi-square or Kolmogorov–Smirnov); not judged when absent. */
  readonly minPValue?: number
  /** Per-field thresholds by JSON pointer, over the others. */
  readonly fields?: Readonly<Record<string, DriftThresholds>>
}

/** Compare thresholds (`checks.compare`): drift's, plus the paired measures. */
export interface CompareThresholds extends DriftThresholds {
  /** Smallest share of inputs on which both models give the same label, per category field. */
  readonly minAgreement?: number
  /** Largest mean absolute difference per number field. */
  readonly maxMeanAbsDiff?: number
  /** Largest absolute difference per number field, on any input. */
  readonly maxAbsDiff?: number
  /** Smallest Pearson correlation per number field. */
  readonly minCorrelation?: number
  /** Largest ratio of the candidate's p99 latency to the baseline's. */
  readonly maxLatencyRatio?: number
  /** Per-field thresholds by output pointer, over the others. */
  readonly fields?: Readonly<Record<string, CompareThresholds>>
}

/** The PSI above which a field fails when no threshold is set. */
export const defaultMaxPsi = 0.25

/** Contract thresholds with the flags given laid over them. */
export function withOverrides<T extends object>(contract: T | undefined, flags: Partial<T>): T {
  const out: Record<string, unknown> = { ...(contract ?? {}) }
  for (const [k, v] of Object.entries(flags)) if (v !== undefined) out[k] = v
  return out as T
}

/** The thresholds for one field: the section's, with the field's own laid over them. */
export function forField<
  T extends DriftThresholds & { readonly fields?: Readonly<Record<string, object>> },
>(thresholds: T, pointer: string): T {
  const own =
    thresholds.fields && Object.hasOwn(thresholds.fields, pointer)
      ? thresholds.fields[pointer]
      : undefined
  return own ? { ...thresholds, ...own } : thresholds
}
