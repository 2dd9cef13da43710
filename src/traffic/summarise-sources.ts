/**
 * Summarises what `drift` and `summary` are given: recordings (streamed), summary files
 * (merged), or a verify json report (its valid cases as the reference). The kind of each file
 * is told from its content, not its name.
 */
import { open, readFile, stat } from 'node:fs/promises'
import type { Contract } from '../contract/index.js'
import { StandinError } from '../errors.js'
import { withoutByteOrderMark } from '../byte-order-mark.js'
import { noSkips, readRecording, skippedWarning } from '../recording/index.js'
import type { RecordedContract } from '../recording/index.js'
import type { VerifyResult } from '../verify/index.js'
import { createSummariser, emptySummary, mergeSummary } from './summarise.js'
import type { TrafficSummary } from './summary-types.js'
import { reportProblem, summaryProblem } from './summary-shape.js'

/** The kinds of file a summary can be made from. */
export type SourceKind = 'recording' | 'summary' | 'report'

/** A file to summarise: its absolute path and the name to show. */
export interface SourceFile {
  readonly path: string
  readonly shown: string
}

async function head(path: string): Promise<string> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(4096)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    return withoutByteOrderMark(buffer.subarray(0, bytesRead).toString('utf8'))
  } finally {
    await handle.close()
  }
}

/**
 * Tells a recording (JSON Lines) from a summary file or a verify json report.
 *
 * @throws {StandinError} `recording.unreadable`
 */
export async function sourceKind(file: SourceFile): Promise<SourceKind> {
  const unreadable = (why: string): StandinError =>
    new StandinError(
      'recording.unreadable',
      `${file.shown}: cannot be read (${why}). Check the path.`,
    )
  let text: string
  try {
    // Only a regular file: a device would be read for ever (/dev/zero), a FIFO blocks the open.
    const info = await stat(file.path)
    if (!info.isFile())
      throw unreadable(info.isDirectory() ? 'EISDIR' : 'not a regular file but a device or a pipe')
    text = await head(file.path)
  } catch (error) {
    if (error instanceof StandinError) throw error
    throw unreadable((error as NodeJS.ErrnoException).code ?? (error as Error).message)
  }
  if (/^\s*\{\s*"standin"\s*:\s*"summary"/.test(text)) return 'summary'
  if (/^\s*\{\s*"format"\s*:\s*1\s*,/.test(text) && !text.split('\n', 1)[0]?.includes('"outcome"'))
    return 'report'
  return 'recording'
}

const kindNames = {
  summary: "a summary written by 'standin summary --out'",
  report: 'a verify json report',
} as const

/**
 * A summary file or a verify json report, read and checked against its shape.
 *
 * @throws {StandinError} `recording.unreadable`: not JSON, or not in the shape of its kind
 */
async function readJsonFile(file: SourceFile, kind: 'summary'): Promise<TrafficSummary>
async function readJsonFile(file: SourceFile, kind: 'report'): Promise<VerifyResult>
async function readJsonFile(file: SourceFile, kind: 'summary' | 'report'): Promise<unknown> {
  let value: unknown
  try {
    value = JSON.parse(withoutByteOrderMark(await readFile(file.path, 'utf8'))) as unknown
  } catch (error) {
    throw new StandinError(
      'recording.unreadable',
      `${file.shown}: is not a JSON summary or report (${(error as Error).message}). Give a recording, a summary written by 'standin summary --out', or a verify json report.`,
    )
  }
  const problem = (kind === 'summary' ? summaryProblem : reportProblem)(value)
  if (problem !== undefined)
    throw new StandinError(
      'recording.unreadable',
      `${file.shown}: is not ${kindNames[kind]}: ${problem}. Write it again with ${kind === 'summary' ? "'standin summary --out'" : "'standin verify --reporter json:FILE'"}, or give the recording it was made from.`,
    )
  return value
}

/** Sketch bounds come back from JSON as null for an empty sketch. */
function revive(summary: TrafficSummary): TrafficSummary {
  const fix = (s: { min: number; max: number }): void => {
    s.min = typeof s.min === 'number' ? s.min : Infinity
    s.max = typeof s.max === 'number' ? s.max : -Infinity
  }
  fix(summary.latency)
  for (const f of [...Object.values(summary.inputs), ...Object.values(summary.outputs)])
    if (f.kind === 'number') fix(f.sketch)
  return summary
}

function checkContract(
  file: SourceFile,
  theirs: RecordedContract | undefined,
  contract?: Contract,
): void {
  if (!contract || !theirs) return
  if (theirs.name !== contract.name || theirs.protocol !== contract.protocol)
    throw new StandinError(
      'recording.other-contract',
      `${file.shown}: is of ${theirs.name}@${theirs.version} (${theirs.protocol}), not of ${contract.name}@${contract.version} (${contract.protocol}). Give files of this contract.`,
    )
}

/** Options of `summariseSources`. */
export interface SummariseOptions {
  /** The contract: its fields are summarised, and files of another contract are refused. */
  readonly contract?: Contract
  /** Warnings (skipped lines). */
  readonly warn?: (message: string) => void
}

function fromReport(file: SourceFile, report: VerifyResult, contract?: Contract): TrafficSummary {
  checkContract(file, report.contract, contract)
  const s = createSummariser(contract)
  for (const c of report.cases) {
    // The inputs a model is meant for: boundary and perturbed cases would skew the reference.
    if (c.kind !== 'example' && c.kind !== 'generated') continue
    const e = c.exchange
    const answered = e.kind === 'answered' && e.status >= 200 && e.status <= 299
    s.addRecords(
      c.records,
      answered ? c.outputs : undefined,
      'latencyMs' in e ? e.latencyMs : undefined,
    )
  }
  s.summary.sources.push(file.shown)
  if (!s.summary.contract) s.summary.contract = report.contract
  return s.summary
}

/**
 * One summary of every file given (each recording streamed, summaries merged).
 *
 * @throws {StandinError} `recording.unreadable`, `recording.other-contract`, `summary.other-contract`
 */
export async function summariseSources(
  files: readonly SourceFile[],
  options: SummariseOptions = {},
): Promise<TrafficSummary> {
  const contract = options.contract
  const total = emptySummary(
    contract
      ? { name: contract.name, version: contract.version, protocol: contract.protocol }
      : undefined,
  )
  for (const file of files) {
    const kind = await sourceKind(file)
    if (kind === 'summary') {
      const summary = revive(await readJsonFile(file, 'summary'))
      checkContract(file, summary.contract, contract)
      mergeSummary(total, summary, file.shown)
      continue
    }
    if (kind === 'report') {
      mergeSummary(
        total,
        fromReport(file, await readJsonFile(file, 'report'), contract),
        file.shown,
      )
      continue
    }
    const skipped = noSkips()
    const s = createSummariser(contract)
    const recordedContract = contract
      ? { name: contract.name, version: contract.version, protocol: contract.protocol }
      : undefined
    for await (const { exchange } of readRecording(file.path, {
      skipped,
      shown: file.shown,
      ...(recordedContract ? { contract: recordedContract } : {}),
      onHeader: (h) => {
        s.summary.contract ??= h.contract
      },
    }))
      s.addExchange(exchange)
    const warning = skippedWarning(file.shown, skipped)
    if (warning) options.warn?.(warning)
    s.summary.skippedLines += skipped.count
    s.summary.sources.push(file.shown)
    mergeSummary(total, s.summary, file.shown)
  }
  return total
}
