import { createServer } from 'node:http'
import type { RequestListener, Server } from 'node:http'
import type { AddressInfo } from 'node:net'
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
    message: 'connection refused (ECONNREFUSED)',
  })
})
