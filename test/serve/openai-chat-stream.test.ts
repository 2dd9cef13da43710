import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { assembleChatStream } from '../../src/protocol/index.js'
import { createMockApp, startServer } from '../../src/serve/index.js'
import type { StandinServer } from '../../src/serve/index.js'
import { chatCase, firstContent, streamEvents } from './openai-stream-helpers.js'

const { contract, body } = await chatCase()
const pace = { timeToFirstToken: 150, tokensPerSecond: 100 }
let server: StandinServer
let app: ReturnType<typeof createServer>
let appUrl = ''

beforeAll(async () => {
  server = await startServer([contract], { port: 0, seed: 5, ...pace })
  app = createServer(createMockApp([contract], { seed: 5, ...pace }))
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve))
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
})
afterAll(async () => {
  await server.close()
  app.closeAllConnections()
  await new Promise((resolve) => app.close(resolve))
})

const adapters = [
  ['the node:http server', () => server.url],
  ['the express app', () => appUrl],
] as const

for (const [name, url] of adapters) {
  it(`streams at the set pace from ${name}: first token after the time to first token, then token by token`, async () => {
    const run = await streamEvents(`${url()}/v1/chat/completions`, { ...body, stream: true })
    expect(run.status).toBe(200)
    expect(run.contentType).toBe('text/event-stream; charset=utf-8')
    expect(run.error).toBeUndefined()
    const first = firstContent(run.events)
    const last = run.events.at(-1)
    expect(last?.data).toBe('[DONE]')
    // Generous bounds for a loaded machine: never early, and paced rather than in one burst.
    expect(run.events[first]?.at).toBeGreaterThanOrEqual(140)
    const tokens = run.events.length - first - 2
    expect((last?.at ?? 0) - (run.events[first]?.at ?? 0)).toBeGreaterThanOrEqual(
      (tokens - 1) * 10 * 0.9,
    )
    const arrivals = new Set(run.events.map((e) => Math.round(e.at / 5)))
    expect(arrivals.size).toBeGreaterThan(tokens / 2)
    const assembled = assembleChatStream(
      contract,
      run.events.map((e) => e.data),
      true,
    )
    expect(assembled.problems).toEqual([])
    expect(contract.validateOutput(assembled.output)).toEqual([])
  })

  it(`cuts the stream mid-value from ${name} with x-standin-scenario: stream-cut`, async () => {
    const run = await streamEvents(
      `${url()}/v1/chat/completions`,
      { ...body, stream: true },
      { 'x-standin-scenario': 'stream-cut' },
    )
    expect(run.error).toBe('terminated')
    expect(run.events.some((e) => e.data === '[DONE]')).toBe(false)
    const assembled = assembleChatStream(
      contract,
      run.events.map((e) => e.data),
      false,
    )
    expect(assembled.problems.map((p) => p.code)).toEqual([
      'protocol.stream-cut',
      'protocol.content-json',
    ])
  })
}

it('stops pacing a stream when the client goes away', async () => {
  const slow = await startServer([contract], { port: 0, timeToFirstToken: 0, tokensPerSecond: 2 })
  try {
    const controller = new AbortController()
    const response = await fetch(`${slow.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, stream: true }),
      signal: controller.signal,
    })
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    controller.abort()
    const started = performance.now()
    await slow.close()
    expect(performance.now() - started).toBeLessThan(2000)
  } finally {
    await slow.close()
  }
})
