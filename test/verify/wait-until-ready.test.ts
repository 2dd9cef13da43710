/**
 * `verify --wait-for` waits for the model to be ready by its protocol's own readiness answer, not
 * for the first HTTP answer: a model server listens while it loads the model and answers 503
 * meanwhile (KServe, Triton, TF Serving, MLServer), and testing it then failed every case. Real
 * servers on loopback, one that turns ready after a while, one that never does, none at all.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, expect, it } from 'vitest'
import { loadContract, StandinError, waitUntilReady } from '../../src/index.js'
import { createMockApp } from '../../src/serve/index.js'
import { root, runInProcess } from '../helpers/run-cli.js'

const ticketRouter = await loadContract(`${root}contracts/ticket-router.contract.yaml`)
const newsSignals = await loadContract(`${root}contracts/news-signals.contract.yaml`)
const fuel = await loadContract(`${root}contracts/fuel-consumption.contract.yaml`)
const classifier = await loadContract(`${root}contracts/transaction-classifier.contract.yaml`)

const servers: ReturnType<typeof createServer>[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))))
})

/** A real server on an ephemeral loopback port, with the paths it was asked for. */
async function listen(
  answer: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; asked: string[] }> {
  const asked: string[] = []
  const server = createServer((req, res) => {
    asked.push(req.url ?? '')
    answer(req, res)
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, asked }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

it('waits for kserve-v2 model ready through the 503s a loading server answers', async () => {
  let polls = 0
  const { url, asked } = await listen((req, res) => {
    if (req.url !== '/v2/models/ticket-router/ready') return json(res, 404, { error: 'no' })
    polls++
    if (polls < 4) return json(res, 503, { error: 'model is loading' })
    json(res, 200, { ready: true })
  })
  await waitUntilReady(url, [ticketRouter], { timeoutMs: 10_000, intervalMs: 20 })
  expect(polls).toBe(4)
  expect(new Set(asked)).toEqual(new Set(['/v2/models/ticket-router/ready']))
})

it('waits for a v1 model version to be AVAILABLE, and for mlflow /ping', async () => {
  const states = ['START', 'LOADING', 'AVAILABLE']
  const { url } = await listen((req, res) => {
    if (req.url === '/v1/models/news-signals')
      return json(res, 200, {
        model_version_status: [
          { version: '1', state: states.length > 1 ? states.shift() : states[0] },
        ],
      })
    if (req.url === '/ping') return json(res, 200, {})
    json(res, 404, {})
  })
  await waitUntilReady(url, [newsSignals, fuel], { timeoutMs: 10_000, intervalMs: 20 })
  expect(states).toEqual(['AVAILABLE'])
})

it('says the target answered but was not ready, with its last answer, when it never is', async () => {
  const { url } = await listen((_req, res) => json(res, 503, { error: 'model is loading' }))
  const waiting = waitUntilReady(url, [ticketRouter], { timeoutMs: 400, intervalMs: 20 })
  await expect(waiting).rejects.toThrow(StandinError)
  await expect(waiting).rejects.toMatchObject({
    code: 'verify.not-ready',
    message: `${url}/ answered but was not ready within 0.4s (--wait-for); last: GET /v2/models/ticket-router/ready: model ready: answered HTTP 503, expected 200. Wait longer, or check the model's logs.`,
  })
  // {"ready": false} with a 200 is not ready either.
  const lying = await listen((_req, res) => json(res, 200, { ready: false }))
  await expect(
    waitUntilReady(lying.url, [ticketRouter], { timeoutMs: 300, intervalMs: 20 }),
  ).rejects.toMatchObject({
    code: 'verify.not-ready',
    message: expect.stringContaining('"ready" is false, expected true') as unknown,
  })
})

it('says nothing answered, and why, when nothing listens; a json model is ready on any answer', async () => {
  const closed = await listen(() => undefined)
  const [server] = servers.splice(0)
  await new Promise((done) => server?.close(done))
  await expect(
    waitUntilReady(closed.url, [classifier], { timeoutMs: 300, intervalMs: 20 }),
  ).rejects.toMatchObject({
    code: 'verify.unreachable',
    message: `${closed.url}/ gave no answer within 0.3s (--wait-for); last: GET /: an answer: connection refused (ECONNREFUSED): is the model running on that port? Start the model, or wait longer.`,
  })
  const anything = await listen((_req, res) => json(res, 404, {}))
  await waitUntilReady(anything.url, [classifier], { timeoutMs: 1000, intervalMs: 20 })
  expect(anything.asked).toEqual(['/'])
})

it('sends the credentials of the URL as Basic auth while it polls', async () => {
  let authorization: string | undefined
  const { url } = await listen((req, res) => {
    authorization = req.headers.authorization
    json(res, authorization === undefined ? 401 : 200, { ready: true })
  })
  const withUser = url.replace('http://', 'http://ci:s3cret@')
  await waitUntilReady(withUser, [ticketRouter], { timeoutMs: 2000, intervalMs: 20 })
  expect(authorization).toBe(`Basic ${Buffer.from('ci:s3cret').toString('base64')}`)
})

it('verify --wait-for tests a model once it is ready, where it tested the loading server and failed every case', async () => {
  const app = createMockApp([ticketRouter], { latency: 0, errorRate: 0 })
  const started = Date.now()
  const { url } = await listen((req, res) => {
    // Loading for the first 600 ms: every path answers 503, as KServe's does.
    if (Date.now() - started < 600)
      return json(res, 503, { error: 'model ticket-router is loading' })
    app(req, res)
  })
  const run = await runInProcess([
    'verify',
    'contracts/ticket-router.contract.yaml',
    '--target',
    url,
    '--wait-for',
    '10s',
    '--force-quality',
    '--cases',
    '5',
  ])
  expect(run.stderr).toBe('')
  expect(run.stdout).toMatch(/^ {2}PASS {2}protocol /m)
  expect(run.stdout).toMatch(/^ {2}PASS {2}conformance /m)
})

it('refuses a target that is no URL as verify does, where --wait-for crashed on it', async () => {
  const run = await runInProcess([
    'verify',
    'contracts/transaction-classifier.contract.yaml',
    '--target',
    'http://[bad',
    '--wait-for',
    '1s',
  ])
  expect(run).toEqual({
    code: 2,
    stdout: '',
    stderr:
      "--target 'http://[bad' is neither an http(s) URL nor 'mock'. Pass the model's base URL, for example http://127.0.0.1:8080, or 'mock'.\n",
  })
})
