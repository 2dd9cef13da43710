/**
 * The `kserve-v2` protocol (Open Inference Protocol, HTTP/REST):
 * `POST /v2/models/{name}[/versions/{version}]/infer` with `{"id"?, "parameters"?, "inputs":
 * [tensor, ...], "outputs"?: [{"name"}]}`, answered by `{"model_name", "model_version", "id"?,
 * "outputs": [tensor, ...]}`; each top-level field of a record is one named tensor whose first
 * dimension is the batch. Model metadata at `GET /v2/models/{name}` (derived from the schemas),
 * model ready at `/v2/models/{name}/ready`, server `GET /v2`, `/v2/health/live`,
 * `/v2/health/ready`. Errors are `{"error": "..."}` (plus `errors[]`).
 * Follows kserve/open-inference-protocol specification/protocol/inference_rest.md; where its
 * examples disagree with its own text (a `[3]` BOOL tensor with one element, a server-ready body
 * keyed `live`) the text wins: shapes must match data, server ready answers `{"ready": true}`.
 */
import type { Contract } from '../contract/index.js'
import {
  encodeErrorField,
  envelopeProblem,
  fail,
  hasOwn,
  isObject,
  shortJson,
  statusProblems,
  typeName,
  servedName,
  servedVersion,
} from './protocol-helpers.js'
import type {
  CompiledProtocol,
  DecodeResult,
  InputViolation,
  WireProtocol,
} from './protocol-types.js'
import { decodeTensors } from './decode-tensors.js'
import { encodeTensors, type Tensor } from './encode-tensors.js'
import { metadataShape, tensorSpecs, type TensorSpec } from './tensor-specs.js'

const json = 'application/json'

/** The tensor tables of a contract: input and output specs, and whether a record is one tensor. */
interface Tables {
  readonly inputs: TensorSpec[]
  readonly outputs: TensorSpec[]
  readonly wholeInput: boolean
  readonly wholeOutput: boolean
}

function tables(contract: Contract): Tables {
  const inputs = tensorSpecs(contract.input, 'input')
  const outputs = tensorSpecs(contract.output, 'output')
  const whole = (schema: Contract['input']): boolean =>
    !(isObject(schema) && isObject((schema as Record<string, unknown>).properties))
  return { inputs, outputs, wholeInput: whole(contract.input), wholeOutput: whole(contract.output) }
}

/** True when `violates` is an undeclared top-level field of records carried one tensor per field. */
function undeclaredRecordField(violates: InputViolation | undefined, t: Tables): boolean {
  return violates?.keyword === 'additionalProperties' && violates.pointer === '' && !t.wholeInput
}

/**
 * kserve-v2 carries only the tensors the model declares, so an undeclared field would vanish in
 * encoding: it travels as an undeclared tensor instead (the Open Inference Protocol's form of the
 * same violation), one per field no declared tensor carries, booleans as BOOL, numbers as FP64,
 * anything else as JSON in BYTES.
 */
function undeclaredTensors(records: readonly unknown[], declared: readonly TensorSpec[]): Tensor[] {
  const known = new Set(declared.map((s) => s.name))
  const names = new Set<string>()
  for (const record of records)
    if (isObject(record)) for (const key of Object.keys(record)) if (!known.has(key)) names.add(key)
  return [...names].map((name) => {
    const values = records.map((r) => (isObject(r) && hasOwn(r, name) ? r[name] : null))
    const datatype = values.every((v) => typeof v === 'boolean')
      ? 'BOOL'
      : values.every((v) => typeof v === 'number')
        ? 'FP64'
        : 'BYTES'
    return {
      name,
      shape: [records.length],
      datatype,
      data: datatype === 'BYTES' ? values.map((v) => JSON.stringify(v)) : values,
    }
  })
}

/** The model metadata object of the Open Inference Protocol, derived from the contract's schemas. */
export function modelMetadata(contract: Contract): Record<string, unknown> {
  const t = tables(contract)
  const meta = (s: TensorSpec): Record<string, unknown> => ({
    name: s.name,
    datatype: s.datatype,
    shape: metadataShape(s),
  })
  return {
    name: servedName(contract),
    versions: [servedVersion(contract)],
    platform: 'standin',
    inputs: t.inputs.map(meta),
    outputs: t.outputs.map(meta),
  }
}

/** The kserve-v2 form of a contract: its routes, and how it decodes and encodes tensors. */
function compile(contract: Contract): CompiledProtocol {
  const t = tables(contract)
  const outputNames = new Set(t.outputs.map((s) => s.name))
  return {
    contract,
    routes: modelRoutes(contract),
    decodeRequest: (body) => decodeInferRequest(body, t, outputNames),
    encodeResponse(outputs, batch) {
      const only = batch.echo?.only as ReadonlySet<string> | undefined
      const response: Record<string, unknown> = {
        model_name: servedName(contract),
        model_version: servedVersion(contract),
      }
      if (typeof batch.echo?.id === 'string') response.id = batch.echo.id
      response.outputs = encodeTensors(outputs, t.outputs, t.wholeOutput, only)
      return response
    },
  }
}

