/**
 * `standin import kserve-v2`: a contract on the kserve-v2 protocol from Open Inference Protocol
 * model metadata (`GET /v2/models/{name}` of KServe, Triton or MLServer, or a saved copy; MLServer's
 * model-settings.json holds the same fields). Each tensor becomes one top-level field: its datatype
 * the JSON type with that datatype's range, its shape after the batch dimension the array bounds.
 */
import { isObject, setOwn, shortJson, typeName } from '../json/index.js'
import { contractName, contractVersion } from './contract-identity.js'
import { interopError } from './import-error.js'
import { NoteBook, PLACEHOLDER, finishImport, type ImportResult } from './import-result.js'
import { readSource, sourceFiles } from './read-source.js'
import { readShape, tensorRecordSchema, v2Datatypes } from './tensor-schema.js'

const SCHEMA = 'https://json-schema.org/draft/2020-12/schema'
/** The keys of the metadata response ("Model Metadata Response JSON Object" in the spec). */
const METADATA_KEYS = new Set(['name', 'versions', 'platform', 'inputs', 'outputs', 'parameters'])

/** What fits in a URL's path segment: the names and versions `endpoint.model`/`version` take. */
const pathSegment = /^[A-Za-z0-9._-]{1,64}$/

/**
 * The model's own name and version on the wire, where the contract's differ (Triton's
 * `densenet_onnx`, version `1`), so that the stand-in answers where the model does.
 */
function servedAs(
  model: string,
  name: string,
  sourceVersion: unknown,
  version: string,
): { model?: string; version?: string } {
  const raw = typeof sourceVersion === 'number' ? String(sourceVersion) : sourceVersion
  return {
    ...(model !== name && pathSegment.test(model) ? { model } : {}),
    ...(typeof raw === 'string' && raw !== version && pathSegment.test(raw)
      ? { version: raw }
      : {}),
  }
}

/** Options of `importKserveV2`. */
export interface ImportKserveV2Options {
  /** Folder relative file paths resolve against (default `process.cwd()`). */
  readonly cwd?: string
  /** The contract's name (default: the model's name, made a contract name). */
  readonly name?: string
  /** Milliseconds to wait for a live endpoint (default 10 000). */
  readonly timeoutMs?: number
}

function tensorField(
  tensor: unknown,
  place: { source: string; pointer: string },
  side: 'input' | 'output',
  book: NoteBook,
): [string, Record<string, unknown>] {
  if (!isObject(tensor))
    throw interopError(
      'import.invalid',
      place,
      `expected tensor metadata {"name", "datatype", "shape"}, got ${shortJson(tensor, 80)}`,
      'Fix the metadata.',
    )
  if (typeof tensor.name !== 'string' || tensor.name === '')
    throw interopError(
      'import.invalid',
      { ...place, pointer: `${place.pointer}/name` },
      'the tensor has no name',
      'Name it.',
    )
  const element = typeof tensor.datatype === 'string' ? v2Datatypes[tensor.datatype] : undefined
  if (!element)
    throw interopError(
      'import.invalid',
      { ...place, pointer: `${place.pointer}/datatype` },
      `unknown datatype ${JSON.stringify(tensor.datatype)}; expected one of ${Object.keys(v2Datatypes).join(', ')}`,
      'Use an Open Inference Protocol datatype.',
    )
  const read = readShape(tensor.shape)
  if ('problem' in read)
    throw interopError(
      'import.invalid',
      { ...place, pointer: `${place.pointer}/shape` },
      `the shape ${read.problem}`,
      'Fix the shape.',
    )
  const shape = read.dims
  const [batch, ...dims] = shape
  if (batch === undefined)
    book.add(
      `/${side}`,
      `the tensor ${tensor.name} has no dimensions; here each record carries one value of it`,
    )
  else if (batch !== -1)
    book.add(
      `/${side}`,
      `the tensor ${tensor.name} has a fixed first (batch) dimension of ${batch}; the stand-in takes any batch size`,
    )
  if (dims.length > 1)
    book.add(
      `/${side}`,
      `the tensor ${tensor.name} has ${dims.length} dimensions per record; standin's kserve-v2 protocol carries it as JSON text in a BYTES tensor`,
    )
  const annotation: Record<string, unknown> = { datatype: tensor.datatype, shape }
  if (isObject(tensor.parameters)) annotation.parameters = tensor.parameters
  return [tensor.name, { ...tensorRecordSchema(element, dims), 'x-v2-tensor': annotation }]
}

