/**
 * The hostile battery, HTTP side of the stand-in: every case is named by its class (issue 11,
 * item 7). A real `startServer` on an ephemeral loopback port, real sockets.
 */
import type { Socket } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startServer, type StandinServer } from '../../src/serve/index.js'
import { bundledContracts } from '../serve/bundled.js'
import { openSocket, raw, send, sleep, statuses } from './http-helpers.js'

let server: StandinServer
const contracts = await bundledContracts()

beforeAll(async () => {
  server = await startServer(contracts, {
    port: 0,
    seed: 3,
    latency: 0,
    errorRate: 0,
    headersTimeoutMs: 500,
    requestTimeoutMs: 1500,
  })
})
afterAll(() => server.close())

const json = { 'content-type': 'application/json' }
const transaction = {
  request_id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  narration: 'POS TESCO',
  amount: 2.5,
  currency: 'GBP',
  direction: 'debit',
}
const vessel = {
  vessel_type: 'tanker',
  deadweight_t: 50000,
  distance_nm: 100,
  avg_speed_kn: 12,
  draft_m: 10,
  wind_speed_kn: 5,
  wave_height_m: 1,
}

/** After every hostile request, the server still answers a good one. */
async function stillAnswers(): Promise<void> {
  const answer = await send(`${server.url}/predict`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify(transaction),
  })
  expect(answer.status).toBe(200)
}

const post = (path: string, body: string | Uint8Array<ArrayBuffer>, headers = json) =>
  send(`${server.url}${path}`, { method: 'POST', headers, body })

it('invalid UTF-8: every protocol answers 400 invalid-utf8', async () => {
  const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])
  for (const path of [
    '/predict',
    '/invocations',
    '/v1/models/news-signals:predict',
    '/v2/models/ticket-router/infer',
  ]) {
    const answer = await post(path, bytes)
    expect([path, answer.status, answer.text]).toEqual([
      path,
      400,
      expect.stringContaining('request.invalid-utf8'),
    ])
  }
  await stillAnswers()
})

it('wide JSON: an mlflow batch of 340,000 empty records gets a bounded 400, not 364 MB', async () => {
  const body = `{"dataframe_records":[${Array(340_000).fill('{}').join(',')}]}`
  expect(body.length).toBeLessThan(1024 * 1024)
  const answer = await post('/invocations', body)
  expect(answer.status).toBe(400)
  expect((answer.json as { errors: unknown[] }).errors).toEqual([
    {
      pointer: '/dataframe_records',
      code: 'request.too-many-items',
      message: 'the array has more than 200000 items (the limit)',
    },
  ])
  await stillAnswers()
})

it('wide JSON: with the item limit raised, 340,000 bad records list 100 violations plus the total, under 64 KiB', async () => {
  const wide = await startServer(contracts, { port: 0, maxItems: 1_000_000, latency: 0 })
  try {
    const body = `{"dataframe_records":[${Array(340_000).fill('{}').join(',')}]}`
    const answer = await send(`${wide.url}/invocations`, {
      method: 'POST',
      headers: json,
      body,
    })
    expect(answer.status).toBe(400)
    expect(answer.text.length).toBeLessThan(64 * 1024)
    const errors = (answer.json as { errors: { pointer: string; message: string }[] }).errors
    expect(errors).toHaveLength(101)
    expect(errors[0]).toEqual({
      pointer: '/dataframe_records/0/vessel_type',
      code: 'schema.required',
      message: 'is required',
    })
    expect(errors[100]).toEqual({
      pointer: '',
      code: 'request.more-problems',
      message: 'and 2379900 more (2380000 violations in all; the first 100 are listed.)',
    })
  } finally {
    await wide.close()
  }
})

it('wide JSON: an object of 85,000 keys is refused by the key limit with its pointer', async () => {
  const keys = Array.from({ length: 85_000 }, (_, i) => `"k${i}":1`).join(',')
  const answer = await post('/predict', `{${keys}}`)
  expect(answer.status).toBe(400)
  expect(answer.json).toEqual({
    type: 'urn:standin:problem:too-many-keys',
    title: 'Bad request',
    status: 400,
    detail:
      'The body is over a size limit of the stand-in (raise it with --max-keys, --max-items or --max-string-length).',
    errors: [
      {
        pointer: '',
        code: 'request.too-many-keys',
        message: 'the object has more than 1000 keys (the limit)',
      },
    ],
  })
  await stillAnswers()
})

it('wide JSON: a string over the length limit is refused with its pointer', async () => {
  const answer = await post(
    '/predict',
    JSON.stringify({ ...transaction, narration: 'x'.repeat(100_001) }),
  )
  expect(answer.status).toBe(400)
  expect((answer.json as { errors: unknown[] }).errors).toEqual([
    {
      pointer: '/narration',
      code: 'request.string-too-long',
      message: 'the string has 100001 characters; the limit is 100000',
    },
  ])
})

