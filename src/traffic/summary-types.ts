/**
 * The summary file (`standin summary --out`, `format: 1`): everything `summary` and `drift` need
 * from a recording, in bounded size, and mergeable: summaries of shards added together equal the
 * summary of the whole (counts add; number sketches merge bucket by bucket).
 */
import type { RecordedContract } from '../recording/index.js'
import type { Sketch } from '../sketch.js'

/** A number field: how many records lacked it, and the sketch of its values. */
export interface NumberField {
  readonly kind: 'number'
  missing: number
  readonly sketch: Sketch
}

/** A category field: counts per value (as JSON text), the rest past the cap in `other`. */
export interface CategoryField {
  readonly kind: 'category'
  missing: number
  readonly counts: Record<string, number>
  /** Records whose value was past the first `maxCategories` distinct values. */
  other: number
}

/** One field's summary. */
export type FieldSummary = NumberField | CategoryField

/** The summary of one or more recordings. */
export interface TrafficSummary {
  readonly standin: 'summary'
  readonly format: 1
  /** The contract of the recordings (from their headers), when known. */
  contract?: RecordedContract
  /** The files summarised (recordings and merged summaries). */
  readonly sources: string[]
  /** Exchanges read. */
  exchanges: number
  /** Input records read (a batch counts each record). */
  records: number
  /** Exchanges by outcome: answered, closed, unreachable, timeout. */
  readonly outcomes: Record<string, number>
  /** Answered exchanges by HTTP status. */
  readonly statuses: Record<string, number>
  /** Exchanges that were not answered 2xx. */
  failures: number
  /** Contract violations: in total, exchanges with at least one, and per `side#pointer`. */
  readonly violations: {
    total: number
    exchanges: number
    readonly byPointer: Record<string, number>
  }
  /** Latency of every exchange, in ms. */
  readonly latency: Sketch
  /** Input fields, by JSON pointer. */
  readonly inputs: Record<string, FieldSummary>
  /** Output fields (predictions), by JSON pointer. */
  readonly outputs: Record<string, FieldSummary>
  /** Lines skipped as truncated or not JSON. */
  skippedLines: number
  /** Time of the first and last exchange (ISO 8601). */
  first?: string
  last?: string
}

/** Distinct values kept per category field; the rest count as `other`. */
export const maxCategories = 200
