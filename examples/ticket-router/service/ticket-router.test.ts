/**
 * The ticket router's tests, against the stand-in through nock: the contract's examples replayed,
 * and latency and failures injected on purpose to prove the timeout, retry and fallback paths.
 */
import nock from 'nock'
import { loadContract, nockModel } from 'standin'
import { afterEach, expect, it } from 'vitest'
import { createTicketRouter } from './ticket-router.js'
import type { Ticket } from './router-client.js'

const contract = await loadContract(
  new URL('../../../contracts/ticket-router.contract.yaml', import.meta.url).pathname,
)
const baseUrl = 'http://ticket-router.models.internal'
const infer = '/v2/models/ticket-router/infer'

afterEach(() => nock.cleanAll())

const lateParcel = contract.examples.find((e) => e.name === 'late parcel')!.input as Ticket
const ticket: Ticket = {
  ticket_id: 'TCK-0051234',
  subject: 'Refund for returned item',
  body: 'The courier collected my return last week but the status still says awaiting return.',
  channel: 'web_form',
  customer_tier: 'plus',
  order_value: 59,
  previous_tickets: 1,
}

it('routes the late parcel to the delivery queue with priority 3', async () => {
  nockModel(contract, baseUrl, { seed: 7, latency: 0 })
  const decision = await createTicketRouter({ baseUrl }).route(lateParcel)
  expect(decision).toEqual({
    ticketId: 'TCK-0048213',
    queue: 'delivery',
    priority: 3,
    source: 'model',
    attempts: 1,
  })
})

it('retries after a 503 and takes the second answer', async () => {
  nock(baseUrl).post(infer).reply(503, { error: 'model is loading' })
  nockModel(contract, baseUrl, { seed: 7, latency: 0 })
  const decision = await createTicketRouter({ baseUrl, backoffMs: 1 }).route(ticket)
  expect(decision.source).toBe('model')
  expect(decision.attempts).toBe(2)
})

it('sends the ticket to the triage queue when every attempt fails', async () => {
  nockModel(contract, baseUrl, { seed: 7, latency: 0, errorRate: 1 })
  const decision = await createTicketRouter({ baseUrl, backoffMs: 1 }).route(ticket)
  expect(decision).toMatchObject({ queue: 'triage', priority: 3, source: 'fallback', attempts: 3 })
  expect(decision.reason).toMatch(/^model answered 5\d\d/)
})

it('gives up on a slow model after its timeout, retries, then falls back', async () => {
  nockModel(contract, baseUrl, { seed: 7, latency: 1000 })
  const started = performance.now()
  const decision = await createTicketRouter({
    baseUrl,
    timeoutMs: 100,
    retries: 1,
    backoffMs: 1,
  }).route(ticket)
  expect(decision).toMatchObject({
    queue: 'triage',
    source: 'fallback',
    attempts: 2,
    reason: 'no answer within 100 ms',
  })
  expect(performance.now() - started).toBeLessThan(800)
})

it('does not retry a ticket the model rejects, and still routes it', async () => {
  nockModel(contract, baseUrl, { seed: 7, latency: 0 })
  const decision = await createTicketRouter({ baseUrl, backoffMs: 1 }).route({
    ...ticket,
    subject: 'x'.repeat(201),
  })
  expect(decision).toMatchObject({ queue: 'triage', source: 'fallback', attempts: 1 })
  expect(decision.reason).toMatch(/^model answered 4\d\d/)
})

it('routes premium customers first when the model is down', async () => {
  nockModel(contract, baseUrl, { seed: 7, latency: 0, errorRate: 1 })
  const decision = await createTicketRouter({ baseUrl, retries: 0 }).route({
    ...ticket,
    customer_tier: 'premium',
  })
  expect(decision.priority).toBe(2)
})
