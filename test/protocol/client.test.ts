import fc from 'fast-check'
import { expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { getProtocol, modelMetadata } from '../../src/protocol/index.js'
import type { ServeFailure } from '../../src/protocol/index.js'
import { envelopeErrors, errorSchema, requestSchema, responseSchema } from './envelope-schemas.js'
import { batchingContract, bundled, fixtureContract } from './fixture-contracts.js'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const seed = Number(process.env.FC_SEED ?? Date.now() % 100_000)

for (const name of bundled) {
  it(`round-trips ${name}'s example inputs and outputs through its protocol's client and server sides`, async () => {
    // json batches exist only where the endpoint declares them.
    const contract = await batchingContract(name)
    const protocol = getProtocol(contract.protocol)
    const compiled = protocol.compile(contract)
    const inputs = contract.examples.map((e) => e.input)
    const outputs = contract.examples.map((e) => e.output)
    const request = protocol.encodeRequest(contract, inputs)
    const schema = requestSchema[contract.protocol]
    if (schema) expect(envelopeErrors(schema, request.body)).toBe('')
    expect(compiled.routes).toContainEqual({
      kind: 'infer',
      method: request.method,
      path: request.path,
    })
    const decoded = compiled.decodeRequest(JSON.parse(JSON.stringify(request.body)))
    expect(decoded.ok && decoded.batch.records).toEqual(inputs)
    if (!decoded.ok) return
    const body = JSON.parse(
      JSON.stringify(compiled.encodeResponse(outputs, decoded.batch)),
    ) as unknown
    const answer = responseSchema[contract.protocol]
    if (answer) expect(envelopeErrors(answer, body)).toBe('')
    expect(protocol.decodeResponse(contract, 200, body, outputs.length)).toEqual({ outputs })
  })
}

it('round-trips any ticket batch through kserve-v2 tensors (fast-check)', async () => {
  const contract = await fixtureContract('ticket-router')
  const protocol = getProtocol('kserve-v2')
  const compiled = protocol.compile(contract)
  const ticket = fc.record(
    {
      ticket_id: fc.string(),
      subject: fc.string(),
      body: fc.string(),
      channel: fc.constantFrom('email', 'chat'),
      customer_tier: fc.constantFrom('standard', 'plus', 'premium'),
      order_value: fc.double({ noNaN: true, noDefaultInfinity: true }),
      previous_tickets: fc.integer({ min: 0, max: 500 }),
    },
    { requiredKeys: ['ticket_id', 'subject', 'body', 'channel', 'customer_tier'] },
  )
  fc.assert(
    fc.property(fc.array(ticket, { minLength: 1, maxLength: 5 }), (records) => {
      const request = protocol.encodeRequest(contract, records)
      const decoded = compiled.decodeRequest(JSON.parse(JSON.stringify(request.body)))
      const plain = JSON.parse(JSON.stringify(records)) as unknown
      expect(decoded.ok && decoded.batch.records).toEqual(plain)
    }),
    { seed, numRuns: 200 },
  )
  console.log(`fast-check seed ${seed}`)
})

/** A field of a generated record schema: its schema, and the values that fit it. */
const scalarFields = {
  number: {
    schema: { type: 'number' },
    value: fc.double({ noNaN: true, noDefaultInfinity: true }),
  },
  integer: { schema: { type: 'integer' }, value: fc.integer() },
  boolean: { schema: { type: 'boolean' }, value: fc.boolean() },
  string: { schema: { type: 'string' }, value: fc.string() },
} as const
type ScalarKind = keyof typeof scalarFields
const scalarKind = fc.constantFrom(...(Object.keys(scalarFields) as ScalarKind[]))
/** scalar, a list of one scalar kind (of a fixed width or not), or an object. */
const fieldKind = fc.oneof(
  scalarKind.map((kind) => ({ shape: 'scalar' as const, kind })),
  fc
    .tuple(scalarKind, fc.option(fc.integer({ min: 0, max: 3 })))
    .map(([kind, width]) => ({ shape: 'list' as const, kind, width })),
  fc.constant({ shape: 'object' as const, kind: 'string' as const }),
)
type FieldKind = typeof fieldKind extends fc.Arbitrary<infer T> ? T : never

function fieldSchema(field: FieldKind): Record<string, unknown> {
  if (field.shape === 'scalar') return scalarFields[field.kind].schema
  if (field.shape === 'object') return { type: 'object', additionalProperties: { type: 'string' } }
  const bounds = field.width === null ? {} : { minItems: field.width, maxItems: field.width }
  return { type: 'array', items: scalarFields[field.kind].schema, ...bounds }
}

function fieldValue(field: FieldKind): fc.Arbitrary<unknown> {
  const item = scalarFields[field.kind].value as fc.Arbitrary<unknown>
  if (field.shape === 'scalar') return item
  if (field.shape === 'object') return fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 })
  return field.width === null
    ? fc.array(item, { maxLength: 4 })
    : fc.array(item, { minLength: field.width, maxLength: field.width })
}

