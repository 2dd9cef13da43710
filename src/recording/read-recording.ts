/**
 * Reads recordings line by line as a stream (memory bounded by the longest line, not the file):
 * header lines are checked against the contract, exchange lines are handed over one at a time,
 * and a truncated or non-JSON line, or one not in the recording format's shape, is counted and
 * skipped, its line number kept for the warning (and what is wrong with the first misshapen one).
 */
import { createReadStream } from 'node:fs'
import { StandinError } from '../errors.js'
import { jsonLines } from './json-lines.js'
import type { RecordedContract, RecordedExchange, RecordingHeader } from './recording-types.js'
import { isRecordingHeader } from './recording-types.js'
import { exchangeProblem, headerProblem } from './recording-shape.js'

/** Lines a read skipped. */
export interface SkippedLines {
  /** How many lines were skipped. */
  count: number
  /** The first 20 of their line numbers (1-based). */
  readonly lines: number[]
  /** The first line that is JSON but not in a recording's shape, and what is wrong with it. */
  misshapen?: { readonly line: number; readonly problem: string }
}

/** What `readRecording` hands over per exchange. */
export interface RecordedLine {
  readonly file: string
  readonly line: number
  readonly exchange: RecordedExchange
}

/** Options of `readRecording`. */
export interface ReadRecordingOptions {
  /** When given, a header for another contract (name or protocol) is an error (exit 2). */
  readonly contract?: RecordedContract
  /** Filled with the lines skipped. */
  readonly skipped?: SkippedLines
  /** The file's name in messages (default: `file` as given). */
  readonly shown?: string
  /** Called with each header line. */
  readonly onHeader?: (header: RecordingHeader) => void
}

/** The first 20 line numbers kept in `SkippedLines.lines`. */
export const listedSkips = 20

/** A fresh `SkippedLines`. */
export function noSkips(): SkippedLines {
  return { count: 0, lines: [] }
}

/**
 * Throws `recording.other-contract` when a header line names another contract or protocol than
 * `contract` (undefined: anything goes).
 */
export function checkHeader(
  file: string,
  line: number,
  header: RecordingHeader,
  contract: RecordedContract | undefined,
): void {
  if (!contract) return
  const theirs = header.contract
  if (theirs.name !== contract.name || theirs.protocol !== contract.protocol)
    throw new StandinError(
      'recording.other-contract',
      `${file}:${line}: this recording is of ${theirs.name}@${theirs.version} (${theirs.protocol}), not of ${contract.name}@${contract.version} (${contract.protocol}). Give the recording of this contract, or the contract it was made for.`,
    )
}

/**
 * The exchanges of a recording file, one at a time.
 *
 * @example
 * const skipped = noSkips()
 * for await (const { exchange } of readRecording('traffic.jsonl', { skipped })) count++
 *
 * @throws {StandinError} `recording.unreadable`, `recording.other-contract`
 */
export async function* readRecording(
  file: string,
  options: ReadRecordingOptions = {},
): AsyncGenerator<RecordedLine> {
  const shown = options.shown ?? file
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024 })
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve())
    stream.once('error', reject)
  })
  try {
    await opened
  } catch (error) {
    throw new StandinError(
      'recording.unreadable',
      `${shown}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check the path.`,
    )
  }
  for await (const { line, value, json } of jsonLines(stream)) {
    if (!json) {
      skipLine(options.skipped, line)
      continue
    }
    const header = isRecordingHeader(value)
    const problem = header ? headerProblem(value) : exchangeProblem(value)
    if (problem !== undefined) {
      skipLine(options.skipped, line, header ? `a header line, but ${problem}` : problem)
      continue
    }
    if (header) {
      checkHeader(shown, line, value, options.contract)
      options.onHeader?.(value)
      continue
    }
    yield { file: shown, line, exchange: value as RecordedExchange }
  }
}

/**
 * Counts a skipped line, listing the first `listedSkips` line numbers; `problem` says what is
 * wrong with a line that is JSON (the first one's is kept).
 */
export function skipLine(skipped: SkippedLines | undefined, line: number, problem?: string): void {
  if (!skipped) return
  skipped.count++
  if (skipped.lines.length < listedSkips) skipped.lines.push(line)
  if (problem !== undefined) skipped.misshapen ??= { line, problem }
}

/**
 * The warning for skipped lines, or undefined when none were:
 * `traffic.jsonl: skipped 2 lines that are not recorded exchanges (truncated or not JSON): 4, 9.`
 * When a skipped line was JSON of another shape, the first such line says what is wrong with it
 * (`line 9: /latencyMs must be >= 0`).
 */
export function skippedWarning(file: string, skipped: SkippedLines): string | undefined {
  if (skipped.count === 0) return undefined
  const more = skipped.count > skipped.lines.length ? ', ...' : ''
  const misshapen = skipped.misshapen
  const why = misshapen
    ? 'truncated, not JSON, or not in the recording format'
    : 'truncated or not JSON'
  const first = !misshapen
    ? ''
    : skipped.count === 1
      ? `: ${misshapen.problem}`
      : `; line ${misshapen.line}: ${misshapen.problem}`
  return `${file}: skipped ${skipped.count} line${skipped.count === 1 ? '' : 's'} that ${skipped.count === 1 ? 'is not a recorded exchange' : 'are not recorded exchanges'} (${why}): line${skipped.lines.length === 1 ? '' : 's'} ${skipped.lines.join(', ')}${more}${first}.`
}
