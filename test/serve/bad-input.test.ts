import { connect } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startServer, type StandinServer } from '../../src/serve/index.js'
import { bundledContracts } from './bundled.js'

let server: StandinServer
const contracts = await bundledContracts()
const versions = Object.fromEntries(contracts.map((c) => [c.name, c.version]))

beforeAll(async () => {
  server = await startServer(contracts, {
    port: 0,
    seed: 3,
    latency: 0,
    errorRate: 0,
    headersTimeoutMs: 500,
    requestTimeoutMs: 1000,
  })
})
afterAll(() => server.close())

const json = { 'content-type': 'application/json' }
const validTransaction = {
  request_id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  narration: 'POS TESCO',
  amount: 2.5,
  currency: 'GBP',
  direction: 'debit',
}

async function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Uint8Array<ArrayBuffer>,
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
  })
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as unknown) : '',
  }
}

/** After every bad request, the server still answers a good one. */
async function stillAnswers(): Promise<void> {
  const answer = await send('POST', '/predict', json, JSON.stringify(validTransaction))
  expect(answer.status).toBe(200)
}

const problem = (
  status: number,
  type: string,
  title: string,
  detail: string,
  errors: unknown[] = [],
) => ({
  type: `urn:standin:problem:${type}`,
  title,
  status,
  detail,
  errors,
})

interface Case {
  name: string
  method: string
  path: string
  headers?: Record<string, string>
  body?: string | Uint8Array<ArrayBuffer>
  status: number
  expected: unknown
}

