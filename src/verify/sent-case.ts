/** A planned case together with what came back (internal to verify). */
import { isProblemCode } from '../errors.js'
import type { Problem } from '../errors.js'
import type { CaseSpec } from './case-spec.js'
import type { CaseResult, CaseVerdict, Exchange, Status } from './result-types.js'

/** A case after sending: the plan, the result, and what decoding the answer found. */
export interface SentCase {
  readonly spec: CaseSpec
  readonly result: CaseResult
  /** Envelope problems of a 2xx answer (wrong batch length, tensors), by pointer into the body. */
  readonly envelope: readonly Problem[]
  /** Output-schema problems of the decoded outputs (pointer `/i/...` for batch item i > 0). */
  readonly schema: readonly Problem[]
}

/**
 * What an exchange means for the checks, decided here only, as `errorOutcome` (mock/) decides it
 * for an error an in-process model throws (a rejection is a 4xx, a failure a 5xx):
 * - `not-sent`: the case could not be sent to this target;
 * - `unreachable`: no answer (refused, reset, timed out, given up);
 * - `failed`: a 5xx, or a 429 (rate limited), which failureRate counts;
 * - `rejected`: any other 4xx;
 * - `answered`: a 2xx;
 * - `other`: any other status (1xx, 3xx).
 */
export type Outcome = 'not-sent' | 'unreachable' | 'failed' | 'rejected' | 'answered' | 'other'

/** The outcome of an exchange. */
export function outcomeOf(exchange: Exchange): Outcome {
  if (exchange.kind !== 'answered') return exchange.kind
  const { status } = exchange
  if (failedToAnswer(status)) return 'failed'
  if (status >= 400) return 'rejected'
  if (status >= 200 && status <= 299) return 'answered'
  return 'other'
}

/** A clean output: answered 2xx, JSON, right envelope, valid by the output schema. */
export function cleanOutputs(sent: SentCase): readonly unknown[] | undefined {
  const { exchange, outputs } = sent.result
  if (outcomeOf(exchange) !== 'answered') return undefined
  if (!outputs || sent.envelope.length > 0 || sent.schema.length > 0) return undefined
  return outputs
}

/** A verdict. */
export function verdict(
  caseId: string,
  status: Status,
  message = '',
  problems: readonly Problem[] = [],
  baseId?: string,
): CaseVerdict {
  return { caseId, status, message, problems, ...(baseId !== undefined ? { baseId } : {}) }
}

/** Why a case produced no output to judge (or `undefined` when it did). */
export function noOutputReason(sent: SentCase): string | undefined {
  const { exchange } = sent.result
  if (exchange.kind === 'not-sent') return `not sent: ${exchange.reason}`
  if (exchange.kind === 'unreachable') return `the target could not be reached: ${exchange.message}`
  if (exchange.status < 200 || exchange.status > 299) return `answered ${exchange.status}`
  if (!exchange.json) return exchange.bodyProblem ?? 'the answer was not JSON'
  if (sent.envelope.length > 0) return 'the protocol envelope was wrong'
  if (sent.schema.length > 0) return 'the output broke the output schema'
  return undefined
}

/** The problems listed in an error body (`errors[]` of problem+json, or standin's own). */
export function bodyProblems(body: unknown): Problem[] {
  const list =
    typeof body === 'object' && body !== null
      ? ((body as { errors?: unknown; problems?: unknown }).errors ??
        (body as { problems?: unknown }).problems)
      : undefined
  if (!Array.isArray(list)) return []
  return list.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return []
    const { pointer, message, code } = item as Record<string, unknown>
    return [
      {
        // The target's own code stays when it is one of standin's (a stand-in answering);
        // any other is kept beside the catalog's `verify.reported`.
        code: typeof code === 'string' && isProblemCode(code) ? code : 'verify.reported',
        ...(typeof code === 'string' && !isProblemCode(code) ? { reportedCode: code } : {}),
        severity: 'error' as const,
        pointer: typeof pointer === 'string' ? pointer : '',
        message: typeof message === 'string' ? message : JSON.stringify(item),
      },
    ]
  })
}

/**
 * True for an answer that says the target could not serve the request rather than judging it:
 * a 5xx, or a 429 (rate limited, as OpenAI-compatible endpoints answer when overloaded).
 * failureRate counts these; no other check holds them against the model.
 */
export function failedToAnswer(status: number): boolean {
  return status >= 500 || status === 429
}

/**
 * How a check that needs an output treats a case without a clean one: `error` when the target
 * failed to answer (unreachable or 5xx: failureRate judges it), `skipped` when it answered but
 * broke the contract (conformance judges it), so each defect fails exactly one check.
 */
export function unjudged(sent: SentCase): 'error' | 'skipped' {
  const outcome = outcomeOf(sent.result.exchange)
  return outcome === 'unreachable' || outcome === 'failed' ? 'error' : 'skipped'
}