it('wide JSON: an answer that would outgrow 32 times its request is refused with 413', async () => {
  // The cap needs a batch whose outputs dwarf its inputs: a contract with an empty input.
  const { loadContract } = await import('../../src/contract/index.js')
  const big = await loadContract({
    contract: 1,
    name: 'big-answer',
    version: '1.0.0',
    protocol: 'mlflow',
    input: { type: 'object' },
    output: {
      type: 'object',
      required: ['text'],
      properties: { text: { type: 'string', minLength: 2000, maxLength: 2000 } },
    },
  })
  const bigServer = await startServer([big], { port: 0, latency: 0 })
  try {
    const answer = await send(`${bigServer.url}/invocations`, {
      method: 'POST',
      headers: json,
      body: `{"dataframe_records":[${Array(1000).fill('{}').join(',')}]}`,
    })
    expect(answer.status).toBe(413)
    expect(answer.json).toMatchObject({
      error_code: 'BAD_REQUEST',
      message:
        'The answer to these 1000 records would pass 1048576 bytes (32 times the request, at least 1 MiB). Send a smaller batch.',
    })
    const small = await send(`${bigServer.url}/invocations`, {
      method: 'POST',
      headers: json,
      body: `{"dataframe_records":[${Array(10).fill('{}').join(',')}]}`,
    })
    expect(small.status).toBe(200)
  } finally {
    await bigServer.close()
  }
})

it('deep JSON: nested 10,000 deep is refused at 64 levels on every protocol', async () => {
  const deep = '['.repeat(10_000) + ']'.repeat(10_000)
  for (const path of ['/predict', '/invocations', '/v2/models/ticket-router/infer']) {
    const answer = await post(path, deep)
    expect([path, answer.status, answer.text]).toEqual([
      path,
      400,
      expect.stringContaining('the JSON nests deeper than 64 levels'),
    ])
  }
  await stillAnswers()
})

it('prototype keys: __proto__, constructor and prototype in requests are data, never prototypes', async () => {
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    const body = `{"dataframe_records":[${JSON.stringify(vessel).slice(0, -1)},"${key}":{"polluted":1}}]}`
    const answer = await post('/invocations', body)
    expect(answer.status).toBe(400)
    expect(answer.text).toContain(`/dataframe_records/0/${key}`)
    const echo = await post('/predict', `{"${key}":{"polluted":1},"request_id":"x"}`)
    expect(echo.status).toBe(422)
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  await stillAnswers()
})

it('no content type: a body without one is refused with 415, like a wrong one', async () => {
  const answer = await send(`${server.url}/predict`, {
    method: 'POST',
    body: new TextEncoder().encode(JSON.stringify(transaction)),
  })
  expect(answer.status).toBe(415)
  expect(answer.json).toEqual({
    type: 'urn:standin:problem:unsupported-media-type',
    title: 'Unsupported media type',
    status: 415,
    detail:
      'The request has no content-type header. Send the body as application/json (UTF-8) and say so in content-type.',
    errors: [],
  })
})

it('methods: HEAD is answered like GET without a body, and GET routes allow HEAD', async () => {
  const get = await send(`${server.url}/_standin`)
  const head = await send(`${server.url}/_standin`, { method: 'HEAD' })
  expect(head.status).toBe(200)
  expect(head.text).toBe('')
  expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'))
  expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(get.text)))
  const wrong = await send(`${server.url}/_standin`, { method: 'DELETE' })
  expect(wrong.status).toBe(405)
  expect(wrong.headers.get('allow')).toBe('GET, HEAD')
})

it('methods: CONNECT gets a 405 answer, not a silently closed socket', async () => {
  const { port } = new URL(server.url)
  const answer = await raw(
    server.url,
    `CONNECT example.com:443 HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n\r\n`,
  )
  expect(answer.text.startsWith('HTTP/1.1 405 Method Not Allowed\r\n')).toBe(true)
  expect(answer.text).toContain('The stand-in is not a proxy: CONNECT is not served.')
  expect(answer.closed).toBe(true)
})

