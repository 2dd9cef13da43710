import { beforeAll, expect, it } from 'vitest'
import type { Contract } from '../../src/contract/contract-types.js'
import { createHandler } from '../../src/serve/index.js'
import { standinVersion } from '../../src/version.js'
import { bundledContract } from './bundled.js'

let classifier: Contract

beforeAll(async () => {
  classifier = await bundledContract('transaction-classifier')
})

const input = JSON.stringify({
  request_id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  narration: 'POS TESCO 1',
  amount: 2.5,
  currency: 'GBP',
  direction: 'debit',
})

function post(scenario?: string, body = input) {
  return {
    method: 'POST',
    url: '/predict',
    headers: {
      'content-type': 'application/json',
      ...(scenario ? { 'x-standin-scenario': scenario } : {}),
    },
    body,
  }
}

it('fails on purpose with x-standin-scenario: error, in the protocol error shape', async () => {
  const handler = createHandler([classifier], { latency: 0 })
  expect(await handler(post('error'))).toEqual({
    status: 500,
    headers: {
      'content-type': 'application/problem+json',
      'x-standin': `standin/${standinVersion()}`,
    },
    body: JSON.stringify({
      type: 'urn:standin:problem:injected-fault',
      title: 'Injected fault',
      status: 500,
      detail: 'The stand-in failed on purpose (x-standin-scenario: error).',
      errors: [],
    }),
  })
})

it('still refuses a bad request with its 4xx when a scenario is asked for', async () => {
  const handler = createHandler([classifier], { latency: 0 })
  expect((await handler(post('error', '{"amount": "x"}'))).status).toBe(422)
})

it('answers an output that breaks the output schema with x-standin-scenario: invalid-output', async () => {
  const handler = createHandler([classifier], { latency: 0 })
  const response = await handler(post('invalid-output'))
  expect(response.status).toBe(200)
  expect(classifier.validateOutput(JSON.parse(response.body)).length).toBeGreaterThan(0)
})

it('answers 429 with retry-after with x-standin-scenario: rate-limit, on every protocol', async () => {
  const response = await createHandler([classifier], { latency: 0 })(post('rate-limit'))
  expect(response.status).toBe(429)
  expect(response.headers['retry-after']).toBe('1')
  expect(JSON.parse(response.body)).toMatchObject({
    type: 'urn:standin:problem:rate-limited',
    title: 'Too many requests',
    detail:
      'The stand-in rate-limited this request on purpose (x-standin-scenario: rate-limit). Retry after 1 s.',
  })
})

it('answers late with x-standin-scenario: slow', async () => {
  const handler = createHandler([classifier], { latency: 0, slowMs: 60 })
  const started = performance.now()
  const response = await handler(post('slow'))
  expect(response.status).toBe(200)
  expect(performance.now() - started).toBeGreaterThanOrEqual(59)
})

it('holds the request, then answers 504, with x-standin-scenario: timeout; a client that leaves ends it', async () => {
  const handler = createHandler([classifier], { latency: 0, timeoutMs: 80 })
  const started = performance.now()
  const response = await handler(post('timeout'))
  expect(response.status).toBe(504)
  expect(performance.now() - started).toBeGreaterThanOrEqual(79)
  const long = createHandler([classifier], { latency: 0, timeoutMs: 60_000 })
  const controller = new AbortController()
  setTimeout(() => controller.abort(), 20)
  expect((await long({ ...post('timeout'), signal: controller.signal })).status).toBe(504)
})

it('fails the same requests for the same seed at the configured error rate', async () => {
  const statuses = async (seed: number) => {
    const handler = createHandler([classifier], { latency: 0, errorRate: 0.25, seed })
    const out: number[] = []
    for (let i = 0; i < 40; i++) out.push((await handler(post())).status)
    return out
  }
  const first = await statuses(5)
  expect(await statuses(5)).toEqual(first)
  expect(await statuses(6)).not.toEqual(first)
  const failed = first.filter((s) => s === 500).length
  expect(failed).toBeGreaterThan(2)
  expect(failed).toBeLessThan(20)
})

it('waits the configured latency on every request', async () => {
  const handler = createHandler([classifier], { latency: '20..30ms' })
  for (let i = 0; i < 3; i++) {
    const started = performance.now()
    expect((await handler(post())).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(19)
  }
})