const cases: Case[] = [
  {
    name: 'malformed JSON',
    method: 'POST',
    path: '/predict',
    body: '{x',
    status: 400,
    expected: problem(400, 'malformed-json', 'Bad request', 'The body is not valid JSON.', [
      {
        pointer: '',
        code: 'request.malformed-json',
        message: "the body is not valid JSON: Expected property name or '}' in JSON at position 1",
      },
    ]),
  },
  {
    name: 'an empty body',
    method: 'POST',
    path: '/predict',
    body: '',
    status: 400,
    expected: problem(400, 'empty-body', 'Bad request', 'The body is empty.', [
      { pointer: '', code: 'request.empty-body', message: 'the body is empty; send a JSON body' },
    ]),
  },
  {
    name: 'invalid UTF-8',
    method: 'POST',
    path: '/predict',
    body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    status: 400,
    expected: problem(400, 'invalid-utf8', 'Bad request', 'The body is not valid UTF-8.', [
      {
        pointer: '',
        code: 'request.invalid-utf8',
        message: 'the body holds bytes that are not valid UTF-8; send UTF-8 JSON',
      },
    ]),
  },
  {
    name: 'JSON nested 10,000 deep',
    method: 'POST',
    path: '/predict',
    body: '['.repeat(10_000) + ']'.repeat(10_000),
    status: 400,
    expected: problem(400, 'too-deep', 'Bad request', 'The body nests deeper than 64 levels.', [
      { pointer: '', code: 'request.too-deep', message: 'the JSON nests deeper than 64 levels' },
    ]),
  },
  {
    name: 'a wrong content type',
    method: 'POST',
    path: '/predict',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify(validTransaction),
    status: 415,
    expected: problem(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      'Send the body as application/json (UTF-8), not text/plain.',
    ),
  },
  {
    name: 'a charset other than UTF-8',
    method: 'POST',
    path: '/predict',
    headers: { 'content-type': 'application/json; charset=latin1' },
    body: JSON.stringify(validTransaction),
    status: 415,
    expected: problem(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      'Send the body as application/json (UTF-8), not application/json; charset=latin1.',
    ),
  },
  {
    name: 'a 2 MB body',
    method: 'POST',
    path: '/predict',
    body: JSON.stringify({ narration: 'x'.repeat(2 * 1024 * 1024) }),
    status: 413,
    expected: problem(
      413,
      'payload-too-large',
      'Payload too large',
      'The body has 2097168 bytes; the limit is 1048576. Send a smaller batch.',
    ),
  },
  {
    name: 'a wrong method',
    method: 'GET',
    path: '/predict',
    status: 405,
    expected: problem(
      405,
      'method-not-allowed',
      'Method not allowed',
      '/predict takes POST, not GET.',
    ),
  },
  {
    name: 'schema violations, one entry per pointer',
    method: 'POST',
    path: '/predict',
    body: JSON.stringify({ ...validTransaction, amount: -1, currency: 'XXX', extra: 1 }),
    status: 422,
    expected: problem(
      422,
      'invalid-input',
      'Invalid input',
      `The input breaks the contract transaction-classifier@${versions['transaction-classifier']}.`,
      [
        {
          pointer: '/extra',
          code: 'schema.additionalProperties',
          message: 'is not allowed: the schema declares no such property',
        },
        { pointer: '/amount', code: 'schema.minimum', message: 'must be >= 0' },
        {
          pointer: '/currency',
          code: 'schema.enum',
          message:
            'must be equal to one of the allowed values: "GBP", "EUR", "USD", "CHF", "PLN", "SEK"',
        },
      ],
    ),
  },
  {
    name: '__proto__ and constructor keys',
    method: 'POST',
    path: '/predict',
    body: `{"request_id":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","narration":"x","amount":1,"currency":"GBP","direction":"debit","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}`,
    status: 422,
    expected: problem(
      422,
      'invalid-input',
      'Invalid input',
      `The input breaks the contract transaction-classifier@${versions['transaction-classifier']}.`,
      [
        {
          pointer: '/__proto__',
          code: 'schema.additionalProperties',
          message: 'is not allowed: the schema declares no such property',
        },
        {
          pointer: '/constructor',
          code: 'schema.additionalProperties',
          message: 'is not allowed: the schema declares no such property',
        },
      ],
    ),
  },
  {
    name: 'a kserve-v2 tensor whose shape does not match its data',
    method: 'POST',
    path: '/v2/models/ticket-router/infer',
    body: JSON.stringify({
      inputs: [{ name: 'ticket_id', shape: [3], datatype: 'BYTES', data: ['TCK-0048213'] }],
    }),
    status: 400,
    expected: {
      error:
        'The body is not a valid kserve-v2 request. /inputs/0/data: "data" holds 1 element but shape [3] needs 3; /inputs: missing input tensor "subject"; /inputs: missing input tensor "body"; /inputs: missing input tensor "channel"; /inputs: missing input tensor "customer_tier"',
      errors: [
        {
          pointer: '/inputs/0/data',
          code: 'protocol.tensor-shape',
          message: '"data" holds 1 element but shape [3] needs 3',
        },
        ...['subject', 'body', 'channel', 'customer_tier'].map((t) => ({
          pointer: '/inputs',
          code: 'protocol.tensor-missing',
          message: `missing input tensor "${t}"`,
        })),
      ],
    },
  },
  {
    name: 'a kserve-v2 schema violation',
    method: 'POST',
    path: '/v2/models/ticket-router/infer',
    body: JSON.stringify({
      inputs: [
        { name: 'ticket_id', shape: [1], datatype: 'BYTES', data: ['nope'] },
        { name: 'subject', shape: [1], datatype: 'BYTES', data: ['s'] },
        { name: 'body', shape: [1], datatype: 'BYTES', data: ['b'] },
        { name: 'channel', shape: [1], datatype: 'BYTES', data: ['fax'] },
        { name: 'customer_tier', shape: [1], datatype: 'BYTES', data: ['plus'] },
      ],
    }),
    status: 400,
    expected: {
      error: `The input breaks the contract ticket-router@${versions['ticket-router']}. /inputs/0/data/0: must match pattern "^TCK-[0-9]{6,10}$"; /inputs/3/data/0: must be equal to one of the allowed values: "email", "chat", "web_form", "phone_transcript"`,
      errors: [
        {
          pointer: '/inputs/0/data/0',
          code: 'schema.pattern',
          message: 'must match pattern "^TCK-[0-9]{6,10}$"',
        },
        {
          pointer: '/inputs/3/data/0',
          code: 'schema.enum',
          message:
            'must be equal to one of the allowed values: "email", "chat", "web_form", "phone_transcript"',
        },
      ],
    },
  },
  {
    name: 'an unknown kserve-v2 model',
    method: 'POST',
    path: '/v2/models/nope/infer',
    body: '{}',
    status: 404,
    expected: {
      error: expect.stringMatching(
        /^No route for POST \/v2\/models\/nope\/infer\. The stand-in serves: POST \/predict, POST \/v2\/models\/ticket-router\/infer, /,
      ),
      errors: [],
      routes: expect.arrayContaining(['POST /v2/models/ticket-router/infer', 'GET /_standin']),
    },
  },
  {
    name: 'an mlflow body with two input keys',
    method: 'POST',
    path: '/invocations',
    body: JSON.stringify({ instances: [{}], dataframe_records: [{}] }),
    status: 400,
    expected: {
      error_code: 'BAD_REQUEST',
      message:
        'The body is not a valid mlflow request. Send exactly one of "dataframe_split", "dataframe_records", "instances", "inputs"; got "dataframe_records", "instances"',
      errors: [
        {
          pointer: '',
          code: 'protocol.envelope',
          message:
            'send exactly one of "dataframe_split", "dataframe_records", "instances", "inputs"; got "dataframe_records", "instances"',
        },
      ],
    },
  },
  {
    name: 'a v1 schema violation in the second instance',
    method: 'POST',
    path: '/v1/models/news-signals:predict',
    body: JSON.stringify({
      instances: [
        {
          article_id: 'rtr-20241031-acme-q3',
          headline: 'h',
          source: 'reuters',
          published_at: '2024-10-31T12:05:00Z',
        },
        { article_id: 'x', headline: 'h', source: 'reuters', published_at: 'yesterday' },
      ],
    }),
    status: 400,
    expected: {
      error: `The input breaks the contract news-signals@${versions['news-signals']}. /instances/1/article_id: must NOT have fewer than 8 characters; /instances/1/published_at: must match format "date-time"`,
      errors: [
        {
          pointer: '/instances/1/article_id',
          code: 'schema.minLength',
          message: 'must NOT have fewer than 8 characters',
        },
        {
          pointer: '/instances/1/published_at',
          code: 'schema.format',
          message: 'must match format "date-time"',
        },
      ],
    },
  },
  {
    name: 'an unknown path',
    method: 'GET',
    path: '/nope',
    status: 404,
    expected: {
      type: 'urn:standin:problem:not-found',
      title: 'Not found',
      status: 404,
      detail: expect.stringMatching(
        /^No route for GET \/nope\. The stand-in serves: POST \/predict, .*, GET \/_standin\.$/,
      ),
      errors: [],
      routes: expect.arrayContaining([
        'POST /predict',
        'POST /invocations',
        'POST /v1/models/news-signals:predict',
        'GET /v2/health/ready',
        'GET /_standin',
      ]),
    },
  },
  {
    name: 'an unknown scenario',
    method: 'POST',
    path: '/predict',
    headers: { 'content-type': 'application/json', 'x-standin-scenario': 'explode' },
    body: JSON.stringify(validTransaction),
    status: 400,
    expected: problem(
      400,
      'unknown-scenario',
      'Unknown scenario',
      'x-standin-scenario must be one of error, slow, timeout, invalid-output, rate-limit.',
      [{ pointer: '', code: 'request.scenario', message: 'unknown scenario "explode"' }],
    ),
  },
  {
    name: 'an unknown scenario 8,000 characters long (shown cut short)',
    method: 'POST',
    path: '/predict',
    headers: { 'content-type': 'application/json', 'x-standin-scenario': 'e'.repeat(8000) },
    body: JSON.stringify(validTransaction),
    status: 400,
    expected: problem(
      400,
      'unknown-scenario',
      'Unknown scenario',
      'x-standin-scenario must be one of error, slow, timeout, invalid-output, rate-limit.',
      [
        {
          pointer: '',
          code: 'request.scenario',
          message: `unknown scenario "${'e'.repeat(76)}...`,
        },
      ],
    ),
  },
]

