/**
 * JSON Lines read as a stream of bytes: lines are cut at each `\n` byte (never inside a UTF-8
 * character, whose bytes are all above 0x7f) and decoded one at a time, so memory is bounded by
 * the longest line (at most `maxLineBytes`), not the file. This is the hot path of `drift` and
 * `summary` on recordings of millions of lines: cutting the bytes directly costs about half what
 * `node:readline` does over a decoded stream (test/traffic/drift-memory.test.ts).
 */
import type { Readable } from 'node:stream'
import { byteOrderMarkLength } from '../byte-order-mark.js'

/** A line of a JSON Lines file: its number, and its value (`json: false` when it is not JSON). */
export interface JsonLine {
  readonly line: number
  readonly value: unknown
  readonly json: boolean
}

/** Lines longer than this (64 MiB) are not kept: they come out as `json: false`. */
export const maxLineBytes = 64 * 1024 * 1024

const newline = 0x0a
const carriageReturn = 0x0d

function parseLine(bytes: Buffer, start: number, end: number, line: number): JsonLine | undefined {
  const stop = end > start && bytes[end - 1] === carriageReturn ? end - 1 : end
  if (stop === start) return undefined
  const text = bytes.toString('utf8', start, stop)
  try {
    return { line, value: JSON.parse(text) as unknown, json: true }
  } catch {
    // Blank lines (spaces only) are no lines; the test is off the hot path, after a failed parse.
    return text.trim() === '' ? undefined : { line, value: undefined, json: false }
  }
}

/**
 * The non-blank lines of a JSON Lines byte stream (a `createReadStream` without an encoding),
 * parsed one at a time. The stream is destroyed when the reader stops early.
 *
 * @example
 * for await (const { line, value, json } of jsonLines(createReadStream('traffic.jsonl'))) count++
 */
export async function* jsonLines(
  stream: Readable,
  limit: number = maxLineBytes,
): AsyncGenerator<JsonLine> {
  let n = 0
  // The start of a line that runs over chunks, kept as pieces (no copying per chunk).
  let pending: Buffer[] = []
  let pendingBytes = 0
  // True while the bytes of a line past `limit` are dropped, up to its end.
  let dropping = false
  let first = true
  const oversize = (): JsonLine => {
    dropping = true
    pending = []
    pendingBytes = 0
    return { line: n + 1, value: undefined, json: false }
  }
  try {
    for await (const read of stream as AsyncIterable<Buffer | string>) {
      const chunk = typeof read === 'string' ? Buffer.from(read, 'utf8') : read
      // A byte order mark (editors and PowerShell on Windows write one) is not part of line 1.
      let start = first ? byteOrderMarkLength(chunk) : 0
      first = false
      let end = chunk.indexOf(newline)
      if (dropping || pending.length > 0) {
        if (end === -1) {
          if (dropping) continue
          pending.push(chunk)
          pendingBytes += chunk.length
          if (pendingBytes > limit) yield oversize()
          continue
        }
        n++
        if (dropping) dropping = false
        else if (pendingBytes + end > limit) yield { line: n, value: undefined, json: false }
        else {
          const whole = Buffer.concat([...pending, chunk.subarray(0, end)])
          const parsed = parseLine(whole, 0, whole.length, n)
          if (parsed) yield parsed
        }
        pending = []
        pendingBytes = 0
        start = end + 1
        end = chunk.indexOf(newline, start)
      }
      while (end !== -1) {
        n++
        if (end - start > limit) yield { line: n, value: undefined, json: false }
        else {
          const parsed = parseLine(chunk, start, end, n)
          if (parsed) yield parsed
        }
        start = end + 1
        end = chunk.indexOf(newline, start)
      }
      if (start >= chunk.length) continue
      if (chunk.length - start > limit) yield oversize()
      else {
        // A copy, so the chunk the tail came from is not kept alive by it.
        pending = [Buffer.from(chunk.subarray(start))]
        pendingBytes = chunk.length - start
      }
    }
    if (pending.length > 0) {
      const whole = Buffer.concat(pending)
      const parsed = parseLine(whole, 0, whole.length, n + 1)
      if (parsed) yield parsed
    }
  } finally {
    stream.destroy()
  }
}
