/**
 * Writes a recording: a header line, then one JSON line per kept exchange. Lines are buffered
 * and appended in the background (the proxy never waits for the disk); a file that reaches
 * `maxBytes` is rotated (`FILE` -> `FILE.1` -> `FILE.2` ..., the oldest beyond `maxFiles`
 * deleted) and the new file starts with its own header. Sampling keeps an even share of
 * exchanges without randomness: exchange k is kept when floor((k+1)·rate) > floor(k·rate).
 */
import { appendFile, rename, rm, writeFile } from 'node:fs/promises'
import { MASK, maskPointers } from './mask-pointers.js'
import type { RecordedContract, RecordedExchange, RecordingHeader } from './recording-types.js'

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

/**
 * Starts a recording (truncates `file`).
 *
 * @example
 * const recorder = await createRecorder({ file: 'traffic.jsonl', contract, sampleRate: 0.1 })
 * recorder.record(exchange)
 * await recorder.close()
 */
export async function createRecorder(options: RecorderOptions): Promise<Recorder> {
  const rate = Math.min(1, Math.max(0, options.sampleRate ?? 1))
  const maxBytes = options.maxBytes ?? 100 * 1024 * 1024
  const maxFiles = options.maxFiles ?? 5
  const maxLine = options.maxLineBytes ?? 1024 * 1024
  const redact = options.redact ?? []
  const headerLine = (): string => {
    const header: RecordingHeader = {
      standin: 'recording',
      format: 1,
      contract: options.contract,
      startedAt: new Date().toISOString(),
      sampleRate: rate,
      redacted: redact,
    }
    return `${JSON.stringify(header)}\n`
  }
  let size = 0
  let seen = 0
  let kept = 0
  let queue: string[] = []
  let chain: Promise<void> = Promise.resolve()
  let timer: NodeJS.Timeout | undefined
  const first = headerLine()
  await writeFile(options.file, first)
  size = Buffer.byteLength(first)

  const rotate = async (): Promise<void> => {
    await rm(`${options.file}.${maxFiles}`, { force: true })
    for (let i = maxFiles - 1; i >= 1; i--)
      await rename(`${options.file}.${i}`, `${options.file}.${i + 1}`).catch(() => undefined)
    if (maxFiles > 0) await rename(options.file, `${options.file}.1`)
    const header = headerLine()
    await writeFile(options.file, header)
    size = Buffer.byteLength(header)
  }
  const flush = (): void => {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (queue.length === 0) return
    const lines = queue
    queue = []
    chain = chain
      .then(async () => {
        let batch = ''
        for (const line of lines) {
          const bytes = Buffer.byteLength(line)
          if (size + bytes > maxBytes && size > 0) {
            if (batch !== '') await appendFile(options.file, batch)
            batch = ''
            await rotate()
          }
          batch += line
          size += bytes
        }
        if (batch !== '') await appendFile(options.file, batch)
      })
      .catch((error: unknown) => options.onError?.(error as Error))
  }
  const record = (exchange: RecordedExchange): void => {
    const k = seen++
    if (Math.floor((k + 1) * rate) <= Math.floor(k * rate)) return
    kept++
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
    let line = `${JSON.stringify(masked)}\n`
    if (line.length > maxLine) {
      const {
        inputs: _inputs,
        outputs: _outputs,
        requestText: _r,
        answerText: _a,
        ...rest
      } = masked
      line = `${JSON.stringify({ ...rest, oversize: Buffer.byteLength(line) })}\n`
    }
    queue.push(line)
    if (queue.length >= flushEvery) flush()
    else timer ??= setTimeout(flush, 100)
  }
  return {
    record,
    counts: () => ({ seen, kept }),
    close: async () => {
      flush()
      await chain
    },
  }
}
