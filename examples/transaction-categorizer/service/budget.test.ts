/**
 * The budgeting service's integration tests, against the stand-in through msw: no model, no
 * network, the same answers on every run (seeded), and the contract's examples replayed.
 */
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { createMock, loadContract, mswHandlers } from 'standin'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { buildBudget } from './budget.js'
import { categories, createClassifierClient, type Transaction } from './classifier-client.js'

const contract = await loadContract(
  new URL('../../../contracts/transaction-classifier.contract.yaml', import.meta.url).pathname,
)
const baseUrl = 'http://transaction-classifier.models.internal'
const server = setupServer(...mswHandlers(contract, { baseUrl, seed: 7, latency: 0 }))
const client = createClassifierClient({ baseUrl })

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const statement: Transaction[] = [
  {
    request_id: id(1),
    narration: 'POS TESCO STORES 3345 LONDON',
    amount: 23.1,
    currency: 'GBP',
    direction: 'debit',
    mcc: '5411',
  },
  {
    request_id: id(2),
    narration: 'SALARY ACME LTD NOV',
    amount: 3250,
    currency: 'GBP',
    direction: 'credit',
  },
  {
    request_id: id(3),
    narration: 'TFL TRAVEL CH',
    amount: 2.8,
    currency: 'GBP',
    direction: 'debit',
    mcc: '4111',
  },
  {
    request_id: id(4),
    narration: 'DD OCTOPUS ENERGY',
    amount: 84.12,
    currency: 'GBP',
    direction: 'debit',
  },
  {
    request_id: id(5),
    narration: 'SO RENT FLAT 2 LEEDS',
    amount: 950,
    currency: 'GBP',
    direction: 'debit',
  },
  {
    request_id: id(6),
    narration: 'PRET A MANGER 0212',
    amount: 6.45,
    currency: 'GBP',
    direction: 'debit',
    mcc: '5814',
  },
  {
    request_id: id(7),
    narration: 'AMAZON.CO.UK*2K4L',
    amount: 39.99,
    currency: 'GBP',
    direction: 'debit',
    mcc: '5942',
  },
  {
    request_id: id(8),
    narration: 'FASTER PAYMENT FROM A JONES',
    amount: 20,
    currency: 'GBP',
    direction: 'credit',
  },
]

it('files the golden grocery payment under groceries', async () => {
  const grocery = contract.examples.find((e) => e.name === 'grocery card payment')!
  const budget = await buildBudget([grocery.input as Transaction], client)
  expect(budget.lines[0]!.category).toBe('groceries')
  expect(budget.spentPence.groceries).toBe(2310)
})

it('gives every statement line a contract category and loses no money', async () => {
  const budget = await buildBudget(statement, client)
  for (const line of budget.lines) expect(categories).toContain(line.category)
  const spent = Object.values(budget.spentPence).reduce((a, b) => a + b, 0)
  const debits = statement
    .filter((t) => t.direction === 'debit')
    .reduce((a, t) => a + Math.round(t.amount * 100), 0)
  expect(spent).toBe(debits)
})

it('gets the same budget on every run (the stand-in is seeded)', async () => {
  const first = await buildBudget(statement, client)
  const second = await buildBudget(statement, client)
  expect(second.lines.map((l) => l.category)).toEqual(first.lines.map((l) => l.category))
})

it('puts low-confidence answers up for review', async () => {
  const mock = createMock(contract, { seed: 7, latency: 0 })
  server.use(
    http.post(`${baseUrl}/predict`, async ({ request }) => {
      const output = (await mock.predict(await request.json())) as Record<string, unknown>
      return HttpResponse.json({ ...output, confidence: 0.41 })
    }),
  )
  const budget = await buildBudget(statement.slice(0, 2), client)
  expect(budget.toReview.map((l) => l.review)).toEqual([
    'low confidence (0.41)',
    'low confidence (0.41)',
  ])
})

it('keeps every transaction, uncategorized, when the classifier fails', async () => {
  server.use(...mswHandlers(contract, { baseUrl, seed: 7, latency: 0, errorRate: 1 }))
  const budget = await buildBudget(statement, client)
  expect(budget.lines.every((l) => l.category === 'uncategorized')).toBe(true)
  expect(budget.toReview).toHaveLength(statement.length)
  expect(budget.spentPence.uncategorized).toBe(110646)
})

it('gives up on a classifier slower than its timeout instead of hanging the page', async () => {
  server.use(...mswHandlers(contract, { baseUrl, seed: 7, latency: 400 }))
  const impatient = createClassifierClient({ baseUrl, timeoutMs: 100 })
  const budget = await buildBudget(statement.slice(0, 1), impatient)
  expect(budget.lines[0]!.category).toBe('uncategorized')
  expect(budget.lines[0]!.review).toMatch(/^classifier unreachable: /)
})
