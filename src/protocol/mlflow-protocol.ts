/**
 * The `mlflow` protocol (MLflow's pyfunc scoring server, `mlflow models serve`):
 * `POST /invocations` with a JSON object holding exactly one of `dataframe_split`
 * (`{columns, data, index?}`), `dataframe_records` (`[record, ...]`), `instances` or `inputs`
 * (TF-Serving style rows or columns), and optionally `params`; answered by
 * `{"predictions": [output, ...]}`. `GET /ping` and `/health` answer 200, `GET /version` the
 * version. Errors are `{"error_code": "BAD_REQUEST", "message": "..."}` (plus `errors[]`).
 * Follows mlflow/pyfunc/scoring_server/__init__.py (SUPPORTED_FORMATS, SERVING_PARAMS_KEY).
 */
import type { Problem } from '../errors.js'
import type { Contract } from '../contract/index.js'
import {
  envelopeProblem,
  fail,
  failureErrors,
  failureText,
  hasOwn,
  isObject,
  plural,
  setOwn,
  splitPointer,
  typeName,
} from './protocol-helpers.js'
import type { CompiledProtocol, DecodeResult, WireProtocol } from './protocol-types.js'
import { decodePredictionsAnswer, decodeRowsOrColumns } from './v1-protocol.js'

const json = 'application/json'
/** mlflow answers its health probes with a newline (`ping()` in the scoring server). */
const health = { status: 200, contentType: json, body: '\n' }

/** The input keys of an mlflow scoring request; exactly one must be present. */
export const mlflowInputKeys = [
  'dataframe_split',
  'dataframe_records',
  'instances',
  'inputs',
] as const

/** mlflow's error codes (mlflow.protos.databricks_pb2) by HTTP status. */
function errorCode(status: number): string {
  if (status === 404 || status === 405) return 'ENDPOINT_NOT_FOUND'
  if (status === 504 || status === 503) return 'TEMPORARILY_UNAVAILABLE'
  if (status >= 500) return 'INTERNAL_ERROR'
  return 'BAD_REQUEST'
}

function decodeSplit(value: unknown): DecodeResult {
  const at = '/dataframe_split'
  if (!isObject(value))
    return fail(
      at,
      `"dataframe_split" must be an object with "columns" and "data", got ${typeName(value)}`,
    )
  const { columns, data } = value
  const problems: Problem[] = []
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string'))
    problems.push(envelopeProblem(`${at}/columns`, '"columns" must be a list of column names'))
  if (!Array.isArray(data))
    problems.push(
      envelopeProblem(`${at}/data`, `"data" must be a list of rows, got ${typeName(data)}`),
    )
  if (problems.length > 0) return { ok: false, problems }
  const names = columns as string[]
  const rows = data as unknown[]
  if (new Set(names).size !== names.length)
    return fail(`${at}/columns`, 'column names must be unique')
  if (rows.length === 0) return fail(`${at}/data`, '"data" is empty; send at least one row')
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== names.length)
      problems.push(
        envelopeProblem(
          `${at}/data/${i}`,
          `row ${i} must be a list of ${names.length} values (one per column), got ${Array.isArray(row) ? plural(row.length, 'value') : typeName(row)}`,
        ),
      )
  })
  if (problems.length > 0) return { ok: false, problems }
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {}
    names.forEach((name, c) => setOwn(record, name, (row as unknown[])[c]))
    return record
  })
  const columnIndex = new Map(names.map((name, c) => [name, c]))
  return {
    ok: true,
    batch: {
      records,
      single: false,
      pointer: (i, inner) => {
        if (inner === '') return `${at}/data/${i}`
        const { head, rest } = splitPointer(inner)
        const c = columnIndex.get(head)
        return c === undefined ? `${at}/data/${i}` : `${at}/data/${i}/${c}${rest}`
      },
    },
  }
}

function compile(contract: Contract): CompiledProtocol {
  return {
    contract,
    routes: [
      { kind: 'infer', method: 'POST', path: '/invocations' },
      { kind: 'static', method: 'GET', path: '/ping', answer: health },
      { kind: 'static', method: 'GET', path: '/health', answer: health },
      {
        kind: 'static',
        method: 'GET',
        path: '/version',
        answer: { status: 200, contentType: json, body: contract.version },
      },
    ],
    decodeRequest(body) {
      if (!isObject(body))
        return fail(
          '',
          `the body must be a JSON object with exactly one of ${mlflowInputKeys.map((k) => `"${k}"`).join(', ')}; got ${typeName(body)}`,
        )
      const present = mlflowInputKeys.filter((k) => hasOwn(body, k))
      if (present.length !== 1)
        return fail(
          '',
          `send exactly one of ${mlflowInputKeys.map((k) => `"${k}"`).join(', ')}; got ${present.length === 0 ? 'none' : present.map((k) => `"${k}"`).join(', ')}`,
        )
      if (hasOwn(body, 'params') && body.params !== null && !isObject(body.params))
        return fail('/params', `"params" must be an object, got ${typeName(body.params)}`)
      const key = present[0] as (typeof mlflowInputKeys)[number]
      const value = body[key]
      if (key === 'dataframe_split') return decodeSplit(value)
      if (key === 'dataframe_records') {
        if (!Array.isArray(value))
          return fail(
            '/dataframe_records',
            `"dataframe_records" must be a list of records, got ${typeName(value)}`,
          )
        return decodeRowsOrColumns(value, key)
      }
      return decodeRowsOrColumns(value, key)
    },
    encodeResponse(outputs) {
      return { predictions: outputs }
    },
  }
}

/** The mlflow protocol (pyfunc scoring server). */
export const mlflowProtocol: WireProtocol = {
  name: 'mlflow',
  invalidStatus: 400,
  compile,
  servesByName: true,
  batches: () => true,
  serverRoutes: () => [],
  encodeError(failure) {
    const body: Record<string, unknown> = {
      error_code: errorCode(failure.status),
      message: failureText(failure),
      errors: failureErrors(failure),
    }
    if (failure.routes) body.routes = failure.routes
    return { contentType: json, body }
  },
  encodeRequest(_contract, records) {
    return {
      method: 'POST',
      path: '/invocations',
      headers: { 'content-type': json, accept: json },
      body: records.every(isObject)
        ? { dataframe_records: [...records] }
        : { instances: [...records] },
    }
  },
  decodeResponse: decodePredictionsAnswer,
}