/** A record schema of one to four fields, some optional, and a batch of records that fit it. */
const schemaAndBatch = fc
  .uniqueArray(fc.tuple(fc.stringMatching(/^[a-z][a-z_]{0,7}$/), fieldKind, fc.boolean()), {
    minLength: 1,
    maxLength: 4,
    selector: ([name]) => name,
  })
  .chain((fields) => {
    const record = fc.record(
      Object.fromEntries(fields.map(([name, field]) => [name, fieldValue(field)])),
      { requiredKeys: fields.filter(([, , required]) => required).map(([name]) => name) },
    )
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      required: fields.filter(([, , required]) => required).map(([name]) => name),
      properties: Object.fromEntries(fields.map(([name, field]) => [name, fieldSchema(field)])),
    }
    return fc.tuple(fc.constant(schema), fc.array(record, { minLength: 1, maxLength: 4 }))
  })

it('round-trips any batch of any record schema through kserve-v2 tensors, both ways (fast-check)', async () => {
  await fc.assert(
    fc.asyncProperty(schemaAndBatch, async ([schema, records]) => {
      const contract = await loadContract({
        contract: 1,
        name: 'any-record',
        version: '1.0.0',
        protocol: 'kserve-v2',
        input: schema,
        output: schema,
      })
      const protocol = getProtocol('kserve-v2')
      const compiled = protocol.compile(contract)
      const plain = JSON.parse(JSON.stringify(records)) as unknown[]
      const request = protocol.encodeRequest(contract, records)
      const decoded = compiled.decodeRequest(JSON.parse(JSON.stringify(request.body)))
      expect(decoded.ok ? decoded.batch.records : decoded.problems).toEqual(plain)
      if (!decoded.ok) return
      const body = JSON.parse(JSON.stringify(compiled.encodeResponse(records, decoded.batch)))
      expect(protocol.decodeResponse(contract, 200, body, records.length)).toEqual({
        outputs: plain,
      })
    }),
    { seed, numRuns: 150 },
  )
  console.log(`fast-check seed ${seed}`)
})

it('round-trips any batch of objects through the json, v1 and mlflow envelopes (fast-check)', async () => {
  const record = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 })
  for (const name of ['transaction-classifier', 'news-signals', 'fuel-consumption']) {
    const contract = await batchingContract(name)
    const protocol = getProtocol(contract.protocol)
    const compiled = protocol.compile(contract)
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 4 }), (records) => {
        const body = JSON.parse(
          JSON.stringify(protocol.encodeRequest(contract, records).body),
        ) as unknown
        const decoded = compiled.decodeRequest(body)
        expect(decoded.ok && decoded.batch.records).toEqual(JSON.parse(JSON.stringify(records)))
        const answered = JSON.parse(
          JSON.stringify(
            compiled.encodeResponse(records, decoded.ok ? decoded.batch : (undefined as never)),
          ),
        ) as unknown
        expect(protocol.decodeResponse(contract, 200, answered, records.length)).toEqual({
          outputs: JSON.parse(JSON.stringify(records)),
        })
      }),
      { seed, numRuns: 100 },
    )
  }
})

