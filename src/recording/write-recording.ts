/**
 * Writes a recording: a header line, then one JSON line per kept exchange. Lines are buffered
 * and appended in the background (the proxy never waits for the disk); a file that reaches
 * `maxBytes` is rotated (`FILE` -> `FILE.1` -> `FILE.2` ..., the oldest beyond `maxFiles`
 * deleted) and the new file starts with its own header. Sampling keeps an even share of
 * exchanges without randomness: exchange k is kept when floor((k+1)·rate) > floor(k·rate).
 */
import { appendFile, open, rename, rm, writeFile } from 'node:fs/promises'
import { StandinError } from '../errors.js'
import { writeFailure } from '../write-text-file.js'
import { MASK, maskPointers } from './mask-pointers.js'
import type { RecordedContract, RecordedExchange, RecordingHeader } from './recording-types.js'
import { wellFormedHeader } from './recording-shape.js'
import { byteOrderMarkLength } from '../byte-order-mark.js'

/** Options of `createRecorder`. */
export interface RecorderOptions {
  /** The recording file (rotated files get `.1`, `.2`, ...). */
  readonly file: string
  readonly contract: RecordedContract
  /** Share of exchanges kept, 0..1 (default 1). */
  readonly sampleRate?: number
  /** A file is rotated when it reaches this many bytes (default 100 MiB). */
  readonly maxBytes?: number
  /** Rotated files kept besides the current one (default 5). */
  readonly maxFiles?: number
  /** A line larger than this keeps no inputs or outputs, only `oversize` (default 1 MiB). */
  readonly maxLineBytes?: number
  /** Input pointers masked as `***` (`--redact`). */
  readonly redact?: readonly string[]
  /** Called when writing fails (the proxy keeps forwarding). */
  readonly onError?: (error: Error) => void
}

/** A running recorder. */
export interface Recorder {
  /** Queues one exchange (or drops it by sampling). */
  readonly record: (exchange: RecordedExchange) => void
  /** Exchanges seen and kept so far. */
  readonly counts: () => { readonly seen: number; readonly kept: number }
  /** Writes what is queued and stops. */
  readonly close: () => Promise<void>
}

const flushEvery = 50

/** A recording file being written: its settings, its size, and the lines queued for it. */
interface RecordingWriter {
  readonly options: RecorderOptions
  /** Share of exchanges kept, clamped to 0..1. */
  readonly rate: number
  readonly maxBytes: number
  readonly maxFiles: number
  readonly redact: readonly string[]
  /** Bytes in the current file. */
  size: number
  /** Lines waiting for the next flush. */
  queue: string[]
  /** The writes under way, one after the other. */
  chain: Promise<void>
  /** The timer that flushes a queue that stays short. */
  timer: NodeJS.Timeout | undefined
}

/**
 * Starts a recording in `file`. A recording already there is kept as `FILE.1` (the rotation
 * shifts the older ones on); any other file there is refused, never written over.
 *
 * @throws {StandinError} `recording.unwritable` when the file cannot be written (a full disk, no
 * permission, a folder in the way); later write errors go to `onError`.
 *
 * @example
 * const recorder = await createRecorder({ file: 'traffic.jsonl', contract, sampleRate: 0.1 })
 * recorder.record(exchange)
 * await recorder.close()
 */
export async function createRecorder(options: RecorderOptions): Promise<Recorder> {
  const writer: RecordingWriter = {
    options,
    rate: Math.min(1, Math.max(0, options.sampleRate ?? 1)),
    maxBytes: options.maxBytes ?? 100 * 1024 * 1024,
    maxFiles: options.maxFiles ?? 5,
    redact: options.redact ?? [],
    size: 0,
    queue: [],
    chain: Promise.resolve(),
    timer: undefined,
  }
  const maxLine = options.maxLineBytes ?? 1024 * 1024
  let seen = 0
  let kept = 0
  const first = headerLine(writer)
  try {
    // A recording already there (a restarted proxy) is kept as FILE.1, as a rotation keeps it.
    if ((await existingKind(options.file)) === 'recording')
      await shiftFiles(options.file, writer.maxFiles)
    await writeFile(options.file, first)
  } catch (error) {
    throw error instanceof StandinError ? error : unwritable(options.file, error)
  }
  writer.size = Buffer.byteLength(first)
  const record = (exchange: RecordedExchange): void => {
    const k = seen++
    if (Math.floor((k + 1) * writer.rate) <= Math.floor(k * writer.rate)) return
    kept++
    writer.queue.push(exchangeLine(exchange, writer.redact, maxLine))
    if (writer.queue.length >= flushEvery) flush(writer)
    else writer.timer ??= setTimeout(() => flush(writer), 100)
  }
  return {
    record,
    counts: () => ({ seen, kept }),
    close: async () => {
      flush(writer)
      await writer.chain
    },
  }
}

