/**
 * Sends one streamed request (openai-chat `stream: true`) and reads the server-sent events as
 * they arrive, timing the first token and the last: what a streaming UI sees. Like `send-http`,
 * it never throws for anything the target does: a refusal, a non-2xx, a stream cut mid-way, a
 * timeout over the whole stream or an answer over the size cap all come back as data.
 */
import * as http from 'node:http'
import * as https from 'node:https'
import { createSseReader } from '../protocol/index.js'
import type { WireRequest } from './result-types.js'

/** What came back for one streamed request. */
export type StreamExchange =
  | {
      readonly kind: 'streamed'
      readonly status: number
      readonly contentType: string
      /** Every event's data, in order. */
      readonly events: readonly string[]
      /** False when the connection dropped (or the cap or timeout ended it) before the end. */
      readonly ended: boolean
      /** Why reading stopped early, when it did. */
      readonly stopped?: string
      /** The first 2,000 characters of the raw answer (for reports). */
      readonly text: string
      /** ms from sending to the first event carrying content (or a tool's arguments). */
      readonly firstTokenMs?: number
      /** ms from sending to the last event carrying content. */
      readonly lastTokenMs?: number
      /** ms from sending to the end of the answer. */
      readonly latencyMs: number
    }
  | { readonly kind: 'unreachable'; readonly message: string; readonly latencyMs: number }

/** True when an event's data carries a piece of content or of a tool's arguments. */
function carriesToken(data: string): boolean {
  return /"(content|arguments)":"[^"]/.test(data)
}

/**
 * Sends `request` to `baseUrl` and reads the stream.
 *
 * @example
 * const exchange = await sendStream(new URL('http://127.0.0.1:8000'), request, { timeoutMs: 10_000, maxBytes: 4 << 20 })
 */
export function sendStream(
  baseUrl: URL,
  request: WireRequest,
  options: { readonly timeoutMs: number; readonly maxBytes: number },
): Promise<StreamExchange> {
  return new Promise((resolve) => {
    const started = performance.now()
    const elapsed = (): number => performance.now() - started
    const secure = baseUrl.protocol === 'https:'
    const prefix = baseUrl.pathname.replace(/\/+$/, '')
    const body = Buffer.from(request.body)
    let settled = false
    let finish = (exchange: StreamExchange): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(exchange)
    }
    const req = (secure ? https : http).request(
      {
        protocol: baseUrl.protocol,
        hostname: baseUrl.hostname.replace(/^\[|\]$/g, ''),
        port: baseUrl.port,
        method: request.method,
        path: `${prefix}${request.path}`,
        headers: {
          ...request.headers,
          'accept-encoding': 'identity',
          'content-length': String(body.length),
        },
      },
      (res) => {
        const reader = createSseReader()
        const events: string[] = []
        let text = ''
        let bytes = 0
        let firstTokenMs: number | undefined
        let lastTokenMs: number | undefined
        const take = (list: string[]): void => {
          for (const data of list) {
            events.push(data)
            if (carriesToken(data)) {
              lastTokenMs = elapsed()
              firstTokenMs ??= lastTokenMs
            }
          }
        }
        const done = (ended: boolean, stopped?: string): void =>
          finish({
            kind: 'streamed',
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? '').slice(0, 200),
            events,
            ended,
            ...(stopped !== undefined ? { stopped } : {}),
            text,
            ...(firstTokenMs !== undefined ? { firstTokenMs } : {}),
            ...(lastTokenMs !== undefined ? { lastTokenMs } : {}),
            latencyMs: elapsed(),
          })
        const stop = finish
        finish = (exchange) => {
          stop(exchange)
          res.destroy()
        }
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          bytes += Buffer.byteLength(chunk)
          if (text.length < 2000) text += chunk.slice(0, 2000 - text.length)
          if (bytes > options.maxBytes)
            return done(false, `the answer passed ${options.maxBytes} bytes`)
          take(reader.push(chunk))
        })
        res.on('end', () => {
          take(reader.end())
          done(true)
        })
        res.on('aborted', () => done(false, 'the connection dropped mid-stream'))
        res.on('error', () => done(false, 'the connection dropped mid-stream'))
        res.on('close', () => done(false, 'the connection dropped mid-stream'))
      },
    )
    const timer = setTimeout(() => {
      finish({
        kind: 'unreachable',
        message: `the stream did not end within ${options.timeoutMs} ms`,
        latencyMs: elapsed(),
      })
      req.destroy()
    }, options.timeoutMs)
    req.on('error', (error) => {
      finish({
        kind: 'unreachable',
        message: `the request failed (${(error as { code?: string }).code ?? error.message})`,
        latencyMs: elapsed(),
      })
    })
    req.end(body)
  })
}
