import { setupServer } from 'msw/node'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { assembleChatStream } from '../../src/protocol/index.js'
import { mswHandlers } from '../../src/serve/index.js'
import { chatCase, firstContent, streamEvents } from './openai-stream-helpers.js'

const { contract, body } = await chatCase()
const base = 'http://llm.msw.test'
const msw = setupServer(
  ...mswHandlers(contract, { baseUrl: base, seed: 5, timeToFirstToken: 150, tokensPerSecond: 100 }),
)
beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }))
afterAll(() => msw.close())

it('streams through msw at the set pace, as a ReadableStream', async () => {
  const run = await streamEvents(`${base}/v1/chat/completions`, { ...body, stream: true })
  expect(run.contentType).toBe('text/event-stream; charset=utf-8')
  expect(run.error).toBeUndefined()
  const first = firstContent(run.events)
  expect(run.events[first]?.at).toBeGreaterThanOrEqual(140)
  expect(run.events.at(-1)?.data).toBe('[DONE]')
  const arrivals = new Set(run.events.map((e) => Math.round(e.at / 5)))
  expect(arrivals.size).toBeGreaterThan((run.events.length - first) / 2)
  const assembled = assembleChatStream(
    contract,
    run.events.map((e) => e.data),
    true,
  )
  expect(assembled.problems).toEqual([])
})

it('answers the same completion through msw as without streaming, and cuts a stream on demand', async () => {
  const plain = (await (
    await fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  ).json()) as { choices: { message: { content: string } }[] }
  const streamed = await streamEvents(`${base}/v1/chat/completions`, { ...body, stream: true })
  expect(
    assembleChatStream(
      contract,
      streamed.events.map((e) => e.data),
      true,
    ).output,
  ).toEqual(JSON.parse(plain.choices[0]?.message.content ?? ''))
  const cut = await streamEvents(
    `${base}/v1/chat/completions`,
    { ...body, stream: true },
    { 'x-standin-scenario': 'stream-cut' },
  )
  expect(cut.error).toBe('standin: the stream was cut (x-standin-scenario: stream-cut)')
  expect(cut.events.some((e) => e.data === '[DONE]')).toBe(false)
})
