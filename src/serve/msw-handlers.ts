/**
 * The msw adapter: request handlers that answer with the stand-in for every path under
 * `baseUrl` the core serves (other paths fall through to the next handler), in Node and in the
 * browser.
 */
import type { HttpHandler } from 'msw'
import type * as Msw from 'msw'
import type { Contract } from '../contract/index.js'
import { createHandler } from './create-handler.js'
import { loadPeer } from './load-peer.js'
import type { ServeOptions } from './serve-types.js'
import { playStream } from './stream-answer.js'

/** Options of `mswHandlers`. */
export interface MswOptions extends ServeOptions {
  /** Where the model lives, for example `http://models.internal` or `https://api.example.com/ml`. */
  readonly baseUrl: string
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * msw handlers for one contract (or several) at `baseUrl`.
 *
 * @example
 * const server = setupServer(...mswHandlers(contract, { baseUrl: 'http://models.internal', seed: 7 }))
 * server.listen()
 *
 * @throws {StandinError} when an output schema cannot be generated or an option is invalid.
 */
export function mswHandlers(
  contract: Contract | readonly Contract[],
  options: MswOptions,
): HttpHandler[] {
  const contracts: readonly Contract[] = Array.isArray(contract) ? contract : [contract as Contract]
  const { baseUrl, ...rest } = options
  const base = new URL(baseUrl)
  const prefix = base.pathname.replace(/\/+$/, '')
  const handler = createHandler(contracts, rest)
  const { http, HttpResponse } = loadPeer<typeof Msw>('msw')
  const pattern = new RegExp(`^${escapeRegExp(base.origin + prefix)}(/[^?#]*)?([?#].*)?$`)
  return [
    http.all(pattern, async ({ request }) => {
      const url = new URL(request.url)
      const path = url.pathname.slice(prefix.length) || '/'
      if (!handler.handles(path)) return undefined
      const headers: Record<string, string> = {}
      request.headers.forEach((value, name) => (headers[name] = value))
      const body =
        request.method === 'GET' || request.method === 'HEAD'
          ? undefined
          : new Uint8Array(await request.arrayBuffer())
      const response = await handler({
        method: request.method,
        url: path + url.search,
        headers,
        ...(body ? { body } : {}),
        signal: request.signal,
      })
      const init = { status: response.status, headers: response.headers }
      const stream = response.stream
      if (!stream) return new HttpResponse(response.body, init)
      // Streamed answers (server-sent events) go out chunk by chunk, at the stand-in's pace.
      const encoder = new TextEncoder()
      let stop = (): void => undefined
      const streamed = new ReadableStream<Uint8Array>({
        start(controller) {
          stop = playStream(stream, {
            write: (text) => controller.enqueue(encoder.encode(text)),
            end: () => controller.close(),
            cut: () =>
              controller.error(
                new TypeError('standin: the stream was cut (x-standin-scenario: stream-cut)'),
              ),
          })
        },
        cancel: () => stop(),
      })
      return new HttpResponse(streamed, init)
    }),
  ]
}
