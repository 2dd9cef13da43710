/**
 * The recording format (JSON Lines, `format: 1`): a header line naming the contract, then one
 * line per exchange the proxy saw. Decoded records are stored (not the protocol's envelope), so
 * `summary`, `drift` and `compare` read a recording without knowing the wire protocol, and
 * `verify --cases-from` re-encodes the inputs for any target.
 */
import type { ProtocolName } from '../contract/index.js'

/** The contract a recording (or summary) was made for. */
export interface RecordedContract {
  readonly name: string
  readonly version: string
  readonly protocol: ProtocolName
}

/** The first line of every recording file (and of each file after a rotation). */
export interface RecordingHeader {
  readonly standin: 'recording'
  readonly format: 1
  readonly contract: RecordedContract
  /** When this file was started (ISO 8601). */
  readonly startedAt: string
  /** Share of exchanges kept (1: all). */
  readonly sampleRate: number
  /** Input pointers masked as `***` in this file. */
  readonly redacted: readonly string[]
}

/** How an exchange ended. */
export type Outcome =
  /** The model answered in full (any status). */
  | 'answered'
  /** The model closed the connection before a full answer (before or after its headers). */
  | 'closed'
  /** The model could not be reached (refused, DNS). */
  | 'unreachable'
  /** The model did not answer in time. */
  | 'timeout'

/** One contract violation seen by the proxy. */
export interface Violation {
  /** `request`: the service sent it; `answer`: the model answered it. */
  readonly side: 'request' | 'answer'
  /** JSON pointer into the input record (request) or output record (answer); batches are prefixed `/i`. */
  readonly pointer: string
  readonly message: string
}

/** One line of a recording after its header. */
export interface RecordedExchange {
  /** When the request arrived (ISO 8601). */
  readonly time: string
  /** Milliseconds from the request's arrival at the proxy to the model's last byte. */
  readonly latencyMs: number
  readonly method: string
  readonly path: string
  /** The model's HTTP status; absent when it sent none. */
  readonly status?: number
  readonly outcome: Outcome
  /** The input records the request carried (decoded from the protocol's envelope). */
  readonly inputs?: readonly unknown[]
  /** The output records of a 2xx answer (decoded from the protocol's envelope). */
  readonly outputs?: readonly unknown[]
  /** The request body's first 2,000 characters, when it could not be decoded. */
  readonly requestText?: string
  /** The answer body's first 2,000 characters, when it could not be decoded. */
  readonly answerText?: string
  /** What went wrong on the wire (`ECONNRESET: ...`), for `closed`, `unreachable` and `timeout`. */
  readonly error?: string
  /** Bytes of a line too large to keep (`inputs` and `outputs` were dropped). */
  readonly oversize?: number
  readonly violations: readonly Violation[]
}

/** True when `value` is a recording header line. */
export function isRecordingHeader(value: unknown): value is RecordingHeader {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { standin?: unknown }).standin === 'recording'
  )
}

/**
 * True when `value` is marked as an exchange line (an outcome, a latency, violations), so its
 * `inputs` are the records it carried: enough for `verify --cases-from`, which reads nothing
 * else of it. `summary`, `drift` and `compare` check the whole line (`recording-shape.ts`).
 */
export function looksLikeExchange(value: unknown): value is Pick<RecordedExchange, 'inputs'> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.outcome === 'string' &&
    typeof v.latencyMs === 'number' &&
    Array.isArray(v.violations) &&
    (v.inputs === undefined || Array.isArray(v.inputs)) &&
    (v.outputs === undefined || Array.isArray(v.outputs))
  )
}
