/** Reading the stand-in's openai-chat streams as a client does, with the time each event arrived. */
import { createSseReader } from '../../src/protocol/index.js'
import { bundledContract } from './bundled.js'

/** The bundled openai-chat contract and a request body for it. */
export async function chatCase(): Promise<{
  contract: Awaited<ReturnType<typeof bundledContract>>
  body: Record<string, unknown>
}> {
  const contract = await bundledContract('support-email-extractor')
  return { contract, body: { ...(contract.examples[0]?.input as object) } }
}

/** Every event's data with the ms since the request was sent, and the error that ended it early. */
export interface TimedEvents {
  readonly status: number
  readonly contentType: string | null
  readonly events: readonly { readonly at: number; readonly data: string }[]
  readonly error?: string
}

/** POSTs `body` to `url` with fetch and reads the answer as server-sent events. */
export async function streamEvents(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<TimedEvents> {
  const started = performance.now()
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  const reader = createSseReader()
  const decoder = new TextDecoder()
  const events: { at: number; data: string }[] = []
  const stamp = (list: string[]): void => {
    const at = performance.now() - started
    for (const data of list) events.push({ at, data })
  }
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
      stamp(reader.push(decoder.decode(chunk, { stream: true })))
    stamp(reader.end())
  } catch (error) {
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      events,
      error: error instanceof Error ? error.message : String(error),
    }
  }
  return { status: response.status, contentType: response.headers.get('content-type'), events }
}

/** The index of the first event carrying content. */
export function firstContent(events: TimedEvents['events']): number {
  return events.findIndex((e) => e.data.includes('"delta":{"content":"'))
}
