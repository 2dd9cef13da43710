/**
 * The one result model of a verify run. Every reporter (console, json, junit, html) reads this and
 * nothing else. It keeps "the model broke the contract" (a case or check that `failed`) apart from
 * "the target could not be reached" (an `unreachable` exchange, a check in `error`), as pact-js
 * keeps its verification results.
 *
 * The JSON reporter writes this object as is: `format` is bumped on any breaking change.
 */
import type { Problem } from '../errors.js'
import type { ProtocolName } from '../contract/index.js'

/** The checks verify runs, each with its own name in the result. */
export type CheckKind =
  | 'protocol'
  | 'conformance'
  | 'streaming'
  | 'rejection'
  | 'examples'
  | 'invariance'
  | 'directional'
  | 'distribution'
  | 'failureRate'
  | 'latency'
  | 'tokenLatency'
  | 'load'

/** Every check kind, in the order reports list them. */
export const checkKinds: readonly CheckKind[] = [
  'protocol',
  'conformance',
  'streaming',
  'rejection',
  'examples',
  'invariance',
  'directional',
  'distribution',
  'failureRate',
  'latency',
  'tokenLatency',
  'load',
]

/**
 * How a check or one case of a check ended.
 * `passed`: the model kept the promise. `failed`: the model broke it. `skipped`: not judged (the
 * reason says why). `error`: could not be judged because the target did not answer.
 */
export type Status = 'passed' | 'failed' | 'skipped' | 'error'

/** Where a case came from. */
export type CaseKind =
  | 'example'
  | 'generated'
  | 'boundary'
  | 'batch'
  | 'negative'
  | 'perturbed'
  /** openai-chat: a valid case sent again with `stream: true`. */
  | 'streamed'

/** The HTTP request a case sends (what the curl line reproduces). Absent for in-process targets. */
export interface WireRequest {
  /** HTTP method, for example `POST`. */
  readonly method: string
  /** Path on the target, for example `/v2/models/ticket-router/infer`. */
  readonly path: string
  /** Request headers sent (auth headers given by the user are masked as `***`). */
  readonly headers: Readonly<Record<string, string>>
  /** The body text exactly as sent. */
  readonly body: string
}

/**
 * What came back for one case.
 * - `answered`: the target sent an HTTP response (or the in-process model returned or threw).
 * - `unreachable`: no answer at all (refused, reset, timeout, DNS): the target could not be reached.
 * - `not-sent`: the case was not sent (the reason says why, for example a wire-only case against an in-process target).
 */
export type Exchange =
  | {
      readonly kind: 'answered'
      /** HTTP status (in-process: 200 for a value; 422 for an error carrying input problems, 500 for any other throw, injected faults included: `errorOutcome`). */
      readonly status: number
      /** The response's content type (empty when none). */
      readonly contentType: string
      /** The parsed JSON body; absent when the body was not JSON. */
      readonly body?: unknown
      /** True when the body parsed as JSON. */
      readonly json: boolean
      /** The first 2,000 characters of the body text when it was not JSON. */
      readonly text?: string
      /**
       * Why the body was not taken as JSON, or what else is wrong with the answer: over the size
       * cap, nested too deep, JSON under a non-JSON content type, corrupt compression, a redirect.
       */
      readonly bodyProblem?: string
      /** Milliseconds from sending the request to the last byte of the answer. */
      readonly latencyMs: number
    }
  | {
      readonly kind: 'unreachable'
      /** `refused`, `reset` (dropped connection), `timeout`, `dns` or `other`. */
      readonly reason: 'refused' | 'reset' | 'timeout' | 'dns' | 'other'
      /** One sentence, for example `no answer within 10000 ms`. */
      readonly message: string
      /** Milliseconds until the failure was noticed. */
      readonly latencyMs: number
    }
  | {
      readonly kind: 'not-sent'
      /** Why the case was not sent. */
      readonly reason: string
    }

/** One case: an input sent to the target, and what came back. */
export interface CaseResult {
  /** Stable id within a run (same seed and options, same ids), for `--replay`: `example:grocery`, `generated:17`, `negative:missing-required:/amount`. */
  readonly id: string
  /** Where the case came from. */
  readonly kind: CaseKind
  /** One line saying what the case is. */
  readonly description: string
  /** The input records sent (negative wire-level cases: the records before the wire was broken). */
  readonly records: readonly unknown[]
  /** The HTTP request sent, for URL targets. */
  readonly request?: WireRequest
  /** What came back. */
  readonly exchange: Exchange
  /** The outputs decoded from a 2xx answer (one per record), when the envelope was right. */
  readonly outputs?: readonly unknown[]
}

