/**
 * Sends one streamed request (openai-chat `stream: true`) and reads the server-sent events as
 * they arrive, timing the first token and the last: what a streaming UI sees. Like `send-http`,
 * it never throws for anything the target does: a refusal, a non-2xx, a stream cut mid-way, a
 * timeout over the whole stream or an answer over the size cap all come back as data.
 */
import type * as http from 'node:http'
import { createSseReader } from '../protocol/index.js'
import type { WireRequest } from './result-types.js'
import { describeFailure } from './request-failure.js'
import { openRequest } from './send-http.js'

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

/** One streamed call in flight: its options, its clock, and how it settles (swapped once a response arrives, so a late timeout also drops the response). */
interface StreamCall {
  readonly options: { readonly timeoutMs: number; readonly maxBytes: number }
  readonly elapsed: () => number
  finish: (exchange: StreamExchange) => void
}

/** What has been read of a stream so far. */
interface StreamReading {
  readonly events: string[]
  text: string
  bytes: number
  firstTokenMs: number | undefined
  lastTokenMs: number | undefined
}

/** Records a batch of events, timing the first and last that carry a token. */
function takeEvents(reading: StreamReading, list: readonly string[], elapsed: () => number): void {
  for (const data of list) {
    reading.events.push(data)
    if (carriesToken(data)) {
      reading.lastTokenMs = elapsed()
      reading.firstTokenMs ??= reading.lastTokenMs
    }
  }
}

/** The exchange for a stream that was read (to its end or not). */
function streamedExchange(
  res: http.IncomingMessage,
  reading: StreamReading,
  ended: boolean,
  stopped: string | undefined,
  latencyMs: number,
): StreamExchange {
  return {
    kind: 'streamed',
    status: res.statusCode ?? 0,
    contentType: String(res.headers['content-type'] ?? '').slice(0, 200),
    events: reading.events,
    ended,
    ...(stopped !== undefined ? { stopped } : {}),
    text: reading.text,
    ...(reading.firstTokenMs !== undefined ? { firstTokenMs: reading.firstTokenMs } : {}),
    ...(reading.lastTokenMs !== undefined ? { lastTokenMs: reading.lastTokenMs } : {}),
    latencyMs,
  }
}

/** Reads the response's server-sent events until the end, the size cap or a drop. */
function readStream(res: http.IncomingMessage, call: StreamCall): void {
  const reader = createSseReader()
  const reading: StreamReading = {
    events: [],
    text: '',
    bytes: 0,
    firstTokenMs: undefined,
    lastTokenMs: undefined,
  }
  const done = (ended: boolean, stopped?: string): void =>
    call.finish(streamedExchange(res, reading, ended, stopped, call.elapsed()))
  const stop = call.finish
  call.finish = (exchange) => {
    stop(exchange)
    res.destroy()
  }
  res.setEncoding('utf8')
  res.on('data', (chunk: string) => {
    reading.bytes += Buffer.byteLength(chunk)
    if (reading.text.length < 2000) reading.text += chunk.slice(0, 2000 - reading.text.length)
    if (reading.bytes > call.options.maxBytes)
      return done(false, `the answer passed ${call.options.maxBytes} bytes`)
    takeEvents(reading, reader.push(chunk), call.elapsed)
  })
  res.on('end', () => {
    takeEvents(reading, reader.end(), call.elapsed)
    done(true)
  })
  res.on('aborted', () => done(false, 'the connection dropped mid-stream'))
  res.on('error', () => done(false, 'the connection dropped mid-stream'))
  res.on('close', () => done(false, 'the connection dropped mid-stream'))
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
    const body = Buffer.from(request.body)
    let settled = false
    const call: StreamCall = {
      options,
      elapsed: () => performance.now() - started,
      finish: (exchange) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve(exchange)
      },
    }
    const req = openRequest(
      baseUrl,
      request,
      body,
      { headers: { 'accept-encoding': 'identity' } },
      (res) => readStream(res, call),
    )
    const timer = setTimeout(() => {
      call.finish({
        kind: 'unreachable',
        message: `the stream did not end within ${options.timeoutMs} ms`,
        latencyMs: call.elapsed(),
      })
      req.destroy()
    }, options.timeoutMs)
    req.on('error', (error) => {
      call.finish({
        kind: 'unreachable',
        message: describeFailure(error, baseUrl.protocol === 'https:').message,
        latencyMs: call.elapsed(),
      })
    })
    req.end(body)
  })
}