function sideSchema(
  list: unknown,
  source: string,
  side: 'input' | 'output',
  book: NoteBook,
): Record<string, unknown> {
  const pointer = `/${side}s`
  if (list === undefined && side === 'output') {
    book.add(
      '/output',
      'the metadata lists no outputs, so any JSON value passes as an output; write the output schema by hand',
    )
    return { $schema: SCHEMA }
  }
  if (!Array.isArray(list) || list.length === 0)
    throw interopError(
      'import.invalid',
      { source, pointer },
      `expected a non-empty list of tensor metadata ({"name", "datatype", "shape"}), got ${shortJson(list, 80)}`,
      'Point at the model metadata (GET /v2/models/<name>), not the server metadata or an inference answer.',
    )
  const properties: Record<string, unknown> = {}
  list.forEach((tensor, i) => {
    const [name, schema] = tensorField(tensor, { source, pointer: `${pointer}/${i}` }, side, book)
    if (Object.hasOwn(properties, name))
      throw interopError(
        'import.invalid',
        { source, pointer: `${pointer}/${i}/name` },
        `the tensor name "${name}" is used twice`,
        'Give each tensor its own name.',
      )
    setOwn(properties, name, schema)
  })
  return {
    $schema: SCHEMA,
    type: 'object',
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  }
}

/**
 * Imports Open Inference Protocol model metadata (a live `/v2/models/{name}` URL or a saved JSON
 * or YAML file) as a contract on the kserve-v2 protocol.
 *
 * @example
 * const { text } = await importKserveV2('http://localhost:8080/v2/models/iris')
 *
 * @throws {StandinError} `import.unreadable` (unreachable URL, an error status, no such file),
 * `import.invalid` (HTML, not JSON, a wrong shape, an unknown datatype), one line naming the URL
 * or file and the place in it.
 */
export async function importKserveV2(
  source: string,
  options: ImportKserveV2Options = {},
): Promise<ImportResult> {
  const cwd = options.cwd ?? process.cwd()
  const data = await readSource(source, {
    cwd,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  })
  if (!isObject(data))
    throw interopError(
      'import.invalid',
      { source },
      // Named by type, not shown: the source may hold anything, of any size.
      `expected a model metadata object, got ${typeName(data)}`,
      'Point at the model metadata (GET /v2/models/<name>).',
    )
  if (typeof data.name !== 'string' || data.name === '')
    throw interopError(
      'import.invalid',
      { source, pointer: '/name' },
      'the metadata has no model name',
      'Point at the model metadata (GET /v2/models/<name>).',
    )
  const book = new NoteBook()
  const input = sideSchema(data.inputs, source, 'input', book)
  const output = sideSchema(data.outputs, source, 'output', book)
  const name = options.name ?? contractName(data.name)
  const versions = Array.isArray(data.versions) ? data.versions : []
  // The reading of the version as semver is noted only when the stand-in does not serve the
  // model's own version beside it.
  const version = contractVersion(versions[0], new NoteBook(), '/input')
  const endpoint = servedAs(data.name, name, versions[0], version)
  if (endpoint.version === undefined) contractVersion(versions[0], book, '/input')
  if (name !== data.name && endpoint.model === undefined)
    book.add('/input', `the model "${data.name}" is served by the stand-in as /v2/models/${name}`)
  const others = Object.keys(data).filter((key) => !METADATA_KEYS.has(key))
  if (others.length > 0)
    book.add(
      '/input',
      `the source's ${others.map((k) => `"${k}"`).join(', ')} are not model metadata and are not carried`,
    )
  const platform =
    typeof data.platform === 'string' && data.platform !== '' ? data.platform : 'unknown'
  const contract: Record<string, unknown> = {
    contract: 1,
    name,
    version,
    description: `TODO: say what the model does and for whom (a ${platform} model on the Open Inference Protocol).`,
    owner: PLACEHOLDER.owner,
    protocol: 'kserve-v2',
    ...(Object.keys(endpoint).length > 0 ? { endpoint } : {}),
    input,
    output,
  }
  return finishImport(contract, book, source, 'kserve-v2', sourceFiles(source, cwd))
}