it('DNS rebinding: a loopback stand-in refuses a foreign Host and answers loopback names', async () => {
  const { port } = new URL(server.url)
  const ask = (host: string) =>
    raw(server.url, `GET /_standin HTTP/1.1\r\nhost: ${host}\r\nconnection: close\r\n\r\n`)
  const foreign = await ask(`attacker.example:${port}`)
  expect(statuses(foreign.text)).toEqual([403])
  expect(foreign.text).toContain(
    `The Host header \\"attacker.example:${port}\\" is not allowed: the stand-in is bound to 127.0.0.1`,
  )
  for (const host of [
    `localhost:${port}`,
    `127.0.0.1:${port}`,
    `127.3.4.5:${port}`,
    `[::1]:${port}`,
    `app.localhost:${port}`,
  ])
    expect([host, statuses((await ask(host)).text)]).toEqual([host, [200]])
  const named = await startServer(contracts.slice(0, 1), {
    port: 0,
    latency: 0,
    allowedHosts: ['models.test'],
  })
  try {
    const ok = await raw(
      named.url,
      'GET /_standin HTTP/1.1\r\nhost: models.test:80\r\nconnection: close\r\n\r\n',
    )
    expect(statuses(ok.text)).toEqual([200])
  } finally {
    await named.close()
  }
})

it('DNS rebinding: a stand-in bound to every interface does not check Host', async () => {
  const open = await startServer(contracts.slice(0, 1), { port: 0, host: '0.0.0.0', latency: 0 })
  try {
    const answer = await raw(
      `http://127.0.0.1:${open.port}`,
      'GET /_standin HTTP/1.1\r\nhost: anything.example\r\nconnection: close\r\n\r\n',
    )
    expect(statuses(answer.text)).toEqual([200])
  } finally {
    await open.close()
  }
})

it('smuggling shapes: conflicting lengths and obfuscated chunking get 400 and a closed socket', async () => {
  const body = JSON.stringify(transaction)
  const head = 'POST /predict HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n'
  const shapes = {
    'content-length and transfer-encoding': `${head}content-length: 4\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\nGET /_standin HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`,
    'two content-lengths': `${head}content-length: ${body.length}\r\ncontent-length: 5\r\n\r\n${body}`,
    'obfuscated transfer-encoding': `${head}transfer-encoding: xchunked\r\n\r\n0\r\n\r\n`,
    'space before the colon': `${head}transfer-encoding : chunked\r\n\r\n0\r\n\r\n`,
    'a bad chunk size': `${head}transfer-encoding: chunked\r\n\r\nzz\r\n${body}\r\n0\r\n\r\n`,
  }
  for (const [name, payload] of Object.entries(shapes)) {
    const answer = await raw(server.url, payload)
    // One answer at most (never a second, smuggled one), a 4xx, and the connection closed.
    const codes = statuses(answer.text)
    expect([
      name,
      codes.length <= 1,
      codes.every((c) => c >= 400 && c < 500),
      answer.closed,
    ]).toEqual([name, true, true, true])
  }
  await stillAnswers()
})

it('slowloris: a client dripping its headers is cut off by the headers timeout', async () => {
  const socket = await openSocket(server.url)
  const closed = new Promise<number>((resolve) => {
    const started = performance.now()
    socket.on('close', () => resolve(performance.now() - started))
    socket.on('error', () => undefined)
  })
  socket.write('POST /predict HTTP/1.1\r\nhost: 127.0.0.1\r\n')
  const drip = setInterval(() => socket.writable && socket.write('x-a: b\r\n'), 100)
  try {
    const ms = await closed
    expect(ms).toBeLessThan(5000)
  } finally {
    clearInterval(drip)
  }
  await stillAnswers()
})

it('1,000 idle connections: a normal request is still answered, and closing ends them all', async () => {
  const idle = await startServer(contracts.slice(0, 1), { port: 0, latency: 0 })
  const sockets: Socket[] = []
  try {
    for (let i = 0; i < 1000; i += 100)
      sockets.push(...(await Promise.all(Array.from({ length: 100 }, () => openSocket(idle.url)))))
    for (const s of sockets) s.on('error', () => undefined)
    const answer = await send(`${idle.url}/predict`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(transaction),
    })
    expect(answer.status).toBe(200)
  } finally {
    const started = performance.now()
    await idle.close()
    expect(performance.now() - started).toBeLessThan(5000)
    for (const s of sockets) s.destroy()
  }
})

it('send 500 MB: a streamed body is refused with 413 once past the limit, without reading the rest', async () => {
  const chunk = new Uint8Array(64 * 1024).fill(0x20)
  let sent = 0
  const total = 500 * 1024 * 1024
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close()
      sent += chunk.length
      controller.enqueue(chunk)
    },
  })
  let status: number
  try {
    const response = await fetch(`${server.url}/predict`, {
      method: 'POST',
      headers: json,
      body: stream,
      duplex: 'half',
    } as RequestInit)
    status = response.status
    await response.text()
  } catch {
    status = -1 // the server closed the connection while the client was still sending
  }
  expect([413, -1]).toContain(status)
  expect(sent).toBeLessThan(100 * 1024 * 1024)
  await sleep(50)
  await stillAnswers()
})