/** The model's routes, plain and versioned: infer, metadata and ready. */
function modelRoutes(contract: Contract): CompiledProtocol['routes'] {
  const base = `/v2/models/${servedName(contract)}`
  const versioned = `${base}/versions/${servedVersion(contract)}`
  const metadata = { status: 200, contentType: json, body: JSON.stringify(modelMetadata(contract)) }
  const ready = {
    status: 200,
    contentType: json,
    body: JSON.stringify({ name: servedName(contract), ready: true }),
  }
  return [
    { kind: 'infer', method: 'POST', path: `${base}/infer` },
    { kind: 'infer', method: 'POST', path: `${versioned}/infer` },
    { kind: 'static', method: 'GET', path: base, answer: metadata },
    { kind: 'static', method: 'GET', path: versioned, answer: metadata },
    { kind: 'static', method: 'GET', path: `${base}/ready`, answer: ready },
    { kind: 'static', method: 'GET', path: `${versioned}/ready`, answer: ready },
  ]
}

/**
 * Decodes an inference request: its `id`, `parameters` and requested `outputs` (echoed to the
 * encoder), and its input tensors as a batch of records.
 */
function decodeInferRequest(body: unknown, t: Tables, outputNames: Set<string>): DecodeResult {
  if (!isObject(body))
    return fail('', `the body must be an inference request object, got ${typeName(body)}`)
  if (hasOwn(body, 'id') && typeof body.id !== 'string')
    return fail('/id', `"id" must be a string, got ${typeName(body.id)}`)
  if (hasOwn(body, 'parameters') && !isObject(body.parameters))
    return fail('/parameters', `"parameters" must be an object, got ${typeName(body.parameters)}`)
  let only: Set<string> | undefined
  if (hasOwn(body, 'outputs')) {
    const requested = requestedOutputs(body.outputs, t, outputNames)
    if (!(requested instanceof Set)) return requested
    only = requested
  }
  const decoded = decodeTensors(body.inputs, {
    specs: t.inputs,
    record: t.wholeInput ? 'whole' : 'fields',
    at: '/inputs',
  })
  if (!decoded.ok) return decoded
  if (decoded.records.length === 0)
    return fail('/inputs', 'the batch is empty; send at least one record')
  const echo: Record<string, unknown> = {}
  if (typeof body.id === 'string') echo.id = body.id
  if (only) echo.only = only
  return {
    ok: true,
    batch: { records: decoded.records, pointer: decoded.pointer, single: false, echo },
  }
}

/**
 * The names of the output tensors a request asks for (`"outputs": [{"name"}]`), or the refusal
 * of a list that is not one or names tensors the model does not have.
 */
function requestedOutputs(
  requested: unknown,
  t: Tables,
  outputNames: Set<string>,
): Set<string> | DecodeResult {
  if (!Array.isArray(requested))
    return fail('/outputs', `"outputs" must be a list of {"name"}, got ${typeName(requested)}`)
  const only = new Set<string>()
  const problems = []
  for (const [i, r] of requested.entries()) {
    const name = isObject(r) ? r.name : undefined
    if (typeof name !== 'string' || !outputNames.has(name))
      problems.push(
        envelopeProblem(
          `/outputs/${i}/name`,
          `unknown output tensor ${shortJson(name, 80)}; the model's outputs are ${t.outputs.map((s) => `"${s.name}"`).join(', ')}`,
          'protocol.tensor-name',
        ),
      )
    else only.add(name)
  }
  if (problems.length > 0) return { ok: false, problems }
  return only
}

/** The kserve-v2 protocol (Open Inference Protocol REST). */
export const kserveV2Protocol: WireProtocol = {
  name: 'kserve-v2',
  invalidStatus: 400,
  servesByName: false,
  batches: () => true,
  compile,
  serverRoutes(_contracts, server) {
    const answer = (body: unknown): { status: number; contentType: string; body: string } => ({
      status: 200,
      contentType: json,
      body: JSON.stringify(body),
    })
    return [
      {
        kind: 'static',
        method: 'GET',
        path: '/v2',
        answer: answer({ name: server.name, version: server.version, extensions: [] }),
      },
      { kind: 'static', method: 'GET', path: '/v2/health/live', answer: answer({ live: true }) },
      { kind: 'static', method: 'GET', path: '/v2/health/ready', answer: answer({ ready: true }) },
    ]
  },
  encodeError: encodeErrorField,
  encodeRequest(contract, records, violates) {
    const t = tables(contract)
    const inputs = encodeTensors(records, t.inputs, t.wholeInput)
    return {
      method: 'POST',
      path: `/v2/models/${servedName(contract)}/infer`,
      headers: { 'content-type': json, accept: json },
      body: {
        inputs: undeclaredRecordField(violates, t)
          ? [...inputs, ...undeclaredTensors(records, t.inputs)]
          : inputs,
      },
    }
  },
  decodeResponse(contract, status, body, count) {
    if (status < 200 || status > 299) return { problems: statusProblems(status, body) }
    if (!isObject(body))
      return {
        problems: [
          envelopeProblem('', `expected an inference response object, got ${typeName(body)}`),
        ],
      }
    const t = tables(contract)
    const decoded = decodeTensors(body.outputs, {
      specs: t.outputs,
      record: t.wholeOutput ? 'whole' : 'fields',
      at: '/outputs',
      expected: count,
    })
    if (!decoded.ok) return { problems: decoded.problems }
    return { outputs: decoded.records }
  },
}