/** The verdict on one case within one check. */
export interface CaseVerdict {
  /** The case judged (for invariance/directional: the perturbed case; `baseId` is its original). */
  readonly caseId: string
  /** The original case of a perturbed pair. */
  readonly baseId?: string
  /** How it ended. */
  readonly status: Status
  /** One sentence: what was wrong (or why skipped / not judged). Empty for a pass. */
  readonly message: string
  /** Every violation, by JSON pointer into the output, the response body or the input. */
  readonly problems: readonly Problem[]
}

/** One check: a named promise and how the model kept it. */
export interface CheckResult {
  /** Unique in the result: the kind, plus the behaviour's name or the field path (`invariance: casing does not change the category`). */
  readonly id: string
  /** Which check. */
  readonly kind: CheckKind
  /** Human name: the contract's behaviour name, the distribution path, or the kind. */
  readonly name: string
  /** Overall status. */
  readonly status: Status
  /** One line: what was measured against what was promised. */
  readonly summary: string
  /** Why the check was skipped or could not be judged. */
  readonly reason?: string
  /** Per-case verdicts (per-case checks only; aggregate checks have none). */
  readonly cases: readonly CaseVerdict[]
  /** Numbers measured: percentiles, rates, shares, statistics (reported as is). */
  readonly measurements: Readonly<Record<string, number>>
  /** Pass share required (invariance/directional), 0..1. */
  readonly threshold?: number
}

/** Latency over every valid-input request that got an answer. */
export interface LatencySummary {
  /** Requests measured. */
  readonly count: number
  readonly min: number
  readonly mean: number
  readonly p50: number
  readonly p95: number
  readonly p99: number
  readonly max: number
  /** Every measured latency in ms, in the order sent (for histograms). */
  readonly samples: readonly number[]
}

/** The load run (open model: requests start on schedule whether or not earlier ones answered). */
export interface LoadSummary {
  /** Requests per minute scheduled. */
  readonly targetRpm: number
  /** Requests per minute actually started over the schedule (the arrival rate kept). */
  readonly achievedRpm: number
  /** Milliseconds from the first request to the last answer. */
  readonly durationMs: number
  /** Requests started. */
  readonly sent: number
  /** Requests answered 2xx. */
  readonly ok: number
  /** Requests answered non-2xx or unreachable. */
  readonly errors: number
  /** Latency from the scheduled start (no coordinated omission), ms. */
  readonly p50: number
  readonly p95: number
  readonly p99: number
  /** Mean latency over every request, ms. */
  readonly mean?: number
  readonly max: number
}

/** openai-chat streams: time to first token and tokens per second of each 2xx stream. */
export interface StreamingSummary {
  /** Streams answered 2xx. */
  readonly count: number
  /** Time to first content token of each stream, ms, in the order sent. */
  readonly timeToFirstToken: readonly number[]
  /** Content tokens per second after the first token, of each stream with two tokens or more. */
  readonly tokensPerSecond: readonly number[]
}

/** A finished verify run. */
export interface VerifyResult {
  /** Version of this result format (the json report). */
  readonly format: 1
  /** The contract verified. */
  readonly contract: {
    readonly name: string
    readonly version: string
    readonly protocol: ProtocolName
    readonly file?: string
  }
  /** The target: its kind and a printable description (a URL, `mock`, `express app`, `function`). */
  readonly target: {
    readonly kind: 'url' | 'mock' | 'app' | 'function'
    readonly description: string
  }
  /** The seed every case was drawn from: rerun with it to get the same cases. */
  readonly seed: number
  /** Generated cases asked for. */
  readonly casesRequested: number
  /**
   * With `casesFrom` (`--cases-from`): the file as given, and how many of its inputs the checks
   * took (its first rows) in place of generated ones. A case of the run is replayed with the same
   * file and that many cases.
   */
  readonly casesFrom?: { readonly file: string; readonly inputs: number }
  /**
   * True when model quality was judged against the stand-in (`forceQuality`): its invariance and
   * directional cases exist only then, so a replay needs it too.
   */
  readonly forceQuality?: true
  /** ISO time the run started. */
  readonly startedAt: string
  /** Wall time of the run, ms. */
  readonly durationMs: number
  /** `passed` when every check passed or was skipped; `failed` otherwise. */
  readonly verdict: 'passed' | 'failed'
  /** Every check, in `checkKinds` order. */
  readonly checks: readonly CheckResult[]
  /** Every case sent (or not sent, with its reason). */
  readonly cases: readonly CaseResult[]
  /** Cases for which the target could not be reached (refused, reset, timeout). */
  readonly unreachable: number
  /** Latency over every answered valid-input request. */
  readonly latency: LatencySummary
  /** The load run, when one ran. */
  readonly load?: LoadSummary
  /** openai-chat: the streamed requests' timing, when streams were sent. */
  readonly streaming?: StreamingSummary
  /** The case replayed, when `replay` was given (then only that case and its checks ran). */
  readonly replay?: string
}
