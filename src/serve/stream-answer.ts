/**
 * Streamed answers (openai-chat's server-sent events) on the handler core: a protocol's answer
 * turned into a `CoreResponse` whose chunks carry the stand-in's pace (the first token after the
 * time to first token, each later one a token interval after the previous), and the loop every
 * adapter plays such a response with.
 */
import type { Faults } from '../mock/index.js'
import type { ProtocolAnswer } from '../protocol/index.js'
import { withHeader, type CoreResponse, type StreamedBody } from './serve-types.js'

/** The response for a protocol's own answer, timed by `faults` when it is a stream. */
export function protocolResponse(
  answer: ProtocolAnswer,
  faults: Faults,
  jsonHeaders: Readonly<Record<string, string>>,
): CoreResponse {
  if (answer.kind === 'body')
    return { status: 200, headers: jsonHeaders, body: JSON.stringify(answer.body) }
  const chunks: { delayMs: number; text: string }[] = []
  const paced = answer.pieces.some((p) => p.token)
  let current = ''
  let delay = paced ? faults.firstTokenMs : 0
  let seen = false
  for (const piece of answer.pieces) {
    if (piece.token && seen && faults.tokenIntervalMs > 0) {
      chunks.push({ delayMs: delay, text: current })
      current = ''
      delay = faults.tokenIntervalMs
    }
    if (piece.token) seen = true
    current += piece.text
  }
  if (current !== '' || chunks.length === 0) chunks.push({ delayMs: delay, text: current })
  return {
    status: 200,
    headers: withHeader(
      withHeader(jsonHeaders, 'content-type', answer.contentType),
      'cache-control',
      'no-cache',
    ),
    body: chunks.map((c) => c.text).join(''),
    stream: { chunks, cut: answer.cut },
  }
}

/** Where a streamed body goes: the adapter's write, end and drop. */
export interface StreamSink {
  readonly write: (text: string) => void
  readonly end: () => void
  /** Drops the connection (a stream cut mid-value). */
  readonly cut: () => void
}

/**
 * Plays `stream` into `sink`: each chunk after its delay (chunks without one at once), then
 * ends or cuts. Returns a function that stops it (the client went away).
 */
export function playStream(stream: StreamedBody, sink: StreamSink): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  const step = (i: number): void => {
    while (!stopped && i < stream.chunks.length) {
      const chunk = stream.chunks[i] as { delayMs: number; text: string }
      if (chunk.delayMs > 0 && timer === undefined) {
        timer = setTimeout(() => {
          timer = undefined
          if (stopped) return
          sink.write(chunk.text)
          step(i + 1)
        }, chunk.delayMs)
        return
      }
      sink.write(chunk.text)
      i++
    }
    if (stopped) return
    stopped = true
    if (stream.cut) sink.cut()
    else sink.end()
  }
  step(0)
  return () => {
    stopped = true
    if (timer !== undefined) clearTimeout(timer)
  }
}
