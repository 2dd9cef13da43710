/**
 * Builds and merges `TrafficSummary`s. Fields come from the contract's schemas when one is given
 * (numbers and closed categories — enums, booleans — on both sides), else from the
 * records themselves (every scalar leaf, up to 100 fields a side).
 */
import type { Contract } from '../contract/index.js'
import { StandinError } from '../errors.js'
import { escapeToken, isObject, parsePointer, valueAtPath } from '../json/index.js'
import { schemaFields } from '../recording/index.js'
import type { RecordedContract, RecordedExchange } from '../recording/index.js'
import { addToSketch, mergeSketch, newSketch } from '../sketch.js'
import type { FieldSummary, TrafficSummary } from './summary-types.js'
import { maxCategories } from './summary-types.js'

/** A field to read from each record. */
interface FieldReader {
  readonly pointer: string
  readonly kind: 'number' | 'category'
  readonly path: readonly string[]
}

const maxInferred = 100

// Free text (a narration, an echoed request id) has no distribution to compare: only numbers
// and closed categories (enums, booleans) are summarised when the contract is known.
function readers(schema: unknown): FieldReader[] {
  return schemaFields(schema)
    .filter((f) => f.kind === 'number' || !f.freeText)
    .map((f) => ({ pointer: f.pointer, kind: f.kind, path: parsePointer(f.pointer) ?? [] }))
}

/** Scalar leaves of a record (objects followed, arrays not). */
function inferReaders(record: unknown, known: Map<string, FieldReader>): void {
  const walk = (value: unknown, pointer: string, path: string[], depth: number): void => {
    if (known.size >= maxInferred || depth > 6) return
    if (isObject(value)) {
      for (const key of Object.keys(value))
        walk(value[key], `${pointer}/${escapeToken(key)}`, [...path, key], depth + 1)
      return
    }
    if (pointer === '' || known.has(pointer)) return
    if (typeof value === 'number') known.set(pointer, { pointer, kind: 'number', path })
    else if (typeof value === 'string' || typeof value === 'boolean')
      known.set(pointer, { pointer, kind: 'category', path })
  }
  walk(record, '', [], 0)
}

function emptyField(kind: 'number' | 'category'): FieldSummary {
  return kind === 'number'
    ? { kind, missing: 0, sketch: newSketch() }
    : { kind, missing: 0, counts: {}, other: 0 }
}

