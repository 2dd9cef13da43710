/**
 * The metadata and health endpoints each protocol puts beside inference, as probes verify's
 * `protocol` check calls with a GET: kserve-v2 server metadata, live, ready, model metadata (its
 * tensors against the contract's names, datatypes and shapes) and model ready (Open Inference
 * Protocol, inference_rest.md "Health", "Server Metadata", "Model Metadata"); v1 model status
 * (TF Serving's `model_version_status`, or KServe v1's `ready`); mlflow `/ping` and, when
 * served, `/version`; openai-chat's model list (`GET /v1/models`). The json protocol has none.
 */
import type { Problem } from '../errors.js'
import type { Contract } from '../contract/index.js'
import {
  envelopeProblem,
  hasOwn,
  isObject,
  servedName,
  shortJson,
  typeName,
} from './protocol-helpers.js'
import { datatypeCompatible, metadataShape, tensorSpecs } from './tensor-specs.js'
import type { TensorSpec } from './tensor-specs.js'

/** One GET a protocol promises, and how to judge its answer. */
export interface ProtocolProbe {
  /** What it is, for messages: `server live`, `model metadata`, ... */
  readonly name: string
  /** The path, under the target's base URL. */
  readonly path: string
  /** True when the endpoint may be absent (a 404 passes): mlflow's `/version`. */
  readonly optional?: boolean
  /** True when the answer must be JSON. */
  readonly json: boolean
  /** The problems of a 2xx answer (`body` is the parsed JSON, or the text), by pointer into it. */
  readonly judge: (body: unknown) => Problem[]
}

const problem = (pointer: string, message: string): Problem =>
  envelopeProblem(pointer, message, 'protocol.metadata')

/**
 * A health answer: the 200 says it (inference_rest.md "Health"); a JSON body that carries `key`
 * must say `true` too (`{"ready": false}` with a 200 is not ready).
 */
function flag(key: 'live' | 'ready'): (body: unknown) => Problem[] {
  return (body) =>
    isObject(body) && hasOwn(body, key) && body[key] !== true
      ? [problem(`/${key}`, `"${key}" is ${shortJson(body[key], 80)}, expected true`)]
      : []
}

function serverMetadata(body: unknown): Problem[] {
  if (!isObject(body))
    return [problem('', `expected the server metadata object, got ${typeName(body)}`)]
  const out: Problem[] = []
  for (const key of ['name', 'version'])
    if (typeof body[key] !== 'string')
      out.push(problem(`/${key}`, `"${key}" must be a string, got ${typeName(body[key])}`))
  if (hasOwn(body, 'extensions') && !Array.isArray(body.extensions))
    out.push(
      problem('/extensions', `"extensions" must be a list, got ${typeName(body.extensions)}`),
    )
  return out
}

/** True when a published shape fits the expected one (`-1` is any size). */
function shapeFits(expected: readonly number[], shape: unknown): boolean {
  return (
    Array.isArray(shape) &&
    shape.length === expected.length &&
    shape.every((d, i) => d === -1 || expected[i] === -1 || d === expected[i])
  )
}

/** The tensors of one side of the model metadata against the contract's. */
function tensors(
  body: Record<string, unknown>,
  side: 'inputs' | 'outputs',
  specs: readonly TensorSpec[],
): Problem[] {
  const list = body[side]
  if (!Array.isArray(list))
    return [problem(`/${side}`, `"${side}" must be a list of tensors, got ${typeName(list)}`)]
  const out: Problem[] = []
  const published = new Map<string, number>()
  list.forEach((t, i) => {
    if (isObject(t) && typeof t.name === 'string') published.set(t.name, i)
  })
  for (const spec of specs) {
    const i = published.get(spec.name)
    if (i === undefined) {
      out.push(
        problem(
          `/${side}`,
          `${side === 'inputs' ? 'input' : 'output'} tensor "${spec.name}" of the contract is missing`,
        ),
      )
      continue
    }
    const t = list[i] as Record<string, unknown>
    const at = `/${side}/${i}`
    if (typeof t.datatype !== 'string' || !datatypeCompatible(spec, t.datatype))
      out.push(
        problem(
          `${at}/datatype`,
          `tensor "${spec.name}" has datatype ${shortJson(t.datatype, 80)}, the contract's is ${spec.datatype}`,
        ),
      )
    const expected = metadataShape(spec)
    if (!shapeFits(expected, t.shape))
      out.push(
        problem(
          `${at}/shape`,
          `tensor "${spec.name}" has shape ${shortJson(t.shape, 80)}, the contract's is ${JSON.stringify(expected)}`,
        ),
      )
  }
  if (side === 'inputs') {
    const known = new Set(specs.map((s) => s.name))
    for (const [name, i] of published)
      if (!known.has(name))
        out.push(
          problem(
            `/inputs/${i}/name`,
            `input tensor "${name}" is not in the contract, so a client built from it never sends it`,
          ),
        )
  }
  return out
}

