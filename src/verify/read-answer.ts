/**
 * Reading a model's answer body as a hostile one: at most `cap` bytes on the wire and after
 * decompression (gzip, deflate, br are inflated only up to the cap), nesting bounded before
 * parsing, a JSON content type required of a 2xx, and only small, copied pieces kept (a slice of
 * a 10 MB string would keep all of it alive).
 */
import type { IncomingMessage } from 'node:http'
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import type { Transform } from 'node:stream'
import { nestingExceeds } from '../json/index.js'

/** Deepest nesting of an answer verify parses (deeper is a failed case, never a stack overflow). */
export const maxAnswerDepth = 64
/** The default cap on an answer's size, in bytes. */
export const defaultMaxAnswerBytes = 4 * 1024 * 1024
/** Characters of a non-JSON answer kept to show in reports. */
const shownChars = 2000
/** Bytes kept of an answer that cannot be JSON (enough for `shownChars` characters). */
const keptTextBytes = shownChars * 4
/** The bytes a JSON text can start with: `{ [ " - 0-9 t f n`. */
const jsonStart = new Set([...'{["-0123456789tfn'].map((c) => c.charCodeAt(0)))

/** What reading gave: the body and the reason it is not taken as JSON, if any. */
export type ReadAnswer =
  | {
      readonly kind: 'read'
      readonly body?: unknown
      readonly json: boolean
      readonly text?: string
      readonly bodyProblem?: string
    }
  | { readonly kind: 'dropped' }

/** True for `application/json` and `application/*+json`, any parameters. */
export function isJsonMediaType(contentType: string): boolean {
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase()
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'))
}

function decoderFor(encoding: string): Transform | undefined | 'unknown' {
  const name = encoding.trim().toLowerCase()
  if (name === '' || name === 'identity') return undefined
  if (name === 'gzip' || name === 'x-gzip') return createGunzip()
  if (name === 'deflate') return createInflate()
  if (name === 'br') return createBrotliDecompress()
  return 'unknown'
}

/** The first characters of `bytes` as a string of its own (not a view on a larger one). */
function shownText(bytes: Buffer): string {
  return bytes
    .subarray(0, shownChars * 4)
    .toString('utf8')
    .slice(0, shownChars)
}

function judge(bytes: Buffer, status: number, contentType: string): ReadAnswer {
  const text = bytes.toString('utf8')
  const success = status >= 200 && status <= 299
  if (text.trim() === '') return { kind: 'read', json: false, text: '' }
  if (nestingExceeds(text, maxAnswerDepth))
    return {
      kind: 'read',
      json: false,
      text: shownText(bytes),
      bodyProblem: `the answer nests deeper than ${maxAnswerDepth} levels`,
    }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { kind: 'read', json: false, text: shownText(bytes) }
  }
  if (success && !isJsonMediaType(contentType))
    return {
      kind: 'read',
      json: false,
      text: shownText(bytes),
      bodyProblem: `the answer holds JSON but its content type is ${contentType === '' ? 'missing' : `"${contentType}"`}, not application/json`,
    }
  return { kind: 'read', body: parsed, json: true }
}

/** The message when an answer passes the cap. */
const overCap = (cap: number): string =>
  `the answer passes the cap of ${cap} bytes (raise maxAnswerBytes / --max-answer-size)`

/**
 * Collects an answer's (decoded) bytes up to `cap`. Decided at the first byte that is not white
 * space: text that cannot be JSON (an HTML page) is counted to the end but only its first bytes
 * are kept. Past the cap, `refuse` is called with why.
 */
function createCollector(
  cap: number,
  inflated: boolean,
  refuse: (bodyProblem: string) => void,
): { collect: (chunk: Buffer) => void; take: () => Buffer } {
  let chunks: Buffer[] = []
  let size = 0
  let mode: 'unknown' | 'json' | 'text' = 'unknown'
  let kept = 0
  const collect = (chunk: Buffer): void => {
    size += chunk.length
    if (mode === 'unknown') {
      const at = chunk.findIndex((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09)
      if (at !== -1) mode = jsonStart.has(chunk[at] as number) ? 'json' : 'text'
    }
    if (mode === 'text' && kept < keptTextBytes) {
      const piece = Buffer.from(chunk.subarray(0, keptTextBytes - kept))
      kept += piece.length
      chunks.push(piece)
    }
    if (size > cap) {
      chunks = []
      refuse(
        inflated && mode !== 'text'
          ? `the answer inflates past the cap of ${cap} bytes (a compression bomb, or raise maxAnswerBytes / --max-answer-size)`
          : overCap(cap),
      )
      return
    }
    if (mode !== 'text') chunks.push(chunk)
  }
  const take = (): Buffer => {
    const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)
    chunks = []
    return bytes
  }
  return { collect, take }
}

/**
 * Reads `res` up to `cap` bytes (compressed and decompressed); calls `done` once. Past the cap
 * it stops reading, destroys the response and reports why.
 */
export function readAnswer(
  res: IncomingMessage,
  cap: number,
  done: (answer: ReadAnswer) => void,
): void {
  const encoding = String(res.headers['content-encoding'] ?? '')
  const decoder = decoderFor(encoding)
  let finished = false
  const finish = (answer: ReadAnswer): void => {
    if (finished) return
    finished = true
    done(answer)
  }
  const refuse = (bodyProblem: string): void => {
    finish({ kind: 'read', json: false, bodyProblem })
    if (decoder && decoder !== 'unknown') decoder.destroy()
    res.destroy()
  }
  if (decoder === 'unknown')
    return refuse(
      `the answer is encoded as "${encoding}", which verify cannot read (send gzip, deflate, br or none)`,
    )
  const declared = Number(res.headers['content-length'])
  if (Number.isFinite(declared) && declared > cap)
    return refuse(
      `the answer has ${declared} bytes, over the cap of ${cap} (raise maxAnswerBytes / --max-answer-size)`,
    )
  const collector = createCollector(cap, decoder !== undefined, refuse)
  const collect = (chunk: Buffer): void => {
    if (!finished) collector.collect(chunk)
  }
  const complete = (): void => {
    if (finished) return
    const contentType = String(res.headers['content-type'] ?? '')
    finish(judge(collector.take(), res.statusCode ?? 0, contentType))
  }
  res.on('aborted', () => finish({ kind: 'dropped' }))
  res.on('error', () => finish({ kind: 'dropped' }))
  if (!decoder) {
    res.on('data', collect)
    res.on('end', () => (res.complete ? complete() : finish({ kind: 'dropped' })))
    return
  }
  let wire = 0
  res.on('data', (chunk: Buffer) => {
    wire += chunk.length
    if (wire > cap) return refuse(overCap(cap))
    decoder.write(chunk)
  })
  res.on('end', () => (res.complete ? decoder.end() : finish({ kind: 'dropped' })))
  decoder.on('data', collect)
  decoder.on('end', complete)
  decoder.on('error', () => {
    if (finished) return
    finish({ kind: 'read', json: false, bodyProblem: `the ${encoding} body is corrupt` })
    res.destroy()
  })
}
