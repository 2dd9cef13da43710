/**
 * `--redact /pointer`: input fields masked as `***` in a result's records and request bodies,
 * so real inputs (a customer's narration, an account number) do not land in reports. A request
 * body is masked where the protocol maps the field (any of json, kserve-v2, v1, mlflow); a body
 * the protocol cannot decode (a wire-level negative case) is replaced whole.
 */
import type { Contract } from '../contract/index.js'
import { parsePointer } from '../json/index.js'
import { getProtocol } from '../protocol/index.js'
import { MASK, maskPointers } from '../recording/index.js'
import type { CaseResult } from './result-types.js'

function maskBody(contract: Contract, body: string, pointers: readonly string[]): string {
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch {
    return MASK
  }
  const decoded = getProtocol(contract.protocol).compile(contract).decodeRequest(value)
  if (!decoded.ok) return MASK
  const { batch } = decoded
  let out = value
  batch.records.forEach((_, i) => {
    out = maskPointers(
      out,
      pointers.map((p) => batch.pointer(i, p)).filter((p) => parsePointer(p) !== undefined),
    )
  })
  return JSON.stringify(out)
}

/** The cases with every input pointer in `pointers` masked. */
export function redactInputs(
  contract: Contract,
  pointers: readonly string[],
  cases: readonly CaseResult[],
): CaseResult[] {
  if (pointers.length === 0) return [...cases]
  return cases.map((c) => ({
    ...c,
    records: c.records.map((r) => maskPointers(r, pointers)),
    ...(c.request
      ? { request: { ...c.request, body: maskBody(contract, c.request.body, pointers) } }
      : {}),
  }))
}
