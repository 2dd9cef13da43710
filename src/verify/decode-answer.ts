/**
 * Reads what came back for a case: a 2xx JSON answer is decoded by the contract's protocol (over
 * the wire) into one output per record sent, and each output is validated by the output schema.
 */
import type { Contract } from '../contract/index.js'
import type { Problem } from '../errors.js'
import { getProtocol } from '../protocol/index.js'
import type { CaseSpec } from './case-spec.js'
import type { Target } from './resolve-target.js'
import type { CaseResult } from './result-types.js'
import type { SentCase } from './sent-case.js'

/** Decodes and validates an exchange into a `SentCase`. */
export function decodeAnswer(
  contract: Contract,
  target: Target,
  spec: CaseSpec,
  result: CaseResult,
): SentCase {
  const { exchange } = result
  if (
    exchange.kind !== 'answered' ||
    exchange.status < 200 ||
    exchange.status > 299 ||
    !exchange.json
  )
    return { spec, result, envelope: [], schema: [] }
  let outputs: readonly unknown[]
  if (target.wire) {
    const decoded = getProtocol(contract.protocol).decodeResponse(
      contract,
      exchange.status,
      exchange.body,
      spec.records.length,
    )
    if ('problems' in decoded) return { spec, result, envelope: decoded.problems, schema: [] }
    outputs = decoded.outputs
  } else outputs = [exchange.body]
  const schema: Problem[] = outputs.flatMap((output, i) =>
    contract
      .validateOutput(output)
      .map((p) => (outputs.length > 1 ? { ...p, pointer: `/${i}${p.pointer}` } : p)),
  )
  return { spec, result: { ...result, outputs }, envelope: [], schema }
}
