/**
 * The `json` protocol: one input record is the request body at the contract's endpoint, one
 * output record is the response body. A JSON array of records is a batch, answered by an array
 * of outputs, only where the contract's endpoint declares `batch: true`; elsewhere an array sent
 * for an object record is refused naming the pointer (FastAPI and Flask models take one record
 * per POST). Errors are RFC 9457 problem details (`application/problem+json`) with one
 * `errors[]` entry per pointer.
 */
import type { Contract, JsonSchema } from '../contract/index.js'
import { envelopeProblem, failureErrors, statusProblems, typeName } from './protocol-helpers.js'
import type { CompiledProtocol, DecodedBatch, WireProtocol } from './protocol-types.js'

const single = (_index: number, inner: string): string => inner
const batched = (index: number, inner: string): string => `/${index}${inner}`

/** True when the input schema says a record is an object, so an array body is never one record. */
function recordIsObject(schema: JsonSchema): boolean {
  return typeof schema === 'object' && schema.type === 'object'
}

/** True when the contract's endpoint declares batches. */
const batches = (contract: Contract): boolean => contract.endpoint.batch === true

function compile(contract: Contract): CompiledProtocol {
  const declared = batches(contract)
  const refuseArrays = !declared && recordIsObject(contract.input)
  return {
    contract,
    routes: [{ kind: 'infer', method: contract.endpoint.method, path: contract.endpoint.path }],
    decodeRequest(body) {
      if (declared && Array.isArray(body)) {
        if (body.length === 0)
          return {
            ok: false,
            problems: [envelopeProblem('', 'the batch is empty; send at least one record')],
          }
        return { ok: true, batch: { records: body, pointer: batched, single: false } }
      }
      if (refuseArrays && Array.isArray(body))
        return {
          ok: false,
          problems: [
            envelopeProblem(
              '',
              `expected one record (an object), got an array: ${contract.endpoint.method} ${contract.endpoint.path} takes one record per request; the contract declares no batches (endpoint.batch)`,
              'protocol.batch-undeclared',
            ),
          ],
        }
      return { ok: true, batch: { records: [body], pointer: single, single: true } }
    },
    encodeResponse(outputs, batch: DecodedBatch) {
      return batch.single ? outputs[0] : outputs
    },
  }
}

/** The json protocol. */
export const jsonProtocol: WireProtocol = {
  name: 'json',
  invalidStatus: 422,
  compile,
  servesByName: true,
  batches,
  serverRoutes: () => [],
  encodeError(failure) {
    const body: Record<string, unknown> = {
      type: `urn:standin:problem:${failure.type}`,
      title: failure.title,
      status: failure.status,
      detail: failure.detail,
      errors: failureErrors(failure),
    }
    if (failure.routes) body.routes = failure.routes
    return { contentType: 'application/problem+json', body }
  },
  encodeRequest(contract, records) {
    return {
      method: contract.endpoint.method,
      path: contract.endpoint.path,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: records.length === 1 ? records[0] : [...records],
    }
  },
  decodeResponse(_contract, status, body, count) {
    if (status < 200 || status > 299) return { problems: statusProblems(status, body) }
    if (count === 1) return { outputs: [body] }
    if (!Array.isArray(body))
      return {
        problems: [
          envelopeProblem('', `expected an array of ${count} outputs, got ${typeName(body)}`),
        ],
      }
    if (body.length !== count)
      return {
        problems: [
          envelopeProblem(
            '',
            `expected ${count} outputs (one per record), got ${body.length}`,
            'protocol.batch-length',
          ),
        ],
      }
    return { outputs: body }
  },
}