for (const c of cases) {
  it(`answers ${c.name} with ${c.status} and the violations, then keeps answering`, async () => {
    const answer = await send(c.method, c.path, c.headers ?? json, c.body)
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: c.status,
      body: c.expected,
    })
    await stillAnswers()
  })
}

it('never lets __proto__ keys reach a prototype, echoed or not', async () => {
  const body = `{"dataframe_records":[{"vessel_type":"tanker","deadweight_t":50000,"distance_nm":100,"avg_speed_kn":12,"draft_m":10,"wind_speed_kn":5,"wave_height_m":1}],"params":{"__proto__":{"polluted":"yes"}}}`
  const answer = await send('POST', '/invocations', json, body)
  expect(answer.status).toBe(200)
  const kserve = await send(
    'POST',
    '/v2/models/ticket-router/infer',
    json,
    JSON.stringify({ id: '__proto__', inputs: [] }),
  )
  expect(kserve.status).toBe(400)
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(Object.prototype).not.toHaveProperty('polluted')
})

it('answers a 5 MB body with 413 or a closed connection, never a 5xx', async () => {
  const big = JSON.stringify({ narration: 'x'.repeat(5 * 1024 * 1024) })
  const outcome = await send('POST', '/predict', json, big).then(
    (a) => a.status,
    () => 'closed',
  )
  expect([413, 'closed']).toContain(outcome)
  await stillAnswers()
})

it('answers a streamed body that passes the limit with 413 before reading it all', async () => {
  const chunk = new TextEncoder().encode(' '.repeat(256 * 1024))
  let sent = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < 40) controller.enqueue(chunk)
      else controller.close()
    },
  })
  const outcome = await fetch(`${server.url}/predict`, {
    method: 'POST',
    headers: json,
    body: stream,
    duplex: 'half',
  } as RequestInit).then(
    (r) => r.status,
    () => 'closed',
  )
  expect([413, 'closed']).toContain(outcome)
  await stillAnswers()
})

it('closes a slow-loris connection once the header timeout passes', async () => {
  const started = Date.now()
  const socket = connect(server.port, '127.0.0.1')
  socket.write('POST /predict HTTP/1.1\r\nHost: x\r\n')
  const drip = setInterval(() => socket.writable && socket.write('x-slow: 1\r\n'), 200)
  let received = ''
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()))
  await new Promise<void>((resolve) => socket.on('close', () => resolve()))
  clearInterval(drip)
  expect(Date.now() - started).toBeLessThan(4000)
  expect(received === '' || received.startsWith('HTTP/1.1 408')).toBe(true)
  await stillAnswers()
})

it('answers a malformed request line with 400 and closes', async () => {
  const socket = connect(server.port, '127.0.0.1')
  socket.write('BLAH\r\n\r\n')
  let received = ''
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()))
  await new Promise<void>((resolve) => socket.on('close', () => resolve()))
  expect(received).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
  await stillAnswers()
})
