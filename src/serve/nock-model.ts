/**
 * The nock adapter: interceptors at `baseUrl` answering with the stand-in, for code that calls
 * the model with `http.request` or `fetch` (nock 14 intercepts both). Persistent until
 * `nock.cleanAll()` (or `scope.persist(false)`).
 */
import type nockType from 'nock'
import type { Scope } from 'nock'
import type { IncomingHttpHeaders } from 'node:http'
import type { Contract } from '../contract/index.js'
import { createHandler } from './create-handler.js'
import { loadPeer } from './load-peer.js'
import type { ServeOptions } from './serve-types.js'
import { playStream } from './stream-answer.js'
import { PassThrough } from 'node:stream'

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const

/**
 * nock interceptors for one contract (or several) at `baseUrl`.
 *
 * @example
 * const scope = nockModel(contract, 'http://models.internal', { seed: 7 })
 * const answer = await fetch('http://models.internal/predict', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
 * nock.cleanAll()
 *
 * @throws {StandinError} when an output schema cannot be generated or an option is invalid.
 */
export function nockModel(
  contract: Contract | readonly Contract[],
  baseUrl: string,
  options: ServeOptions = {},
): Scope {
  const contracts: readonly Contract[] = Array.isArray(contract) ? contract : [contract as Contract]
  const base = new URL(baseUrl)
  const prefix = base.pathname.replace(/\/+$/, '')
  const handler = createHandler(contracts, options)
  const nock = loadPeer<typeof nockType>('nock')
  const scope = nock(base.origin).persist()
  const strip = (uri: string): string =>
    uri.startsWith(prefix) ? uri.slice(prefix.length) || '/' : uri
  // nock parses JSON bodies itself before calling a reply function, and throws on malformed
  // JSON; keep the raw text and the real content type, and hide the type from nock's parser.
  const raw = new WeakMap<object, { body: string; contentType: string | undefined }>()
  scope.on(
    'request',
    (req: { headers: IncomingHttpHeaders }, _interceptor: unknown, body: string) => {
      const contentType = req.headers['content-type']
      raw.set(req, {
        body,
        contentType: typeof contentType === 'string' ? contentType : contentType?.[0],
      })
      delete req.headers['content-type']
    },
  )
  for (const method of methods) {
    scope
      .intercept((uri) => uri.startsWith(prefix) && handler.handles(strip(uri)), method)
      .reply(async function (uri) {
        const req = this.req
        const seen = raw.get(req)
        const headers: Record<string, string> = { ...req.headers }
        if (seen?.contentType !== undefined) headers['content-type'] = seen.contentType
        const body = seen?.body
        const response = await handler({
          method,
          url: strip(uri),
          headers,
          ...(body ? { body } : {}),
        })
        const stream = response.stream
        if (!stream) return [response.status, response.body, response.headers]
        // Streamed answers (server-sent events) go out chunk by chunk, at the stand-in's pace.
        const streamed = new PassThrough()
        const stop = playStream(stream, {
          write: (text) => void streamed.write(text),
          end: () => void streamed.end(),
          cut: () =>
            void streamed.destroy(
              new Error('standin: the stream was cut (x-standin-scenario: stream-cut)'),
            ),
        })
        streamed.on('close', stop)
        return [response.status, streamed, response.headers]
      })
  }
  return scope
}
