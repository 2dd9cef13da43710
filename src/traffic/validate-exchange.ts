/**
 * What the proxy checks on one exchange, against the contract: the request's envelope and each
 * input record; a 2xx answer's content type, envelope and each output record; and that a
 * request breaking the input schema was not answered 2xx. Pointers are into the input or output
 * record (prefixed `/i` in a batch), as `verify` reports them.
 */
import type { Contract } from '../contract/index.js'
import { getProtocol } from '../protocol/index.js'
import type { CompiledProtocol } from '../protocol/index.js'
import type { Violation } from '../recording/index.js'

/** The request side, checked before forwarding's answer comes back. */
export interface CheckedRequest {
  /** The input records, when the body decoded. */
  readonly inputs?: readonly unknown[]
  /** True when the body held one bare record (its pointers need no `/i`). */
  readonly single: boolean
  readonly violations: readonly Violation[]
}

const textOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

function parse(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (error) {
    return { ok: false, message: textOf(error) }
  }
}

/** Checks a request body for an inference route. */
export function checkRequest(
  contract: Contract,
  compiled: CompiledProtocol,
  text: string,
): CheckedRequest {
  const parsed = parse(text)
  if (!parsed.ok)
    return {
      single: true,
      violations: [
        { side: 'request', pointer: '', message: `the body is not JSON (${parsed.message})` },
      ],
    }
  const decoded = compiled.decodeRequest(parsed.value)
  if (!decoded.ok)
    return {
      single: true,
      violations: decoded.problems.map((p) => ({
        side: 'request' as const,
        pointer: p.pointer,
        message: p.message,
      })),
    }
  const { records, single } = decoded.batch
  const violations: Violation[] = []
  try {
    records.forEach((record, i) => {
      for (const p of contract.validateInput(record))
        violations.push({
          side: 'request',
          pointer: single ? p.pointer : `/${i}${p.pointer}`,
          message: p.message,
        })
    })
  } catch (error) {
    violations.push({
      side: 'request',
      pointer: '',
      message: `cannot be validated (${textOf(error)})`,
    })
  }
  return { inputs: records, single, violations }
}

/** The answer side: the outputs of a 2xx answer, and its violations. */
export interface CheckedAnswer {
  readonly outputs?: readonly unknown[]
  readonly violations: readonly Violation[]
}

/** One violation of the whole answer (pointer ''). */
function whole(message: string): CheckedAnswer {
  return { violations: [{ side: 'answer', pointer: '', message }] }
}

/** Why a 2xx answer cannot be read as the protocol's answer at all, if it cannot. */
function unreadableAnswer(
  request: CheckedRequest,
  status: number,
  contentType: string,
): CheckedAnswer | undefined {
  if (request.violations.length > 0 && request.inputs === undefined)
    return whole(
      `answered ${status} to a request the contract's protocol cannot decode; a 4xx is expected`,
    )
  if (request.violations.length > 0)
    return whole(`answered ${status} to a request that breaks the input schema; a 4xx is expected`)
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  if (type !== 'application/json' && !/^application\/[^/]+\+json$/.test(type))
    return whole(
      `answered ${status} with content type "${type || 'none'}"; the contract's protocol answers application/json`,
    )
  return undefined
}

/** Each decoded output checked by the output schema (pointers prefixed `/i` in a batch). */
function outputViolations(
  contract: Contract,
  request: CheckedRequest,
  outputs: readonly unknown[],
): Violation[] {
  const violations: Violation[] = []
  try {
    outputs.forEach((output, i) => {
      for (const p of contract.validateOutput(output))
        violations.push({
          side: 'answer',
          pointer: request.single ? p.pointer : `/${i}${p.pointer}`,
          message: p.message,
        })
    })
  } catch (error) {
    violations.push({
      side: 'answer',
      pointer: '',
      message: `cannot be validated (${textOf(error)})`,
    })
  }
  return violations
}

/** Checks a model's answer to a checked request. */
export function checkAnswer(
  contract: Contract,
  request: CheckedRequest,
  status: number,
  contentType: string,
  text: string,
): CheckedAnswer {
  if (status < 200 || status > 299) return { violations: [] }
  const unreadable = unreadableAnswer(request, status, contentType)
  if (unreadable) return unreadable
  const parsed = parse(text)
  if (!parsed.ok) return whole(`the answer is not JSON (${parsed.message})`)
  const count = request.inputs?.length ?? 1
  const decoded = getProtocol(contract.protocol).decodeResponse(
    contract,
    status,
    parsed.value,
    count,
  )
  if ('problems' in decoded)
    return {
      violations: decoded.problems.map((p) => ({
        side: 'answer' as const,
        pointer: p.pointer,
        message: p.message,
      })),
    }
  return {
    outputs: decoded.outputs,
    violations: outputViolations(contract, request, decoded.outputs),
  }
}
