import { createServer } from 'node:http'
import type { RequestListener, Server } from 'node:http'
import {
  createServer as createNetServer,
  type AddressInfo,
  type Server as NetServer,
} from 'node:net'
import { afterEach, expect, it } from 'vitest'
import { createHttpClient } from '../../src/verify/send-http.js'

const servers: Server[] = []
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections()
          s.close(() => resolve())
        }),
    ),
  )
})

async function serve(listener: RequestListener): Promise<URL> {
  const server = createServer(listener)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/base/`)
}

const request = {
  method: 'POST',
  path: '/predict',
  headers: { 'content-type': 'application/json' },
  body: '{"a":1}',
}

it('returns the status, content type and parsed JSON of an answer, with the base path as prefix', async () => {
  const url = await serve((req, res) => {
    res.writeHead(201, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ path: req.url }))
  })
  const exchange = await createHttpClient(url, { timeoutMs: 1000, concurrency: 2 }).send(request)
  expect(exchange).toMatchObject({
    kind: 'answered',
    status: 201,
    contentType: 'application/json',
    body: { path: '/base/predict' },
    json: true,
  })
})

it('reports an HTML error page as an answer that is not JSON, with its text', async () => {
  const url = await serve((_req, res) => {
    res.writeHead(502, { 'content-type': 'text/html' })
    res.end('<html><body>Bad gateway</body></html>')
  })
  const exchange = await createHttpClient(url, { timeoutMs: 1000, concurrency: 2 }).send(request)
  expect(exchange).toMatchObject({
    kind: 'answered',
    status: 502,
    json: false,
    text: '<html><body>Bad gateway</body></html>',
  })
})

it('turns a server that never answers into a timeout after timeoutMs', async () => {
  const url = await serve(() => undefined)
  const started = Date.now()
  const exchange = await createHttpClient(url, { timeoutMs: 150, concurrency: 2 }).send(request)
  expect(exchange).toMatchObject({
    kind: 'unreachable',
    reason: 'timeout',
    message: 'no answer within 150 ms',
  })
  expect(Date.now() - started).toBeLessThan(1000)
})

it('turns a dropped connection into a reset, before and in the middle of an answer', async () => {
  const before = await serve((req) => req.socket.destroy())
  const middle = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
    res.write('{"half":')
    setTimeout(() => res.socket?.destroy(), 10)
  })
  const a = await createHttpClient(before, { timeoutMs: 1000, concurrency: 1 }).send(request)
  const b = await createHttpClient(middle, { timeoutMs: 1000, concurrency: 1 }).send(request)
  expect(a).toMatchObject({ kind: 'unreachable', reason: 'reset' })
  expect(b).toMatchObject({ kind: 'unreachable', reason: 'reset' })
})

it('turns a refused connection into refused', async () => {
  const url = await serve(() => undefined)
  const port = url.port
  await new Promise<void>((resolve) => servers.pop()?.close(() => resolve()))
  const exchange = await createHttpClient(new URL(`http://127.0.0.1:${port}`), {
    timeoutMs: 1000,
    concurrency: 1,
  }).send(request)
  expect(exchange).toMatchObject({
    kind: 'unreachable',
    reason: 'refused',
    message: 'connection refused (ECONNREFUSED): is the model running on that port?',
  })
})

/** A raw TCP server that answers every request with `bytes` and closes. */
async function rawServer(bytes: Buffer | string): Promise<URL> {
  const server = createNetServer((socket) => {
    socket.once('data', () => socket.end(bytes))
    socket.on('error', () => undefined)
  })
  rawServers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
}
const rawServers: NetServer[] = []
afterEach(async () => {
  await Promise.all(
    rawServers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
  )
})

it('says an answer that is not HTTP is not HTTP, and that the port may speak TLS', async () => {
  // What a TLS server sends back to a plain-text request: an alert record, not a status line.
  const url = await rawServer(Buffer.from([0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46]))
  const exchange = await createHttpClient(url, { timeoutMs: 1000, concurrency: 1 }).send(request)
  expect(exchange).toMatchObject({
    kind: 'unreachable',
    reason: 'other',
    message:
      'the answer is not HTTP/1.1 as node reads it (HPE_INVALID_CONSTANT): if that port speaks TLS, write https:// in the URL',
  })
})

it('names the header limit and how to raise it when the headers of an answer are too large', async () => {
  const url = await rawServer(
    `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-big: ${'a'.repeat(20_000)}\r\ncontent-length: 2\r\n\r\n{}`,
  )
  const exchange = await createHttpClient(url, { timeoutMs: 1000, concurrency: 1 }).send(request)
  expect(exchange).toMatchObject({ kind: 'unreachable', reason: 'other' })
  expect((exchange as { message: string }).message).toBe(
    "the answer's headers are larger than node accepts (16 KiB by default) (HPE_HEADER_OVERFLOW): raise the limit with NODE_OPTIONS=--max-http-header-size=65536",
  )
})

it('says https:// against a plain HTTP port failed the TLS handshake, and to write http://', async () => {
  const url = await serve((_req, res) => res.end('{}'))
  const secure = new URL(url)
  secure.protocol = 'https:'
  const exchange = await createHttpClient(secure, { timeoutMs: 2000, concurrency: 1 }).send(request)
  expect(exchange).toMatchObject({ kind: 'unreachable', reason: 'other' })
  expect((exchange as { message: string }).message).toMatch(
    /^the TLS handshake failed \((EPROTO|ERR_SSL_[A-Z_]+)\): if that port speaks plain HTTP, write http:\/\/ in the URL$/,
  )
})
