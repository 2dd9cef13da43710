/**
 * `compare`: champion (baseline) against challenger (candidate) on the same inputs. Per output
 * field: agreement and a confusion matrix for labels; mean and max absolute difference and
 * Pearson correlation for numbers; for both, PSI and a two-sample test (chi-square or
 * Kolmogorov–Smirnov) of the candidate's distribution against the baseline's. Latency
 * percentiles side by side. A baseline recording is held in memory as a map from input to
 * answer (one entry per distinct input); everything else streams.
 */
import type { Contract } from '../contract/index.js'
import { StandinError } from '../errors.js'
import { canonicalJson } from '../generate/index.js'
import { parsePointer, valueAtPath } from '../json/index.js'
import { readInputs, schemaFields } from '../recording/index.js'
import type { RecordedContract } from '../recording/index.js'
import {
  createSender,
  generatedInputs,
  recordedAnswers,
  recordingHeader,
  shownUrl,
} from './compare-sources.js'
import type { CompareSide, SideAnswer } from './compare-sources.js'
import { fieldDrift } from './drift.js'
import type { FieldDrift } from './drift.js'
import { addToSketch, newSketch, sketchMean, sketchQuantile } from '../sketch.js'
import type { Sketch } from '../sketch.js'
import { createSummariser } from './summarise.js'
import { r2 } from './summary-report.js'
import { forField } from './thresholds.js'
import type { CompareThresholds } from './thresholds.js'

/** Latency of one side, ms. */
export interface SideLatency {
  readonly count: number
  readonly p50: number
  readonly p95: number
  readonly p99: number
  readonly mean: number
}

/** One output field compared. */
export interface FieldComparison extends Omit<FieldDrift, 'side'> {
  /** Inputs both models answered with this field. */
  readonly pairs: number
  /** Share of pairs with the same label (categories). */
  readonly agreement?: number
  /** Rows: the baseline's label; columns: the candidate's (categories; 30 labels, the rest `(other)`). */
  readonly confusion?: {
    readonly labels: readonly string[]
    readonly counts: readonly (readonly number[])[]
  }
  /** Numbers: mean and largest absolute difference, Pearson correlation. */
  readonly meanAbsDiff?: number
  readonly maxAbsDiff?: number
  readonly correlation?: number
}

/** A compare run. */
export interface CompareResult {
  readonly format: 1
  readonly kind: 'compare'
  readonly contract: RecordedContract
  readonly baseline: {
    readonly source: string
    readonly failures: number
    readonly latency: SideLatency
  }
  readonly candidate: {
    readonly source: string
    readonly failures: number
    readonly latency: SideLatency
  }
  /** Inputs both models answered. */
  readonly pairs: number
  /** Candidate inputs with no baseline answer (two recordings). */
  readonly unpaired: number
  readonly thresholds: CompareThresholds
  readonly verdict: 'passed' | 'failed'
  /** Why the run failed beyond its fields (latency ratio). */
  readonly reasons: readonly string[]
  readonly fields: readonly FieldComparison[]
}

/** Options of `compare`. */
export interface CompareOptions {
  readonly baseline: CompareSide
  readonly candidate: CompareSide
  /** Inputs for two URL sides: a recording, JSON Lines or CSV (default: generated). */
  readonly inputs?: { readonly path: string; readonly shown: string }
  /** Generated inputs when nothing else gives them (default 200). */
  readonly cases?: number
  readonly seed?: number
  readonly thresholds: CompareThresholds
  readonly timeoutMs?: number
  readonly concurrency?: number
  readonly warn?: (message: string) => void
}

const maxLabels = 30

interface Paired {
  readonly pointer: string
  readonly path: readonly string[]
  readonly kind: 'number' | 'category'
  pairs: number
  agree: number
  readonly confusion: Map<string, Map<string, number>>
  sumAbs: number
  maxAbs: number
  sx: number
  sy: number
  sxx: number
  syy: number
  sxy: number
}

