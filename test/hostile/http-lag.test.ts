/**
 * Proof for issue 11: while a hostile request or connection is in flight, a normal request to the
 * same stand-in is answered within a generous bound of its usual time, and the event loop (the
 * server runs in this process) never stalls. The benchmark (`npm run bench`) prints the real
 * figures; the bounds here leave room for a loaded 2-core machine.
 */
import type { Socket } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startServer, type StandinServer } from '../../src/serve/index.js'
import { bundledContracts } from '../serve/bundled.js'
import { openSocket, send, timed, withLagMeter } from './http-helpers.js'

/** Generous bounds: the issue asks for 50 ms (the bench measures under 30 ms); a loaded CI machine needs room. */
const maxLagMs = 150
const maxExtraMs = 200

let server: StandinServer
const contracts = await bundledContracts()
const json = { 'content-type': 'application/json' }
const normal = JSON.stringify({
  request_id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  narration: 'POS TESCO',
  amount: 2.5,
  currency: 'GBP',
  direction: 'debit',
})

beforeAll(async () => {
  server = await startServer(contracts, {
    port: 0,
    latency: 0,
    errorRate: 0,
    headersTimeoutMs: 2000,
    requestTimeoutMs: 4000,
  })
})
afterAll(() => server.close())

const ask = (): Promise<number> =>
  timed(() => send(`${server.url}/predict`, { method: 'POST', headers: json, body: normal })).then(
    ({ value, ms }) => {
      expect(value.status).toBe(200)
      return ms
    },
  )

/**
 * A normal request's usual time (the median of nine), and the event loop's worst delay meanwhile:
 * what the machine's other tenants cost this process before any hostile request, so that the
 * bound below measures what the hostile request adds.
 */
async function usual(): Promise<{ ms: number; lag: number }> {
  const { value: times, maxLagMs: lag } = await withLagMeter(async () => {
    const times: number[] = []
    for (let i = 0; i < 9; i++) times.push(await ask())
    return times
  })
  return { ms: [...times].sort((a, b) => a - b)[4] ?? 0, lag }
}

/** Normal requests, one after another, while `hostile` runs. */
async function during(hostile: Promise<unknown>): Promise<{ times: number[]; maxLagMs: number }> {
  const { value: times, maxLagMs: lag } = await withLagMeter(async () => {
    const times: number[] = []
    for (let i = 0; i < 5; i++) times.push(await ask())
    await hostile
    return times
  })
  return { times, maxLagMs: lag }
}

it('lag: a 150,000-record bad batch in flight leaves a normal request its usual time', async () => {
  const base = await usual()
  const body = `{"dataframe_records":[${Array(150_000).fill('{}').join(',')}]}`
  const hostile = send(`${server.url}/invocations`, { method: 'POST', headers: json, body })
  const { times, maxLagMs: lag } = await during(hostile)
  expect((await hostile).status).toBe(400)
  expect(lag).toBeLessThan(maxLagMs + base.lag)
  expect(Math.max(...times)).toBeLessThan(base.ms + maxExtraMs)
})

it('lag: slowloris, a 50,000-deep body and a 1 MB wide body in flight leave a normal request its usual time', async () => {
  const base = await usual()
  const slow = await openSocket(server.url)
  slow.on('error', () => undefined)
  slow.write('POST /predict HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n')
  const drip = setInterval(() => slow.writable && slow.write('x-a: b\r\n'), 50)
  const deep = send(`${server.url}/predict`, {
    method: 'POST',
    headers: json,
    body: '['.repeat(50_000) + ']'.repeat(50_000),
  })
  const keys = Array.from({ length: 60_000 }, (_, i) => `"k${i}":1`).join(',')
  const wide = send(`${server.url}/predict`, { method: 'POST', headers: json, body: `{${keys}}` })
  try {
    const { times, maxLagMs: lag } = await during(Promise.all([deep, wide]))
    expect([(await deep).status, (await wide).status]).toEqual([400, 400])
    expect(lag).toBeLessThan(maxLagMs + base.lag)
    expect(Math.max(...times)).toBeLessThan(base.ms + maxExtraMs)
  } finally {
    clearInterval(drip)
    slow.destroy()
  }
})

it('lag: 1,000 idle connections leave a normal request its usual time', async () => {
  const base = await usual()
  const sockets: Socket[] = []
  try {
    for (let i = 0; i < 1000; i += 100)
      sockets.push(
        ...(await Promise.all(Array.from({ length: 100 }, () => openSocket(server.url)))),
      )
    for (const s of sockets) s.on('error', () => undefined)
    const { times, maxLagMs: lag } = await during(Promise.resolve())
    expect(lag).toBeLessThan(maxLagMs + base.lag)
    expect(Math.max(...times)).toBeLessThan(base.ms + maxExtraMs)
  } finally {
    for (const s of sockets) s.destroy()
  }
})