it('reports a wrong batch length by pointer on the client side', async () => {
  const news = await fixtureContract('news-signals')
  expect(getProtocol('v1').decodeResponse(news, 200, { predictions: [{}] }, 2)).toEqual({
    problems: [
      {
        code: 'protocol.batch-length',
        severity: 'error',
        pointer: '/predictions',
        message: 'expected 2 predictions (one per record), got 1',
      },
    ],
  })
  const classifier = await fixtureContract('transaction-classifier')
  expect(getProtocol('json').decodeResponse(classifier, 200, [{}], 2)).toEqual({
    problems: [
      {
        code: 'protocol.batch-length',
        severity: 'error',
        pointer: '',
        message: 'expected 2 outputs (one per record), got 1',
      },
    ],
  })
})

it('reports kserve-v2 output tensors with a wrong name, datatype or shape by pointer', async () => {
  const contract = await fixtureContract('ticket-router')
  const decoded = getProtocol('kserve-v2').decodeResponse(
    contract,
    200,
    {
      model_name: 'ticket-router',
      outputs: [
        { name: 'queue', shape: [2], datatype: 'BYTES', data: ['orders', 'returns'] },
        {
          name: 'queue_scores',
          shape: [1, 6],
          datatype: 'FP32',
          data: [0.1, 0.1, 0.1, 0.1, 0.1, 0.5],
        },
        { name: 'priority', shape: [2], datatype: 'FP32', data: [1, 2] },
        { name: 'lang', shape: [2], datatype: 'BYTES', data: ['en', 'de'] },
      ],
    },
    2,
  )
  expect('problems' in decoded && decoded.problems.map((p) => `${p.pointer} ${p.message}`)).toEqual(
    [
      '/outputs/1/shape/0 batch size 1, expected 2 (one per record)',
      '/outputs/2/datatype tensor "priority" has datatype FP32, expected INT64',
      '/outputs/3/name unknown output tensor "lang"; the model\'s outputs are "queue", "queue_scores", "priority", "language"',
    ],
  )
})

it('turns a non-2xx answer into a status problem on the client side', async () => {
  const contract = await fixtureContract('fuel-consumption')
  expect(
    getProtocol('mlflow').decodeResponse(
      contract,
      503,
      { error_code: 'TEMPORARILY_UNAVAILABLE' },
      1,
    ),
  ).toEqual({
    problems: [
      {
        code: 'protocol.status',
        severity: 'error',
        pointer: '',
        message: 'the model answered HTTP 503: {"error_code":"TEMPORARILY_UNAVAILABLE"}',
      },
    ],
  })
})

it("advertises, sends and takes the model's own datatypes when the schema names them (x-v2-tensor, as import writes)", async () => {
  // The metadata of Triton's densenet_onnx-style model, imported by the real importer.
  const { importKserveV2 } = await import('../../src/interop/index.js')
  const file = join(mkdtempSync(join(tmpdir(), 'standin-datatypes-')), 'iris.json')
  writeFileSync(
    file,
    JSON.stringify({
      name: 'iris',
      versions: ['1'],
      platform: 'onnxruntime_onnx',
      inputs: [{ name: 'input', datatype: 'FP32', shape: [-1, 4] }],
      outputs: [
        { name: 'label', datatype: 'INT32', shape: [-1] },
        { name: 'probabilities', datatype: 'FP16', shape: [-1, 3] },
      ],
    }),
  )
  const imported = await importKserveV2(file)
  const contract = await loadContract(imported.contract)
  expect(modelMetadata(contract)).toMatchObject({
    inputs: [{ name: 'input', datatype: 'FP32', shape: [-1, 4] }],
    outputs: [
      { name: 'label', datatype: 'INT32', shape: [-1] },
      { name: 'probabilities', datatype: 'FP16', shape: [-1, 3] },
    ],
  })
  const protocol = getProtocol('kserve-v2')
  const compiled = protocol.compile(contract)
  const request = protocol.encodeRequest(contract, [{ input: [1, 2, 3, 4] }])
  expect(request.body).toMatchObject({ inputs: [{ datatype: 'FP32', shape: [1, 4] }] })
  // A client that sends FP64 (or an integer tensor) for the FP32 field is still taken.
  for (const datatype of ['FP64', 'INT64'])
    expect(
      compiled.decodeRequest({
        inputs: [{ name: 'input', datatype, shape: [1, 4], data: [1, 2, 3, 4] }],
      }).ok,
    ).toBe(true)
  const decoded = compiled.decodeRequest(request.body)
  if (!decoded.ok) throw new Error('the request was refused')
  const body = compiled.encodeResponse(
    [{ label: 2, probabilities: [0.1, 0.2, 0.7] }],
    decoded.batch,
  )
  expect(body).toMatchObject({
    outputs: [
      { name: 'label', datatype: 'INT32' },
      { name: 'probabilities', datatype: 'FP16' },
    ],
  })
  // An integer field is not carried by a floating-point tensor.
  expect(
    protocol.decodeResponse(
      contract,
      200,
      {
        model_name: 'iris',
        outputs: [
          { name: 'label', datatype: 'FP32', shape: [1], data: [2] },
          { name: 'probabilities', datatype: 'FP32', shape: [1, 3], data: [0.1, 0.2, 0.7] },
        ],
      },
      1,
    ),
  ).toMatchObject({ problems: [{ pointer: '/outputs/0/datatype' }] })
})

