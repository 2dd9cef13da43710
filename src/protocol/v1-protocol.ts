/**
 * The `v1` protocol (TensorFlow Serving's REST API as KServe v1 serves it):
 * `POST /v1/models/{name}:predict` with `{"instances": [record, ...]}` (row format) or
 * `{"inputs": [record, ...]}` / `{"inputs": {"field": [v0, v1, ...], ...}}` (columnar format),
 * answered by `{"predictions": [output, ...]}`; `GET /v1/models/{name}` reports the model ready.
 * Errors are `{"error": "..."}` (plus `errors[]`, one entry per pointer).
 */
import type { Problem } from '../errors.js'
import type { Contract } from '../contract/index.js'
import {
  encodeErrorField,
  envelopeProblem,
  escapeToken,
  fail,
  hasOwn,
  isObject,
  plural,
  setOwn,
  shortJson,
  splitPointer,
  statusProblems,
  typeName,
  servedName,
} from './protocol-helpers.js'
import type {
  CompiledProtocol,
  DecodedResponse,
  DecodeResult,
  WireProtocol,
} from './protocol-types.js'

const json = 'application/json'

/** The row list of a TF-Serving style body: a list of records, or columns of equal length. */
export function decodeRowsOrColumns(value: unknown, key: string): DecodeResult {
  const at = `/${escapeToken(key)}`
  if (Array.isArray(value)) {
    if (value.length === 0) return fail(at, `"${key}" is empty; send at least one record`)
    return {
      ok: true,
      batch: { records: value, pointer: (i, inner) => `${at}/${i}${inner}`, single: false },
    }
  }
  if (!isObject(value))
    return fail(
      at,
      `"${key}" must be a list of records or an object of columns, got ${typeName(value)}`,
    )
  const names = Object.keys(value)
  if (names.length === 0) return fail(at, `"${key}" has no columns`)
  const problems: Problem[] = []
  let rows = -1
  for (const name of names) {
    const column = value[name]
    if (!Array.isArray(column)) {
      problems.push(
        envelopeProblem(
          `${at}/${escapeToken(name)}`,
          `column ${shortJson(name, 80)} must be a list, got ${typeName(column)}`,
        ),
      )
    } else if (rows === -1) rows = column.length
    else if (column.length !== rows)
      problems.push(
        envelopeProblem(
          `${at}/${escapeToken(name)}`,
          `column ${shortJson(name, 80)} holds ${plural(column.length, 'value')}, the first column ${rows}`,
        ),
      )
  }
  if (problems.length > 0) return { ok: false, problems }
  if (rows === 0) return fail(at, `"${key}" columns are empty; send at least one record`)
  const records: unknown[] = []
  for (let i = 0; i < rows; i++) {
    const record: Record<string, unknown> = {}
    for (const name of names) setOwn(record, name, (value[name] as unknown[])[i])
    records.push(record)
  }
  return {
    ok: true,
    batch: {
      records,
      single: false,
      pointer: (i, inner) => {
        if (inner === '') return `${at}`
        const { head, rest } = splitPointer(inner)
        return `${at}/${escapeToken(head)}/${i}${rest}`
      },
    },
  }
}

function compile(contract: Contract): CompiledProtocol {
  const base = `/v1/models/${servedName(contract)}`
  return {
    contract,
    routes: [
      { kind: 'infer', method: 'POST', path: `${base}:predict` },
      {
        kind: 'static',
        method: 'GET',
        path: base,
        answer: {
          status: 200,
          contentType: json,
          body: JSON.stringify({ name: servedName(contract), ready: true }),
        },
      },
    ],
    decodeRequest(body) {
      if (!isObject(body))
        return fail(
          '',
          `the body must be an object with "instances" or "inputs", got ${typeName(body)}`,
        )
      const hasInstances = hasOwn(body, 'instances')
      const hasInputs = hasOwn(body, 'inputs')
      if (hasInstances && hasInputs)
        return fail('', 'send exactly one of "instances" and "inputs", not both')
      if (hasInstances) {
        if (!Array.isArray(body.instances))
          return fail(
            '/instances',
            `"instances" must be a list of records, got ${typeName(body.instances)}`,
          )
        return decodeRowsOrColumns(body.instances, 'instances')
      }
      if (hasInputs) return decodeRowsOrColumns(body.inputs, 'inputs')
      return fail(
        '',
        'the body has neither "instances" nor "inputs"; send {"instances": [record, ...]}',
      )
    },
    encodeResponse(outputs) {
      return { predictions: outputs }
    },
  }
}

/** The v1 protocol (TF Serving / KServe v1). */
export const v1Protocol: WireProtocol = {
  name: 'v1',
  invalidStatus: 400,
  servesByName: false,
  batches: () => true,
  compile,
  serverRoutes(contracts) {
    const models = { models: contracts.map(servedName) }
    return [
      {
        kind: 'static',
        method: 'GET',
        path: '/v1/models',
        answer: { status: 200, contentType: json, body: JSON.stringify(models) },
      },
    ]
  },
  encodeError: encodeErrorField,
  encodeRequest(contract, records) {
    return {
      method: 'POST',
      path: `/v1/models/${servedName(contract)}:predict`,
      headers: { 'content-type': json, accept: json },
      body: { instances: [...records] },
    }
  },
  decodeResponse: decodePredictionsAnswer,
}

/** A v1 or mlflow answer: a status outside 2xx is a refusal, else its `predictions`. */
export function decodePredictionsAnswer(
  _contract: Contract,
  status: number,
  body: unknown,
  count: number,
): DecodedResponse {
  if (status < 200 || status > 299) return { problems: statusProblems(status, body) }
  return decodePredictions(body, count)
}

/** The `predictions` list of a v1 or mlflow answer, checked for one output per record. */
export function decodePredictions(
  body: unknown,
  count: number,
): { outputs: unknown[] } | { problems: Problem[] } {
  if (!isObject(body) || !hasOwn(body, 'predictions'))
    return {
      problems: [
        envelopeProblem('', `expected an object with "predictions", got ${typeName(body)}`),
      ],
    }
  const predictions = body.predictions
  if (!Array.isArray(predictions))
    return {
      problems: [
        envelopeProblem(
          '/predictions',
          `"predictions" must be a list, got ${typeName(predictions)}`,
        ),
      ],
    }
  if (predictions.length !== count)
    return {
      problems: [
        envelopeProblem(
          '/predictions',
          `expected ${count} predictions (one per record), got ${predictions.length}`,
          'protocol.batch-length',
        ),
      ],
    }
  return { outputs: predictions }
}
