/**
 * The extractor's tests against the stand-in over real HTTP, through the official `openai`
 * client: the tests the team wrote before any model existed. The story's runner serves the
 * stand-in with `standin serve` and passes its address in SUPPORT_LLM_URL; run alone, the test
 * starts the same server in-process. Faults come on demand (x-standin-scenario).
 */
import { loadContract, startServer, type StandinServer } from 'standin'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createExtractor, ExtractionError } from './email-extractor.js'

const contract = await loadContract(
  new URL('../../../contracts/support-email-extractor.contract.yaml', import.meta.url).pathname,
)
let server: StandinServer | undefined
let baseUrl = process.env.SUPPORT_LLM_URL ?? ''

beforeAll(async () => {
  if (baseUrl) return
  server = await startServer([contract], { port: 0, seed: 7 })
  baseUrl = server.url
})
afterAll(() => server?.close())
const doubleCharge =
  'Subject: Charged twice for order ORD-482913\nHello, my card was charged twice for order ORD-482913. Please refund the second payment, this is really frustrating.\nMaria Keller'
const other =
  'Subject: Password reset\nHi, the reset link for my account does not arrive. Can you help?\nJonas Weber'
const categories = ['billing', 'delivery', 'returns', 'technical', 'account', 'other']

function failing(scenario: string) {
  return createExtractor({
    baseUrl,
    maxRetries: 0,
    headers: { 'x-standin-scenario': scenario },
  })
}

it("extracts the contract's worked example as the data team promised", async () => {
  const fields = await createExtractor({ baseUrl }).extract(doubleCharge)
  expect(fields).toMatchObject({
    category: 'billing',
    order_id: 'ORD-482913',
    customer_name: 'Maria Keller',
    refund_requested: true,
    sentiment: 'negative',
  })
})

it('gets typed fields for any email, the same for the same email', async () => {
  const extractor = createExtractor({ baseUrl })
  const fields = await extractor.extract(other)
  expect(categories).toContain(fields.category)
  expect(['low', 'normal', 'high']).toContain(fields.urgency)
  expect(await extractor.extract(other)).toEqual(fields)
})

it('shows the answer as it streams, token by token, after the promised time to first token', async () => {
  const extractor = createExtractor({ baseUrl })
  const seen: { at: number; length: number }[] = []
  const started = performance.now()
  const fields = await extractor.extractStreaming(other, (soFar) =>
    seen.push({ at: performance.now() - started, length: soFar.length }),
  )
  expect(fields).toEqual(await extractor.extract(other))
  expect(seen.length).toBeGreaterThan(20)
  // The stand-in paces its stream by the contract: the first token after half its 400 ms p50.
  expect(seen[0]?.at).toBeGreaterThanOrEqual(150)
  expect((seen.at(-1)?.at ?? 0) - (seen[0]?.at ?? 0)).toBeGreaterThan(100)
})

it('reports a rate limit or a failed model as unavailable', async () => {
  for (const scenario of ['rate-limit', 'error']) {
    const error = await failing(scenario)
      .extract(other)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ExtractionError)
    expect((error as ExtractionError).failure).toBe('unavailable')
  }
})

it('refuses to use an answer cut at the token limit', async () => {
  const error = await failing('length')
    .extract(other)
    .catch((e: unknown) => e)
  expect(error).toMatchObject({
    failure: 'truncated',
    message: 'the answer was cut at the token limit; raise max_tokens or shorten the email',
  })
})

it('reports a refusal as such, streamed or not', async () => {
  const extractor = failing('refusal')
  await expect(extractor.extract(other)).rejects.toMatchObject({ failure: 'refused' })
  await expect(extractor.extractStreaming(other, () => undefined)).rejects.toMatchObject({
    failure: 'refused',
  })
})

it('reports a stream cut mid-answer as unavailable, never half the fields', async () => {
  let last = ''
  const error = await failing('stream-cut')
    .extractStreaming(other, (soFar) => (last = soFar))
    .catch((e: unknown) => e)
  expect(error).toMatchObject({ failure: 'unavailable' })
  expect(last.length).toBeGreaterThan(0)
})
