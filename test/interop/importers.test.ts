/**
 * What each importer makes of its source: MLflow types and numpy dtypes, V2 datatypes with their
 * ranges and shapes with their bounds, OpenAPI 3.0's dialect, the listing of operations, and the
 * V2 metadata a live stand-in serves (checked against the Open Inference Protocol's own schema).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { afterAll, expect, it } from 'vitest'
import {
  createAjv,
  importKserveV2,
  importMlflow,
  importOpenApi,
  loadContract,
} from '../../src/index.js'
import { binPath, runInProcess } from '../helpers/run-cli.js'
import { startProcess } from '../helpers/start-bin.js'

const dir = mkdtempSync(join(tmpdir(), 'standin-importers-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function mlmodel(name: string, signature: Record<string, unknown>): string {
  const folder = join(dir, name)
  mkdirSync(folder, { recursive: true })
  const lines = Object.entries(signature).map(
    ([key, value]) => `  ${key}: '${JSON.stringify(value)}'`,
  )
  writeFileSync(join(folder, 'MLmodel'), `signature:\n${lines.join('\n')}\n`)
  return folder
}

it('maps every MLflow column type, optional columns, and keeps params with their defaults', async () => {
  const types = ['boolean', 'integer', 'long', 'float', 'double', 'string', 'binary', 'datetime']
  const folder = mlmodel('all-types', {
    inputs: [
      ...types.map((type) => ({ name: type, type })),
      { name: 'tags', type: 'array', items: { type: 'string' }, required: false },
      {
        name: 'user',
        type: 'object',
        properties: { id: { type: 'long' }, nick: { type: 'string', required: false } },
      },
      { name: 'counts', type: 'map', values: { type: 'integer' } },
      { name: 'anything', type: 'any' },
    ],
    outputs: [
      { name: 'score', type: 'double' },
      { name: 'label', type: 'string' },
    ],
    params: [{ name: 'top_k', type: 'long', default: 3, shape: null }],
  })
  const { contract, notes } = await importMlflow(folder)
  const input = contract.input as { properties: Record<string, unknown>; required: string[] }
  expect(input.properties).toEqual({
    boolean: { type: 'boolean' },
    integer: { type: 'integer', minimum: -2147483648, maximum: 2147483647 },
    long: { type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991 },
    float: { type: 'number', minimum: -3.4028234663852886e38, maximum: 3.4028234663852886e38 },
    double: { type: 'number' },
    string: { type: 'string' },
    binary: { type: 'string', contentEncoding: 'base64' },
    datetime: { type: 'string', format: 'date-time' },
    tags: { type: 'array', items: { type: 'string' } },
    user: {
      type: 'object',
      properties: {
        id: { type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991 },
        nick: { type: 'string' },
      },
      required: ['id'],
    },
    counts: {
      type: 'object',
      additionalProperties: { type: 'integer', minimum: -2147483648, maximum: 2147483647 },
    },
    anything: {},
  })
  expect(input.required).toEqual([...types, 'user', 'counts', 'anything'])
  expect(contract.output).toMatchObject({
    type: 'object',
    required: ['score', 'label'],
    additionalProperties: false,
  })
  expect(input).toMatchObject({
    'x-mlflow-params': [{ name: 'top_k', type: 'long', default: 3, shape: null }],
  })
  expect(notes).toEqual([
    {
      pointer: '/input',
      message:
        'the MLflow params top_k (long, default 3) travel beside the records in the request\'s "params", not in a record: the stand-in accepts them unchecked',
    },
  ])
  await loadContract(structuredClone(contract) as object)
})

it('reads the optional flag MLflow 2.x wrote before required: an optional column is not required', async () => {
  // The column specs as ColSpec.to_dict wrote them from MLflow 2.3 until `required` replaced
  // `optional` (mlflow/types/schema.py): type, name, then "optional": true when it was.
  const folder = mlmodel('optional-flag', {
    inputs: [
      { type: 'double', name: 'a' },
      { type: 'string', name: 'b', optional: true },
      {
        type: 'object',
        name: 'c',
        properties: { x: { type: 'long' }, y: { type: 'string', optional: true } },
      },
    ],
    outputs: [{ type: 'double', name: 'score' }],
  })
  const { contract } = await importMlflow(folder)
  const input = contract.input as { required: string[]; properties: { c: { required: string[] } } }
  expect(input.required).toEqual(['a', 'c'])
  expect(input.properties.c.required).toEqual(['x'])
})

it("maps MLflow's sparkml_vector (a Spark ML model's features) to an array of numbers", async () => {
  // As current MLflow writes a SparkMLVector column: SparkMLVector.to_dict plus the name and
  // required ColSpec.to_dict adds (mlflow/types/schema.py).
  const folder = mlmodel('sparkml', {
    inputs: [{ type: 'sparkml_vector', name: 'features', required: true }],
    outputs: [{ type: 'double', required: true }],
  })
  const { contract } = await importMlflow(folder)
  expect((contract.input as { properties: unknown }).properties).toEqual({
    features: { type: 'array', items: { type: 'number' } },
  })
  await loadContract(structuredClone(contract) as object)
})

it('keeps an MLflow param of type object, whose properties ParamSpec.to_dict writes beside its type', async () => {
  // ParamSpec.to_dict merges Object.to_dict ({"type": "object", "properties": ...}) into the
  // param (mlflow/types/schema.py).
  const config = {
    name: 'config',
    default: { a: 1 },
    shape: null,
    type: 'object',
    properties: { a: { type: 'long', required: true } },
  }
  const folder = mlmodel('object-param', {
    inputs: [{ type: 'string', name: 'text', required: true }],
    outputs: [{ type: 'double', required: true }],
    params: [config],
  })
  const { contract } = await importMlflow(folder)
  expect((contract.input as Record<string, unknown>)['x-mlflow-params']).toEqual([
    {
      name: 'config',
      type: 'object',
      properties: { a: { type: 'long', required: true } },
      default: { a: 1 },
      shape: null,
    },
  ])
  await loadContract(structuredClone(contract) as object)
})

it('maps tensor specs to rows: dtype ranges, fixed dimensions as bounds, -1 as a free one', async () => {
  const folder = mlmodel('tensors', {
    inputs: [
      { name: 'pixels', type: 'tensor', 'tensor-spec': { dtype: 'int8', shape: [-1, 2, -1] } },
      { name: 'mask', type: 'tensor', 'tensor-spec': { dtype: 'bool', shape: [-1] } },
    ],
    outputs: [{ type: 'tensor', 'tensor-spec': { dtype: 'float16', shape: [-1, 3] } }],
  })
  const { contract } = await importMlflow(folder)
  expect((contract.input as { properties: unknown }).properties).toEqual({
    pixels: {
      type: 'array',
      minItems: 2,
      maxItems: 2,
      items: {
        type: 'array',
        minItems: 1,
        items: { type: 'integer', minimum: -128, maximum: 127 },
      },
      'x-mlflow-tensor': { dtype: 'int8', shape: [-1, 2, -1] },
    },
    mask: { type: 'boolean', 'x-mlflow-tensor': { dtype: 'bool', shape: [-1] } },
  })
  expect(contract.output).toEqual({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'array',
    minItems: 3,
    maxItems: 3,
    items: { type: 'number', minimum: -65504, maximum: 65504 },
    'x-mlflow-tensor': { dtype: 'float16', shape: [-1, 3] },
  })
})

it('notes a missing output schema in the contract and in lint, and writes placeholders lint reports', async () => {
  const folder = mlmodel('no-outputs', { inputs: [{ name: 'x', type: 'double' }] })
  const file = join(dir, 'no-outputs.contract.yaml')
  const run = await runInProcess(['import', 'mlflow', folder, '--out', file])
  expect(run.code).toBe(0)
  const text = readFileSync(file, 'utf8')
  expect(text).toContain(
    '#   /output: the signature has no output schema, so any JSON value passes as an output; write the output schema by hand\n',
  )
  expect((parse(text) as { output: unknown }).output).toEqual({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    'x-standin-import': [
      'the signature has no output schema, so any JSON value passes as an output; write the output schema by hand',
    ],
  })
  const lint = await runInProcess(['lint', file])
  expect(lint.code).toBe(0)
  const lines = (lint.stdout + lint.stderr).replace(/:\d+:\d+#/g, '#')
  expect(lines).toContain(
    `warning: ${file}#/output/x-standin-import/0: the import could not carry this: the signature has no output schema, so any JSON value passes as an output; write the output schema by hand. Check the source, carry what matters by hand, then delete the note.`,
  )
  expect(lines).toContain(
    `warning: ${file}#/version: the version 0.0.0 is a placeholder. Give the version of the model interface, for example 1.0.0.`,
  )
  expect(lines).toContain(
    `warning: ${file}#/owner: the owner is a placeholder ("TODO"). Name the team or person who answers for the model.`,
  )
})

it('keeps a contract that exists already (it may hold edits) unless --force, and writes nothing', async () => {
  const folder = mlmodel('kept', { inputs: [{ name: 'x', type: 'double' }] })
  const file = join(dir, 'kept.contract.yaml')
  writeFileSync(file, 'name: kept\ndescription: filled in by hand\n')
  const refused = await runInProcess(['import', 'mlflow', folder, '--out', file])
  expect(refused.code).toBe(2)
  expect(refused.stderr).toBe(
    `standin import: ${file} exists already, and nothing was written. It may hold edits an import would lose: give --force to replace it, or import to another file and compare the two with 'standin diff <old> <new>'.\n`,
  )
  expect(readFileSync(file, 'utf8')).toBe('name: kept\ndescription: filled in by hand\n')
  const forced = await runInProcess(['import', 'mlflow', folder, '--out', file, '--force'])
  expect(forced.code).toBe(0)
  expect(readFileSync(file, 'utf8')).toContain('protocol: mlflow')
  const devNull = await runInProcess(['import', 'mlflow', folder, '--out', '/dev/null'])
  expect(devNull.code).toBe(0)
})

it('reads the string dimensions a gRPC-JSON gateway writes (proto3 JSON int64) as numbers', async () => {
  // ModelMesh's REST proxy and other grpc-gateway fronts render ModelMetadataResponse with
  // proto3's JSON mapping, which writes the int64 dims of TensorMetadata as strings.
  const file = join(dir, 'modelmesh-metadata.json')
  writeFileSync(
    file,
    JSON.stringify({
      name: 'mnist-svm__isvc-3d2daa3370',
      versions: [],
      platform: 'sklearn',
      inputs: [{ name: 'predict', datatype: 'FP32', shape: ['-1', '64'] }],
      outputs: [{ name: 'predict', datatype: 'INT64', shape: ['-1'] }],
    }),
  )
  const { contract, notes } = await importKserveV2(file, { name: 'mnist-svm' })
  expect((contract.input as { properties: unknown }).properties).toEqual({
    predict: {
      type: 'array',
      minItems: 64,
      maxItems: 64,
      items: { type: 'number', minimum: -3.4028234663852886e38, maximum: 3.4028234663852886e38 },
      'x-v2-tensor': { datatype: 'FP32', shape: [-1, 64] },
    },
  })
  expect(notes.map((n) => n.message).filter((m) => m.includes('batch'))).toEqual([])
  writeFileSync(
    file,
    JSON.stringify({ name: 'm', inputs: [{ name: 'x', datatype: 'FP32', shape: ['-1', '3.5'] }] }),
  )
  await expect(importKserveV2(file)).rejects.toThrow(
    `${file}#/inputs/0/shape: the shape has the dimension "3.5"; each must be a whole number, or -1 for a free one. Fix the shape.`,
  )
})

it('refuses to write the contract over the input example the import reads, even with --force', async () => {
  // MLflow's own 2.12 langchain test model: its MLmodel names input_example.json.
  const folder = join(dir, 'langchain-2.12')
  cpSync('test/fixtures/mlflow/langchain-2.12', folder, { recursive: true })
  const example = join(folder, 'input_example.json')
  const before = readFileSync(example, 'utf8')
  const run = await runInProcess(['import', 'mlflow', folder, '-o', example, '--force'])
  expect(run.stderr).toBe(
    `standin import: --out ${example} would write over ${example}, which this command reads. Write it to another file.\n`,
  )
  expect(run.code).toBe(2)
  expect(readFileSync(example, 'utf8')).toBe(before)
})

it('maps every V2 datatype to its range and a shape after the batch to array bounds', async () => {
  const datatypes = [
    'BOOL',
    'UINT8',
    'UINT16',
    'UINT32',
    'UINT64',
    'INT8',
    'INT16',
    'INT32',
    'INT64',
    'FP16',
    'FP32',
    'FP64',
    'BYTES',
  ]
  const file = join(dir, 'metadata.json')
  writeFileSync(
    file,
    JSON.stringify({
      name: 'Every_Type',
      versions: ['2'],
      platform: 'triton',
      inputs: datatypes.map((datatype) => ({
        name: datatype.toLowerCase(),
        datatype,
        shape: [-1],
      })),
      outputs: [{ name: 'probabilities', datatype: 'FP32', shape: [-1, 4] }],
    }),
  )
  const { contract, notes } = await importKserveV2(file)
  const ranges = Object.fromEntries(
    Object.entries(
      (contract.input as { properties: Record<string, Record<string, unknown>> }).properties,
    ).map(([k, v]) => {
      const { 'x-v2-tensor': _, ...schema } = v
      return [k, schema]
    }),
  )
  expect(ranges).toEqual({
    bool: { type: 'boolean' },
    uint8: { type: 'integer', minimum: 0, maximum: 255 },
    uint16: { type: 'integer', minimum: 0, maximum: 65535 },
    uint32: { type: 'integer', minimum: 0, maximum: 4294967295 },
    uint64: { type: 'integer', minimum: 0, maximum: 9007199254740991 },
    int8: { type: 'integer', minimum: -128, maximum: 127 },
    int16: { type: 'integer', minimum: -32768, maximum: 32767 },
    int32: { type: 'integer', minimum: -2147483648, maximum: 2147483647 },
    int64: { type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991 },
    fp16: { type: 'number', minimum: -65504, maximum: 65504 },
    fp32: { type: 'number', minimum: -3.4028234663852886e38, maximum: 3.4028234663852886e38 },
    fp64: { type: 'number' },
    bytes: { type: 'string' },
  })
  expect((contract.output as { properties: unknown }).properties).toEqual({
    probabilities: {
      type: 'array',
      minItems: 4,
      maxItems: 4,
      items: { type: 'number', minimum: -3.4028234663852886e38, maximum: 3.4028234663852886e38 },
      'x-v2-tensor': { datatype: 'FP32', shape: [-1, 4] },
    },
  })
  // The stand-in answers where the model does: /v2/models/Every_Type/versions/2.
  expect(contract).toMatchObject({
    name: 'every-type',
    version: '2.0.0',
    protocol: 'kserve-v2',
    endpoint: { model: 'Every_Type', version: '2' },
  })
  expect(notes.map((n) => n.message)).toEqual([])
})

it("imports a live V2 metadata endpoint: the stand-in's own, which fits the Open Inference Protocol's schema", async () => {
  const spec = parse(
    readFileSync('test/fixtures/open-inference-protocol/open_inference_rest.yaml', 'utf8'),
  ) as {
    components: { schemas: Record<string, unknown> }
  }
  const ajv = createAjv('draft-07')
  const schemas = JSON.stringify(spec.components.schemas).replaceAll(
    '#/components/schemas/',
    'oip#/definitions/',
  )
  ajv.addSchema({ $id: 'oip', definitions: JSON.parse(schemas) as unknown })
  const fitsSpec = (value: unknown) =>
    ajv.validate({ $ref: 'oip#/definitions/metadata_model_response' }, value)
  // MLServer's test model settings are a whole metadata response (its content-type example lacks
  // "platform", which MLServer fills in when it serves the model).
  expect(
    fitsSpec(
      JSON.parse(readFileSync('test/fixtures/mlserver/sum-model.model-settings.json', 'utf8')),
    ),
  ).toBe(true)

  const server = await startProcess(
    process.execPath,
    [binPath, 'serve', 'contracts/ticket-router.contract.yaml', '--port', '0'],
    /at (http:\/\/127\.0\.0\.1:\d+)/,
  )
  try {
    const url = `${server.match[1] ?? ''}/v2/models/ticket-router`
    const metadata: unknown = await (await fetch(url)).json()
    expect(fitsSpec(metadata)).toBe(true)
    const { contract } = await importKserveV2(url)
    const original = await loadContract('contracts/ticket-router.contract.yaml')
    const back = await loadContract(structuredClone(contract) as object)
    // The same tensors, in the same order, with the same datatypes and widths (V2 metadata does
    // not say which inputs are optional: every imported tensor is required).
    const shape = (specs: { required: boolean }[]) => specs.map(({ required: _, ...spec }) => spec)
    const { tensorSpecs } = await import('../../src/protocol/index.js')
    expect(shape(tensorSpecs(back.input, 'input'))).toEqual(
      shape(tensorSpecs(original.input, 'input')),
    )
    expect(shape(tensorSpecs(back.output, 'output'))).toEqual(
      shape(tensorSpecs(original.output, 'output')),
    )
  } finally {
    await server.stop()
  }
})

it("understands OpenAPI 3.0's nullable, example and discriminator, and bundles component refs", async () => {
  const file = join(dir, 'pets.yaml')
  writeFileSync(
    file,
    `openapi: 3.0.3
info: { title: Pets, version: '1.4', contact: { name: pet-ml } }
paths:
  /classify:
    post:
      operationId: classifyPet
      summary: Classifies a pet
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Pet' }
            examples:
              rex: { value: { kind: dog, name: Rex, barks: true } }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Verdict' }
              examples:
                rex: { value: { label: good, score: 0.9 } }
components:
  schemas:
    Pet:
      oneOf: [{ $ref: '#/components/schemas/Dog' }, { $ref: '#/components/schemas/Cat' }]
      discriminator: { propertyName: kind, mapping: { dog: '#/components/schemas/Dog', cat: Cat } }
    Dog:
      type: object
      required: [kind, name]
      properties: { kind: { type: string }, name: { type: string, example: Rex }, barks: { type: boolean } }
    Cat:
      type: object
      required: [kind, name]
      properties: { kind: { type: string }, name: { type: string }, lives: { type: integer, nullable: true } }
    Verdict:
      type: object
      required: [label]
      properties:
        label: { type: string, enum: [good, bad], nullable: true }
        score: { type: number, minimum: 0, exclusiveMinimum: true }
`,
  )
  const { contract, notes } = await importOpenApi(file, { operation: 'classifyPet' })
  expect(notes).toEqual([
    {
      pointer: '/input',
      message: 'the source\'s version "1.4" was read as the semantic version 1.4.0',
    },
  ])
  expect(contract).toMatchObject({
    name: 'classifypet',
    version: '1.4.0',
    description: 'Classifies a pet',
    owner: 'pet-ml',
    endpoint: { method: 'POST', path: '/classify' },
    input: { $ref: '#/$defs/Pet' },
    output: { $ref: '#/$defs/Verdict' },
    examples: [
      {
        name: 'rex',
        input: { kind: 'dog', name: 'Rex', barks: true },
        output: { label: 'good', score: 0.9 },
      },
    ],
  })
  const defs = contract.$defs as Record<string, Record<string, unknown>>
  expect(defs.Pet).toEqual({
    oneOf: [
      {
        allOf: [
          { $ref: '#/$defs/Dog' },
          { properties: { kind: { const: 'dog' } }, required: ['kind'] },
        ],
      },
      {
        allOf: [
          { $ref: '#/$defs/Cat' },
          { properties: { kind: { const: 'cat' } }, required: ['kind'] },
        ],
      },
    ],
    discriminator: {
      propertyName: 'kind',
      mapping: { dog: '#/components/schemas/Dog', cat: 'Cat' },
    },
  })
  expect(defs.Dog?.properties).toMatchObject({ name: { type: 'string', examples: ['Rex'] } })
  expect(defs.Cat?.properties).toMatchObject({ lives: { type: ['integer', 'null'] } })
  expect(defs.Verdict?.properties).toEqual({
    label: { type: ['string', 'null'], enum: ['good', 'bad', null] },
    score: { type: 'number', exclusiveMinimum: 0 },
  })
  const loaded = await loadContract(structuredClone(contract) as object)
  // The discriminator decides: a cat-shaped dog is still one branch only.
  expect(loaded.validateInput({ kind: 'cat', name: 'Tom', lives: null })).toEqual([])
  expect(loaded.validateInput({ kind: 'cow', name: 'Daisy' })).not.toEqual([])
})

it('leaves readOnly properties out of the input and writeOnly ones out of the output, each side its own copy of a shared component', async () => {
  // OpenAPI 3.0.3, Schema Object, readOnly/writeOnly: "If the property is marked as readOnly
  // being true and is in the required list, the required will take effect on the response only",
  // and writeOnly likewise on the request only.
  const file = join(dir, 'read-write.yaml')
  writeFileSync(
    file,
    `openapi: 3.0.3
info: { title: Pets, version: 1.0.0 }
paths:
  /pets:
    post:
      operationId: addPet
      requestBody:
        content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } }
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } }
components:
  schemas:
    Pet:
      type: object
      required: [id, name, secret, tag]
      properties:
        id: { type: integer, readOnly: true }
        name: { type: string }
        secret: { type: string, writeOnly: true }
        tag: { $ref: '#/components/schemas/Tag' }
    Tag: { type: string }
`,
  )
  const { contract } = await importOpenApi(file, { operation: 'addPet' })
  expect(contract.input).toEqual({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $ref: '#/$defs/Pet_input',
  })
  expect(contract.output).toEqual({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $ref: '#/$defs/Pet_output',
  })
  expect(contract.$defs).toEqual({
    Pet_input: {
      type: 'object',
      required: ['name', 'secret', 'tag'],
      properties: {
        name: { type: 'string' },
        secret: { type: 'string', writeOnly: true },
        tag: { $ref: '#/$defs/Tag' },
      },
    },
    Tag: { type: 'string' },
    Pet_output: {
      type: 'object',
      required: ['id', 'name', 'tag'],
      properties: {
        id: { type: 'integer', readOnly: true },
        name: { type: 'string' },
        tag: { $ref: '#/$defs/Tag' },
      },
    },
  })
  const loaded = await loadContract(structuredClone(contract) as object)
  expect(loaded.validateInput({ name: 'Rex', secret: 's3', tag: 'dog' })).toEqual([])
})

it('takes a 2XX response as the output when there is no 200 or 201, and notes only the error responses', async () => {
  // OpenAPI 3's Responses Object allows a range key ("2XX"); some generators write only that.
  const file = join(dir, 'range.yaml')
  const document = (responses: string) => `openapi: 3.1.0
info: { title: Scores, version: 1.0.0 }
paths:
  /score:
    post:
      operationId: score
      requestBody:
        content: { application/json: { schema: { type: object, properties: { x: { type: number } } } } }
      responses:
${responses}
`
  const ok = `          content: { application/json: { schema: { type: object, required: [score], properties: { score: { type: number } } } } }`
  writeFileSync(
    file,
    document(`        '2XX':
          description: ok
${ok}
        '4XX': { description: bad input }`),
  )
  const { contract, notes } = await importOpenApi(file, { operation: 'score' })
  expect(contract.output).toEqual({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['score'],
    properties: { score: { type: 'number' } },
    'x-standin-import': [
      "the responses 4XX are not carried: the stand-in answers errors in the json protocol's problem+json shape",
    ],
  })
  expect(notes.map((n) => n.message)).toEqual([
    "the responses 4XX are not carried: the stand-in answers errors in the json protocol's problem+json shape",
  ])
  writeFileSync(
    file,
    document(`        default:
          description: ok
${ok}`),
  )
  const fallback = await importOpenApi(file, { operation: 'score' })
  expect(fallback.contract.output).toMatchObject({ required: ['score'] })
  expect(fallback.notes).toEqual([])
})

it('lists the operations it could import when no --operation is given', async () => {
  const run = await runInProcess(['import', 'openapi', 'test/fixtures/infinity/openapi.json'])
  expect(run.code).toBe(0)
  expect(run.stdout).toBe(
    [
      'test/fixtures/infinity/openapi.json: 5 of 9 operations can be imported (they take a JSON body).',
      'Import one with --operation <operationId | "METHOD /path">:',
      '    health               GET /health              (no JSON request body)',
      '    redirect__get        GET /                    (no JSON request body)',
      '    models               GET /models              (no JSON request body)',
      '  * embeddings           POST /embeddings          Embeddings',
      '  * rerank               POST /rerank              Rerank',
      '  * classify             POST /classify            Classify',
      '  * embeddings_image     POST /embeddings_image   Deprecated: Use `embeddings` with `modality` set to `image`',
      '  * embeddings_audio     POST /embeddings_audio   Deprecated: Use `embeddings` with `modality` set to `audio`',
      '    metrics_metrics_get  GET /metrics             (no JSON request body)',
      '',
    ].join('\n'),
  )
})

it('keeps the --protocol choices equal to the library targets (the seam for issue 16)', async () => {
  const { openApiTargets } = await import('../../src/interop/index.js')
  const { importCommand } = await import('../../src/cli/commands/import.js')
  expect((importCommand.flags.protocol as unknown as { valueName: string }).valueName).toBe(
    openApiTargets.join('|'),
  )
})