it('derives the kserve-v2 model metadata from the schemas', async () => {
  const contract = await fixtureContract('ticket-router')
  const metadata = modelMetadata(contract)
  expect(envelopeErrors('kserve-v2-model-metadata', metadata)).toBe('')
  expect(metadata).toEqual({
    name: 'ticket-router',
    versions: [contract.version],
    platform: 'standin',
    inputs: [
      { name: 'ticket_id', datatype: 'BYTES', shape: [-1] },
      { name: 'subject', datatype: 'BYTES', shape: [-1] },
      { name: 'body', datatype: 'BYTES', shape: [-1] },
      { name: 'channel', datatype: 'BYTES', shape: [-1] },
      { name: 'customer_tier', datatype: 'BYTES', shape: [-1] },
      { name: 'order_value', datatype: 'FP64', shape: [-1] },
      { name: 'previous_tickets', datatype: 'INT64', shape: [-1] },
    ],
    outputs: [
      { name: 'queue', datatype: 'BYTES', shape: [-1] },
      { name: 'queue_scores', datatype: 'FP64', shape: [-1, 6] },
      { name: 'priority', datatype: 'INT64', shape: [-1] },
      { name: 'language', datatype: 'BYTES', shape: [-1] },
    ],
  })
})

it("puts refusals in each protocol's own error shape with one errors[] entry per pointer", () => {
  const failure: ServeFailure = {
    status: 422,
    type: 'invalid-input',
    title: 'Invalid input',
    detail: 'The input breaks the contract.',
    problems: [
      { code: 'schema.type', severity: 'error', pointer: '/amount', message: 'must be number' },
      {
        code: 'schema.required',
        severity: 'error',
        pointer: '',
        message: "must have required property 'currency'",
      },
    ],
  }
  const errors = [
    { pointer: '/amount', code: 'schema.type', message: 'must be number' },
    { pointer: '', code: 'schema.required', message: "must have required property 'currency'" },
  ]
  const text =
    "The input breaks the contract. /amount: must be number; Must have required property 'currency'"
  const bodies = Object.fromEntries(
    (['json', 'v1', 'kserve-v2', 'mlflow'] as const).map((name) => [
      name,
      getProtocol(name).encodeError(failure),
    ]),
  )
  for (const [name, answer] of Object.entries(bodies))
    expect(envelopeErrors(errorSchema[name] ?? '', answer.body)).toBe('')
  expect(bodies).toEqual({
    json: {
      contentType: 'application/problem+json',
      body: {
        type: 'urn:standin:problem:invalid-input',
        title: 'Invalid input',
        status: 422,
        detail: 'The input breaks the contract.',
        errors,
      },
    },
    v1: { contentType: 'application/json', body: { error: text, errors } },
    'kserve-v2': { contentType: 'application/json', body: { error: text, errors } },
    mlflow: {
      contentType: 'application/json',
      body: { error_code: 'BAD_REQUEST', message: text, errors },
    },
  })
})