/**
 * What is at `file` already: nothing (or an empty file), a recording (its first line a header),
 * or anything else, which is refused: a mistyped `--record` must not write over a contract.
 *
 * @throws {StandinError} `recording.unwritable` for a file that is not a recording
 */
async function existingKind(file: string): Promise<'none' | 'recording'> {
  let head: string
  try {
    const handle = await open(file, 'r')
    try {
      // A device or a pipe (/dev/null, /dev/full) is written to as it is: writing says why not.
      if (!(await handle.stat()).isFile()) return 'none'
      const buffer = Buffer.alloc(64 * 1024)
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
      head = buffer.toString('utf8', byteOrderMarkLength(buffer), bytesRead)
    } finally {
      await handle.close()
    }
  } catch {
    // Nothing there, or nothing readable: writing it says why if it cannot be written.
    return 'none'
  }
  if (head.trim() === '') return 'none'
  let value: unknown
  try {
    value = JSON.parse(head.split('\n', 1)[0] ?? '')
  } catch {
    value = undefined
  }
  if (wellFormedHeader(value) !== undefined) return 'recording'
  throw new StandinError(
    'recording.unwritable',
    `${file} already holds something that is not a standin recording; standin does not write over it. Record to a new file, or move that one away.`,
  )
}

/** Why a recording cannot be started, in words: the disk, the permissions, the path. */
function unwritable(file: string, error: unknown): StandinError {
  return new StandinError(
    'recording.unwritable',
    `cannot write the recording ${file} (${writeFailure(error)}). Record to a file in a folder you can write, on a disk with room.`,
  )
}

/** The header line a recording file starts with (each rotated file has its own). */
function headerLine(writer: RecordingWriter): string {
  const header: RecordingHeader = {
    standin: 'recording',
    format: 1,
    contract: writer.options.contract,
    startedAt: new Date().toISOString(),
    sampleRate: writer.rate,
    redacted: writer.redact,
  }
  return `${JSON.stringify(header)}\n`
}

/**
 * The line of one exchange, its inputs masked at the `redact` pointers; a line over `maxLine`
 * keeps no inputs or outputs, only its size as `oversize`.
 */
function exchangeLine(
  exchange: RecordedExchange,
  redact: readonly string[],
  maxLine: number,
): string {
  // A request that could not be decoded cannot be masked field by field: its text is dropped.
  const masked: RecordedExchange =
    redact.length === 0
      ? exchange
      : {
          ...exchange,
          ...(exchange.inputs
            ? { inputs: exchange.inputs.map((r) => maskPointers(r, redact)) }
            : {}),
          ...(exchange.requestText !== undefined ? { requestText: MASK } : {}),
        }
  const line = `${JSON.stringify(masked)}\n`
  if (line.length <= maxLine) return line
  const { inputs: _inputs, outputs: _outputs, requestText: _r, answerText: _a, ...rest } = masked
  return `${JSON.stringify({ ...rest, oversize: Buffer.byteLength(line) })}\n`
}

/** Hands the queued lines to the chain of writes (the caller does not wait for the disk). */
function flush(writer: RecordingWriter): void {
  if (writer.timer) clearTimeout(writer.timer)
  writer.timer = undefined
  if (writer.queue.length === 0) return
  const lines = writer.queue
  writer.queue = []
  writer.chain = writer.chain
    .then(() => appendLines(writer, lines))
    .catch((error: unknown) => writer.options.onError?.(error as Error))
}

/** Appends lines to the file, rotating it first whenever the next line would pass `maxBytes`. */
async function appendLines(writer: RecordingWriter, lines: readonly string[]): Promise<void> {
  const { file } = writer.options
  let batch = ''
  for (const line of lines) {
    const bytes = Buffer.byteLength(line)
    if (writer.size + bytes > writer.maxBytes && writer.size > 0) {
      if (batch !== '') await appendFile(file, batch)
      batch = ''
      await rotate(writer)
    }
    batch += line
    writer.size += bytes
  }
  if (batch !== '') await appendFile(file, batch)
}

/** Shifts `FILE` -> `FILE.1` -> `FILE.2` ..., dropping the oldest past `maxFiles`. */
async function shiftFiles(file: string, maxFiles: number): Promise<void> {
  await rm(`${file}.${maxFiles}`, { force: true })
  for (let i = maxFiles - 1; i >= 1; i--)
    await rename(`${file}.${i}`, `${file}.${i + 1}`).catch(() => undefined)
  if (maxFiles > 0) await rename(file, `${file}.1`)
}

/** Shifts the files (see `shiftFiles`) and starts a new `FILE`. */
async function rotate(writer: RecordingWriter): Promise<void> {
  const { file } = writer.options
  await shiftFiles(file, writer.maxFiles)
  const header = headerLine(writer)
  await writeFile(file, header)
  writer.size = Buffer.byteLength(header)
}