function modelMetadataProbe(contract: Contract): (body: unknown) => Problem[] {
  const inputs = tensorSpecs(contract.input, 'input')
  const outputs = tensorSpecs(contract.output, 'output')
  return (body) => {
    if (!isObject(body))
      return [problem('', `expected the model metadata object, got ${typeName(body)}`)]
    const out: Problem[] = []
    const name = servedName(contract)
    if (body.name !== name)
      out.push(
        problem(
          '/name',
          `"name" is ${body.name === undefined ? 'missing' : shortJson(body.name, 80)}, the contract's is ${JSON.stringify(name)}`,
        ),
      )
    out.push(...tensors(body, 'inputs', inputs), ...tensors(body, 'outputs', outputs))
    return out
  }
}

function v1Status(body: unknown): Problem[] {
  if (!isObject(body))
    return [problem('', `expected the model status object, got ${typeName(body)}`)]
  if (hasOwn(body, 'ready')) return flag('ready')(body)
  const versions = body.model_version_status
  if (!Array.isArray(versions))
    return [problem('', 'expected "model_version_status" (TF Serving) or "ready" (KServe v1)')]
  if (!versions.some((v) => isObject(v) && v.state === 'AVAILABLE'))
    return [
      problem(
        '/model_version_status',
        `no version is AVAILABLE (states: ${versions.map((v) => (isObject(v) ? String(v.state) : typeName(v))).join(', ') || 'none'})`,
      ),
    ]
  return []
}

/** The model list (`GET /v1/models`, the API's ListModelsResponse) names the contract's model. */
function modelList(contract: Contract): (body: unknown) => Problem[] {
  const model = contract.chat?.model ?? contract.name
  return (body) => {
    if (!isObject(body) || !Array.isArray(body.data))
      return [problem('', `expected {"object": "list", "data": [models]}, got ${typeName(body)}`)]
    const ids = body.data.map((m) => (isObject(m) ? m.id : undefined))
    return ids.includes(model)
      ? []
      : [
          problem(
            '/data',
            `the model "${model}" the contract names (chat.model) is not listed (listed: ${ids.map((id) => JSON.stringify(id)).join(', ') || 'none'})`,
          ),
        ]
  }
}

/** The probe names that say a model is ready to answer, by protocol (json has none). */
const readinessProbes: Readonly<Record<string, string>> = {
  'kserve-v2': 'model ready',
  v1: 'model status',
  mlflow: 'ping',
  'openai-chat': 'model list',
}

/**
 * The probe that says `contract`'s model is loaded and ready to answer (what `verify --wait-for`
 * waits for): kserve-v2's model ready, v1's model status (a version AVAILABLE), mlflow's
 * `/ping`, openai-chat's model list naming the model. Undefined for json, which has no such
 * endpoint: any answer there has to do.
 */
export function readinessProbe(contract: Contract): ProtocolProbe | undefined {
  const name = readinessProbes[contract.protocol]
  return protocolProbes(contract).find((probe) => probe.name === name)
}

/** The probes of `contract`'s protocol (none for json). */
export function protocolProbes(contract: Contract): readonly ProtocolProbe[] {
  const name = servedName(contract)
  switch (contract.protocol) {
    case 'kserve-v2':
      return [
        { name: 'server metadata', path: '/v2', json: true, judge: serverMetadata },
        { name: 'server live', path: '/v2/health/live', json: false, judge: flag('live') },
        { name: 'server ready', path: '/v2/health/ready', json: false, judge: flag('ready') },
        {
          name: 'model metadata',
          path: `/v2/models/${name}`,
          json: true,
          judge: modelMetadataProbe(contract),
        },
        {
          name: 'model ready',
          path: `/v2/models/${name}/ready`,
          json: false,
          judge: flag('ready'),
        },
      ]
    case 'v1':
      return [{ name: 'model status', path: `/v1/models/${name}`, json: true, judge: v1Status }]
    case 'mlflow':
      return [
        { name: 'ping', path: '/ping', json: false, judge: () => [] },
        { name: 'version', path: '/version', json: false, optional: true, judge: () => [] },
      ]
    case 'openai-chat':
      return [{ name: 'model list', path: '/v1/models', json: true, judge: modelList(contract) }]
    case 'json':
      return []
  }
}
