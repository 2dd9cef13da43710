/**
 * The core on node:http's request and response objects: reads the body with the size limit
 * (refusing early on a too-large Content-Length, and as soon as a streamed body passes it),
 * calls the core, writes the answer. Shared by `startServer` and the express adapter.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { withHeader, type CoreRequest, type CoreResponse, type Handler } from './serve-types.js'
import { playStream } from './stream-answer.js'

/** A request listener, with an optional `next` (express) for paths the core does not serve. */
export type NodeListener = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void

/**
 * Plays a stream as it comes (server-sent events). Writes any other answer with its content-length, so node sends the body as it is, where without one
 * it goes chunked (a size line before it and a last chunk after, more bytes and more pieces for
 * every answer). Kept when the core gives one (HEAD answers carry GET's; header names are lower
 * case); never on 1xx, 204 and 304 answers, which must not carry one (RFC 9110 section 8.6).
 */
function send(res: ServerResponse, response: CoreResponse): void {
  if (res.headersSent || res.destroyed) return
  const { status, headers, body } = response
  if (response.stream) {
    res.writeHead(status, headers)
    const stop = playStream(response.stream, {
      write: (text) => res.write(text),
      end: () => res.end(),
      cut: () => res.destroy(),
    })
    res.on('close', stop)
    return
  }
  const bodyless = status < 200 || status === 204 || status === 304
  res.writeHead(
    status,
    bodyless || headers['content-length'] !== undefined
      ? headers
      : withHeader(headers, 'content-length', String(Buffer.byteLength(body))),
  )
  res.end(body)
}

function sendAsync(res: ServerResponse, answer: CoreResponse | Promise<CoreResponse>): void {
  if (answer instanceof Promise)
    answer.then(
      (r) => send(res, r),
      () => res.destroy(),
    )
  else send(res, answer)
}

/** The core's request; `body` and `signal` only when there is one (one object shape each way). */
function coreRequest(
  method: string,
  url: string,
  headers: IncomingMessage['headers'],
  body: Uint8Array | string | undefined,
  signal: AbortSignal | undefined,
): CoreRequest {
  if (signal)
    return body === undefined
      ? { method, url, headers, signal }
      : { method, url, headers, body, signal }
  return body === undefined ? { method, url, headers } : { method, url, headers, body }
}

/** The body express (or another middleware) already parsed, as text or bytes. */
function parsedBody(req: IncomingMessage): Uint8Array | string | undefined {
  const body = (req as IncomingMessage & { body?: unknown }).body
  if (body === undefined) return undefined
  if (typeof body === 'string' || body instanceof Uint8Array) return body
  return JSON.stringify(body)
}

/**
 * Wraps a handler for node:http. `pending` collects the AbortControllers of requests held on
 * purpose (scenarios), so closing the server can end them at once.
 */
export function nodeListener(
  handler: () => Handler,
  bodyLimit: number,
  pending?: Set<AbortController>,
): NodeListener {
  return (req, res, next) => {
    const core = handler()
    const url = req.url ?? '/'
    if (next && !core.handles(url)) return next()
    const headers = req.headers
    let signal: AbortSignal | undefined
    if (headers['x-standin-scenario'] !== undefined) {
      const controller = new AbortController()
      signal = controller.signal
      pending?.add(controller)
      res.on('close', () => {
        controller.abort()
        pending?.delete(controller)
      })
    }
    const request = (body: Uint8Array | string | undefined): CoreRequest =>
      coreRequest(req.method ?? 'GET', url, headers, body, signal)
    if (req.readableEnded) {
      sendAsync(res, core.respond(request(parsedBody(req))))
      return
    }
    const declared = headers['content-length']
    if (declared !== undefined && Number(declared) > bodyLimit) {
      res.shouldKeepAlive = false
      send(res, core.tooLarge(url, Number(declared)))
      req.resume()
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let refused = false
    req.on('data', (chunk: Buffer) => {
      if (refused) return
      size += chunk.length
      if (size > bodyLimit) {
        refused = true
        chunks.length = 0
        res.shouldKeepAlive = false
        send(res, core.tooLarge(url, size))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (refused) return
      const body =
        chunks.length === 0 ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)
      sendAsync(res, core.respond(request(body)))
    })
    req.on('error', () => res.destroy())
  }
}
