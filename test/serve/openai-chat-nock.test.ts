import nock from 'nock'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { assembleChatStream } from '../../src/protocol/index.js'
import { nockModel } from '../../src/serve/index.js'
import { chatCase, firstContent, streamEvents } from './openai-stream-helpers.js'

const { contract, body } = await chatCase()
const base = 'http://llm.nock.test'

beforeAll(() => {
  nock.disableNetConnect()
  nockModel(contract, base, { seed: 5, timeToFirstToken: 150, tokensPerSecond: 100 })
})
afterAll(() => {
  nock.cleanAll()
  nock.enableNetConnect()
})

it('streams through nock at the set pace, from a stream reply', async () => {
  const run = await streamEvents(`${base}/v1/chat/completions`, { ...body, stream: true })
  expect(run.contentType).toBe('text/event-stream; charset=utf-8')
  expect(run.error).toBeUndefined()
  const first = firstContent(run.events)
  expect(run.events[first]?.at).toBeGreaterThanOrEqual(140)
  expect(run.events.at(-1)?.data).toBe('[DONE]')
  const arrivals = new Set(run.events.map((e) => Math.round(e.at / 5)))
  expect(arrivals.size).toBeGreaterThan((run.events.length - first) / 2)
  expect(
    assembleChatStream(
      contract,
      run.events.map((e) => e.data),
      true,
    ).problems,
  ).toEqual([])
})

it('cuts a stream through nock on demand', async () => {
  const cut = await streamEvents(
    `${base}/v1/chat/completions`,
    { ...body, stream: true },
    { 'x-standin-scenario': 'stream-cut' },
  )
  expect(cut.error).toBeDefined()
  expect(cut.events.length).toBeGreaterThan(1)
  expect(cut.events.some((e) => e.data === '[DONE]')).toBe(false)
})