function addValue(field: FieldSummary, value: unknown): void {
  if (field.kind === 'number') {
    if (typeof value === 'number' && Number.isFinite(value)) addToSketch(field.sketch, value)
    else field.missing++
    return
  }
  if (value === undefined || value === null || typeof value === 'object') {
    field.missing++
    return
  }
  const key = typeof value === 'string' ? value : JSON.stringify(value)
  if (Object.hasOwn(field.counts, key)) field.counts[key] = (field.counts[key] ?? 0) + 1
  else if (Object.keys(field.counts).length < maxCategories)
    Object.defineProperty(field.counts, key, {
      value: 1,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  else field.other++
}

/** An empty summary. */
export function emptySummary(contract?: RecordedContract): TrafficSummary {
  return {
    standin: 'summary',
    format: 1,
    ...(contract ? { contract } : {}),
    sources: [],
    exchanges: 0,
    records: 0,
    outcomes: {},
    statuses: {},
    failures: 0,
    violations: { total: 0, exchanges: 0, byPointer: {} },
    latency: newSketch(),
    inputs: {},
    outputs: {},
    skippedLines: 0,
  }
}

/** Adds exchanges (or bare records) to one summary. */
export interface Summariser {
  readonly summary: TrafficSummary
  /** Adds one recorded exchange. */
  readonly addExchange: (exchange: RecordedExchange) => void
  /** Adds input and output records (a verify report's cases), with a latency when known. */
  readonly addRecords: (
    inputs: readonly unknown[],
    outputs: readonly unknown[] | undefined,
    latencyMs?: number,
  ) => void
}

function bump(table: Record<string, number>, key: string, by = 1): void {
  if (Object.hasOwn(table, key)) table[key] = (table[key] ?? 0) + by
  else
    Object.defineProperty(table, key, {
      value: by,
      enumerable: true,
      writable: true,
      configurable: true,
    })
}

/**
 * A summariser for `contract` (its fields from the schemas), or for whatever fields the records
 * have when no contract is given.
 *
 * @example
 * const s = createSummariser(contract)
 * for await (const { exchange } of readRecording(file)) s.addExchange(exchange)
 * s.summary.latency
 */
export function createSummariser(contract?: Contract, summary?: TrafficSummary): Summariser {
  const recorded = contract
    ? { name: contract.name, version: contract.version, protocol: contract.protocol }
    : undefined
  const out = summary ?? emptySummary(recorded)
  const fixed = contract
    ? { input: readers(contract.input), output: readers(contract.output) }
    : undefined
  const inferred = { input: new Map<string, FieldReader>(), output: new Map<string, FieldReader>() }
  const addSide = (side: 'input' | 'output', record: unknown): void => {
    let list: Iterable<FieldReader>
    if (fixed) list = fixed[side]
    else {
      inferReaders(record, inferred[side])
      list = inferred[side].values()
    }
    const target = side === 'input' ? out.inputs : out.outputs
    for (const reader of list) {
      let field = Object.hasOwn(target, reader.pointer) ? target[reader.pointer] : undefined
      if (!field) {
        field = emptyField(reader.kind)
        Object.defineProperty(target, reader.pointer, {
          value: field,
          enumerable: true,
          writable: true,
          configurable: true,
        })
      }
      addValue(field, valueAtPath(record, reader.path))
    }
  }
  const addRecords = (
    inputs: readonly unknown[],
    outputs: readonly unknown[] | undefined,
    latencyMs?: number,
  ): void => {
    out.records += inputs.length
    for (const input of inputs) addSide('input', input)
    for (const output of outputs ?? []) addSide('output', output)
    if (latencyMs !== undefined) addToSketch(out.latency, latencyMs)
  }
  const addExchange = (e: RecordedExchange): void => {
    out.exchanges++
    bump(out.outcomes, e.outcome)
    if (e.status !== undefined && e.outcome === 'answered') bump(out.statuses, String(e.status))
    if (e.outcome !== 'answered' || e.status === undefined || e.status < 200 || e.status > 299)
      out.failures++
    if (e.violations.length > 0) {
      out.violations.exchanges++
      out.violations.total += e.violations.length
      for (const v of e.violations) bump(out.violations.byPointer, `${v.side}#${v.pointer}`)
    }
    if (typeof e.time === 'string') {
      if (out.first === undefined || e.time < out.first) out.first = e.time
      if (out.last === undefined || e.time > out.last) out.last = e.time
    }
    addRecords(e.inputs ?? [], e.outcome === 'answered' ? e.outputs : undefined, e.latencyMs)
  }
  return { summary: out, addExchange, addRecords }
}

function mergeFields(into: Record<string, FieldSummary>, from: Record<string, FieldSummary>): void {
  for (const [pointer, field] of Object.entries(from)) {
    const have = Object.hasOwn(into, pointer) ? into[pointer] : undefined
    if (!have) {
      Object.defineProperty(into, pointer, {
        value: structuredClone(field),
        enumerable: true,
        writable: true,
        configurable: true,
      })
      continue
    }
    have.missing += field.missing
    if (have.kind === 'number' && field.kind === 'number') mergeSketch(have.sketch, field.sketch)
    else if (have.kind === 'category' && field.kind === 'category') {
      for (const [k, n] of Object.entries(field.counts)) {
        if (Object.hasOwn(have.counts, k) || Object.keys(have.counts).length < maxCategories)
          bump(have.counts, k, n)
        else have.other += n
      }
      have.other += field.other
    }
  }
}

/**
 * Adds summary `from` into `into`.
 *
 * @throws {StandinError} `summary.other-contract` when they are of different contracts.
 */
export function mergeSummary(into: TrafficSummary, from: TrafficSummary, fromName: string): void {
  if (
    into.contract &&
    from.contract &&
    (into.contract.name !== from.contract.name || into.contract.protocol !== from.contract.protocol)
  )
    throw new StandinError(
      'summary.other-contract',
      `${fromName}: summarises ${from.contract.name} (${from.contract.protocol}), not ${into.contract.name} (${into.contract.protocol}). Merge summaries of one contract.`,
    )
  if (!into.contract && from.contract) into.contract = from.contract
  into.sources.push(...from.sources)
  into.exchanges += from.exchanges
  into.records += from.records
  for (const [k, n] of Object.entries(from.outcomes)) bump(into.outcomes, k, n)
  for (const [k, n] of Object.entries(from.statuses)) bump(into.statuses, k, n)
  into.failures += from.failures
  into.violations.total += from.violations.total
  into.violations.exchanges += from.violations.exchanges
  for (const [k, n] of Object.entries(from.violations.byPointer))
    bump(into.violations.byPointer, k, n)
  mergeSketch(into.latency, from.latency)
  mergeFields(into.inputs, from.inputs)
  mergeFields(into.outputs, from.outputs)
  into.skippedLines += from.skippedLines
  if (from.first !== undefined && (into.first === undefined || from.first < into.first))
    into.first = from.first
  if (from.last !== undefined && (into.last === undefined || from.last > into.last))
    into.last = from.last
}