function label(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function addPair(p: Paired, b: unknown, c: unknown): void {
  if (p.kind === 'number') {
    if (typeof b !== 'number' || typeof c !== 'number') return
    p.pairs++
    const d = Math.abs(b - c)
    p.sumAbs += d
    p.maxAbs = Math.max(p.maxAbs, d)
    p.sx += b
    p.sy += c
    p.sxx += b * b
    p.syy += c * c
    p.sxy += b * c
    return
  }
  if (b === undefined || c === undefined) return
  p.pairs++
  const lb = label(b)
  const lc = label(c)
  if (lb === lc) p.agree++
  const row = p.confusion.get(lb) ?? new Map<string, number>()
  row.set(lc, (row.get(lc) ?? 0) + 1)
  p.confusion.set(lb, row)
}

function confusionOf(p: Paired): { labels: string[]; counts: number[][] } {
  const totals = new Map<string, number>()
  for (const [b, row] of p.confusion)
    for (const [c, n] of row) {
      totals.set(b, (totals.get(b) ?? 0) + n)
      totals.set(c, (totals.get(c) ?? 0) + n)
    }
  const ranked = [...totals.entries()]
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .map(([k]) => k)
  const kept = ranked.slice(0, maxLabels).sort()
  const labels = ranked.length > maxLabels ? [...kept, '(other)'] : kept
  const index = (l: string): number => {
    const i = kept.indexOf(l)
    return i === -1 ? labels.length - 1 : i
  }
  const counts = labels.map(() => labels.map(() => 0))
  for (const [b, row] of p.confusion)
    for (const [c, n] of row) {
      const r = counts[index(b)]
      if (r) r[index(c)] = (r[index(c)] ?? 0) + n
    }
  return { labels, counts }
}

function latencyOf(s: Sketch): SideLatency {
  return {
    count: s.count,
    p50: r2(sketchQuantile(s, 0.5)),
    p95: r2(sketchQuantile(s, 0.95)),
    p99: r2(sketchQuantile(s, 0.99)),
    mean: r2(sketchMean(s)),
  }
}

function sideName(side: CompareSide): string {
  return side.kind === 'url' ? shownUrl(side.url) : side.shown
}

async function checkProtocols(contract: Contract, options: CompareOptions): Promise<void> {
  // One after the other: when both recordings are unreadable, the baseline's error is the one
  // reported, on every run.
  const headers = []
  for (const role of ['baseline', 'candidate'] as const) {
    const side = options[role]
    headers.push(
      side.kind === 'recording'
        ? { role, side, header: await recordingHeader(side.path, side.shown) }
        : undefined,
    )
  }
  const [b, c] = headers
  if (b?.header && c?.header && b.header.contract.protocol !== c.header.contract.protocol)
    throw new StandinError(
      'compare.protocol-mismatch',
      `standin compare: --baseline ${b.side.kind === 'recording' ? b.side.shown : ''} records ${b.header.contract.protocol} traffic and --candidate ${c.side.kind === 'recording' ? c.side.shown : ''} records ${c.header.contract.protocol} traffic. Compare two models on one protocol: the contract's (${contract.protocol}).`,
    )
  for (const h of headers) {
    if (!h?.header || h.side.kind !== 'recording') continue
    const theirs = h.header.contract
    if (theirs.name !== contract.name || theirs.protocol !== contract.protocol)
      throw new StandinError(
        'recording.other-contract',
        `standin compare: --${h.role} ${h.side.shown} is a recording of ${theirs.name}@${theirs.version} (${theirs.protocol}), not of ${contract.name}@${contract.version} (${contract.protocol}). Give recordings of this contract.`,
      )
  }
}

type Item = { readonly input: unknown; baseline?: SideAnswer; candidate?: SideAnswer }

async function* items(
  contract: Contract,
  options: CompareOptions,
  unpaired: { count: number },
): AsyncGenerator<Item> {
  const { baseline, candidate, warn } = options
  if (baseline.kind === 'recording' && candidate.kind === 'recording') {
    const known = new Map<string, SideAnswer>()
    for await (const { input, answer } of recordedAnswers(contract, baseline, warn))
      known.set(canonicalJson(input), answer)
    for await (const { input, answer } of recordedAnswers(contract, candidate, warn)) {
      const b = known.get(canonicalJson(input))
      if (b) yield { input, baseline: b, candidate: answer }
      else unpaired.count++
    }
    return
  }
  if (baseline.kind === 'recording') {
    for await (const { input, answer } of recordedAnswers(contract, baseline, warn))
      yield { input, baseline: answer }
    return
  }
  if (candidate.kind === 'recording') {
    for await (const { input, answer } of recordedAnswers(contract, candidate, warn))
      yield { input, candidate: answer }
    return
  }
  if (options.inputs) {
    for await (const { record } of readInputs(options.inputs.path, contract, {
      shown: options.inputs.shown,
    }))
      yield { input: record }
    return
  }
  for (const input of generatedInputs(contract, options.seed ?? 1, options.cases ?? 200))
    yield { input }
}

/**
 * Compares two models on the same inputs.
 *
 * @example
 * const result = await compare(contract, { baseline: { kind: 'url', url: 'http://127.0.0.1:8080' }, candidate: { kind: 'url', url: 'http://127.0.0.1:8081' }, thresholds: { minAgreement: 0.95 } })
 *
 * @throws {StandinError} `compare.protocol-mismatch`, `compare.wrong-protocol`, `compare.target`,
 * `recording.other-contract`, `recording.unreadable`, `dataset.invalid`
 */
export async function compare(contract: Contract, options: CompareOptions): Promise<CompareResult> {
  await checkProtocols(contract, options)
  const run = await pairAnswers(contract, options)
  const compared = run.fields.map((p) => compareField(p, run.sides, options.thresholds))
  const thresholds = options.thresholds
  const lb = latencyOf(run.latency.baseline)
  const lc = latencyOf(run.latency.candidate)
  const reasons: string[] = []
  if (
    thresholds.maxLatencyRatio !== undefined &&
    lb.p99 > 0 &&
    lc.p99 / lb.p99 > thresholds.maxLatencyRatio
  )
    reasons.push(
      `the candidate's p99 latency is ${(lc.p99 / lb.p99).toFixed(2)}× the baseline's, above ${thresholds.maxLatencyRatio}×`,
    )
  if (run.pairs === 0) reasons.push('no input was answered by both models')
  return {
    format: 1,
    kind: 'compare',
    contract: { name: contract.name, version: contract.version, protocol: contract.protocol },
    baseline: { source: sideName(options.baseline), failures: run.failures.baseline, latency: lb },
    candidate: {
      source: sideName(options.candidate),
      failures: run.failures.candidate,
      latency: lc,
    },
    pairs: run.pairs,
    unpaired: run.unpaired.count,
    thresholds,
    verdict:
      reasons.length > 0 || compared.some((f) => f.status === 'failed') ? 'failed' : 'passed',
    reasons,
    fields: compared,
  }
}

/** What running both models over the inputs gathered: per field, per side, and in all. */
interface PairedRun {
  readonly fields: readonly Paired[]
  readonly sides: Record<Role, ReturnType<typeof createSummariser>>
  readonly latency: Record<Role, ReturnType<typeof newSketch>>
  readonly failures: Record<Role, number>
  readonly unpaired: { count: number }
  pairs: number
}

type Role = 'baseline' | 'candidate'

/** A field's running pair statistics, empty. */
function newPaired(f: { pointer: string; kind: 'number' | 'category' }): Paired {
  return {
    pointer: f.pointer,
    path: parsePointer(f.pointer) ?? [],
    kind: f.kind,
    pairs: 0,
    agree: 0,
    confusion: new Map(),
    sumAbs: 0,
    maxAbs: 0,
    sx: 0,
    sy: 0,
    sxx: 0,
    syy: 0,
    sxy: 0,
  }
}

/** Adds one input's two answers to the run: latency and failures per side, and the pair. */
function settleItem(run: PairedRun, item: Item): void {
  for (const role of ['baseline', 'candidate'] as const) {
    const a = item[role]
    if (a?.latencyMs !== undefined) addToSketch(run.latency[role], a.latencyMs)
    if (!a?.ok) run.failures[role]++
  }
  if (!item.baseline?.ok || !item.candidate?.ok) return
  run.pairs++
  run.sides.baseline.addRecords([], [item.baseline.output])
  run.sides.candidate.addRecords([], [item.candidate.output])
  for (const f of run.fields)
    addPair(
      f,
      valueAtPath(item.baseline.output, f.path),
      valueAtPath(item.candidate.output, f.path),
    )
}

/**
 * Sends each input to the model(s) given by URL (in chunks of `concurrency × 4`; the first
 * input alone, so a model on another protocol stops the run at once) and settles each pair.
 */
async function pairAnswers(contract: Contract, options: CompareOptions): Promise<PairedRun> {
  const transport = {
    timeoutMs: options.timeoutMs ?? 10_000,
    concurrency: options.concurrency ?? 8,
  }
  const senderOf = (role: Role): ReturnType<typeof createSender> | undefined => {
    const side = options[role]
    return side.kind === 'url' ? createSender(contract, side.url, role, transport) : undefined
  }
  const senders = { baseline: senderOf('baseline'), candidate: senderOf('candidate') }
  const run: PairedRun = {
    fields: schemaFields(contract.output).map(newPaired),
    sides: { baseline: createSummariser(contract), candidate: createSummariser(contract) },
    latency: { baseline: newSketch(), candidate: newSketch() },
    failures: { baseline: 0, candidate: 0 },
    unpaired: { count: 0 },
    pairs: 0,
  }
  try {
    let chunk: Item[] = []
    const flush = async (): Promise<void> => {
      await Promise.all(
        chunk.map(async (item) => {
          if (!item.baseline && senders.baseline)
            item.baseline = await senders.baseline.send(item.input)
          if (!item.candidate && senders.candidate)
            item.candidate = await senders.candidate.send(item.input)
        }),
      )
      for (const item of chunk) settleItem(run, item)
      chunk = []
    }
    let first = true
    for await (const item of items(contract, options, run.unpaired)) {
      chunk.push(item)
      if (first || chunk.length >= transport.concurrency * 4) await flush()
      first = false
    }
    await flush()
  } finally {
    senders.baseline?.close()
    senders.candidate?.close()
  }
  return run
}

/** One field's comparison: its drift between the sides, and its paired measures. */
function compareField(
  p: Paired,
  sides: PairedRun['sides'],
  all: CompareThresholds,
): FieldComparison {
  // Compare judges PSI only when a threshold is set: the paired measures come first.
  const thresholds = forField(all, p.pointer)
  const b = sides.baseline.summary.outputs[p.pointer]
  const c = sides.candidate.summary.outputs[p.pointer]
  const empty =
    p.kind === 'number'
      ? { kind: 'number' as const, missing: 0, sketch: newSketch() }
      : { kind: 'category' as const, missing: 0, counts: {}, other: 0 }
  const { side: _side, ...drift } = fieldDrift('output', p.pointer, b ?? empty, c ?? empty, {
    ...thresholds,
    maxPsi: thresholds.maxPsi ?? Infinity,
  })
  const reasons: string[] = []
  const extra: Partial<FieldComparison> =
    p.pairs === 0
      ? {}
      : p.kind === 'category'
        ? categoryMeasures(p, thresholds, reasons)
        : numberMeasures(p, thresholds, reasons)
  const status = reasons.length > 0 ? 'failed' : drift.status
  return { ...drift, ...extra, pairs: p.pairs, status, reasons: [...drift.reasons, ...reasons] }
}

/** A label's agreement rate and confusion matrix, with the reason when agreement is too low. */
function categoryMeasures(
  p: Paired,
  thresholds: CompareThresholds,
  reasons: string[],
): Partial<FieldComparison> {
  const agreement = p.agree / p.pairs
  if (thresholds.minAgreement !== undefined && agreement < thresholds.minAgreement)
    reasons.push(`agreement ${agreement.toFixed(4)} is below ${thresholds.minAgreement}`)
  return { agreement, confusion: confusionOf(p) }
}

/** A number's mean and largest absolute difference and correlation, with the reasons they fail. */
function numberMeasures(
  p: Paired,
  thresholds: CompareThresholds,
  reasons: string[],
): Partial<FieldComparison> {
  const n = p.pairs
  const meanAbsDiff = p.sumAbs / n
  const vx = p.sxx - (p.sx * p.sx) / n
  const vy = p.syy - (p.sy * p.sy) / n
  const cov = p.sxy - (p.sx * p.sy) / n
  const correlation = vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : vx === 0 && vy === 0 ? 1 : 0
  if (thresholds.maxMeanAbsDiff !== undefined && meanAbsDiff > thresholds.maxMeanAbsDiff)
    reasons.push(
      `mean absolute difference ${meanAbsDiff.toPrecision(4)} is above ${thresholds.maxMeanAbsDiff}`,
    )
  if (thresholds.maxAbsDiff !== undefined && p.maxAbs > thresholds.maxAbsDiff)
    reasons.push(
      `largest absolute difference ${p.maxAbs.toPrecision(4)} is above ${thresholds.maxAbsDiff}`,
    )
  if (thresholds.minCorrelation !== undefined && correlation < thresholds.minCorrelation)
    reasons.push(`correlation ${correlation.toFixed(4)} is below ${thresholds.minCorrelation}`)
  return { meanAbsDiff, maxAbsDiff: p.maxAbs, correlation }
}
