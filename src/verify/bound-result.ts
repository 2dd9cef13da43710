/**
 * Bounded copies of what a model sent, so a run against a model that answers megabytes (or
 * nests thousands deep, in-process) keeps little in memory and writes reports of a sane size:
 * a body or outputs over `keptChars` of JSON are dropped, with the first characters kept as text.
 * Between sending and judging, large outputs are cut down to the values the checks read.
 */
import { parsePointer, resolvePointer, setOwn } from '../json/index.js'
import type { Contract } from '../contract/index.js'
import type { CaseSpec } from './case-spec.js'
import type { CaseResult, Exchange } from './result-types.js'

/** Most characters of JSON kept per body or per case's outputs. */
export const keptChars = 64 * 1024
/** Characters shown of a body that is not kept. */
const shownChars = 2000

/** The JSON text of `value`, or undefined when it cannot be written (too deep, cyclic, BigInt). */
function jsonText(value: unknown): string | undefined {
  try {
    return JSON.stringify(value)
  } catch {
    return undefined
  }
}

/**
 * True when the JSON text of `value` is surely longer than `limit`: a lower bound of its length
 * is summed without writing it, stopping as soon as it passes the limit. Writing a megabyte
 * answer only to learn that it is too large to keep cost more than decoding it.
 */
export function surelyLonger(value: unknown, limit: number): boolean {
  let length = 0
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const item = stack.pop()
    if (typeof item === 'string') length += item.length + 2
    else if (typeof item === 'number' || typeof item === 'boolean') length += 1
    else if (item === null) length += 4
    else if (Array.isArray(item)) {
      length += item.length + 1
      if (length > limit) return true
      for (const inner of item as unknown[]) stack.push(inner)
    } else if (typeof item === 'object') {
      const keys = Object.keys(item)
      length += 2 + keys.length * 4
      if (length > limit) return true
      for (const key of keys) {
        length += key.length
        stack.push((item as Record<string, unknown>)[key])
      }
    }
    if (length > limit) return true
  }
  return false
}

/** The JSON text of `value` when it is at most `keptChars` long and can be written. */
function keptText(value: unknown): string | undefined {
  if (surelyLonger(value, keptChars)) return undefined
  const text = jsonText(value)
  return text !== undefined && text.length <= keptChars ? text : undefined
}

/** A string of its own (not a view pinning a larger one). */
function copyOf(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8')
}

/** Deeper than this within the shown characters, a body is described, not shown. */
const shownDepth = 512

type Frame =
  | { readonly open: 'array'; readonly items: readonly unknown[]; i: number }
  | { readonly open: 'object'; readonly entries: [string, unknown][]; i: number }

/**
 * The first `max` characters of the JSON text of `value`, written only as far as needed (the
 * text of a megabyte answer is never made whole), or undefined when it nests deeper than
 * `shownDepth` within them or holds what JSON cannot write.
 */
export function jsonPrefix(value: unknown, max: number): string | undefined {
  let out = ''
  const frames: Frame[] = []
  const write = (item: unknown): boolean => {
    if (Array.isArray(item)) {
      out += '['
      frames.push({ open: 'array', items: item as unknown[], i: 0 })
    } else if (item !== null && typeof item === 'object') {
      out += '{'
      const entries = Object.entries(item).filter(
        ([, v]) => v !== undefined && typeof v !== 'function',
      )
      frames.push({ open: 'object', entries, i: 0 })
    } else if (typeof item === 'string')
      out += JSON.stringify(item.length > max ? item.slice(0, max) : item)
    else if (typeof item === 'bigint' || typeof item === 'symbol') return false
    else out += JSON.stringify(item) ?? 'null'
    return frames.length <= shownDepth
  }
  if (!write(value)) return undefined
  while (frames.length > 0 && out.length < max) {
    const frame = frames[frames.length - 1] as Frame
    if (frame.open === 'array') {
      if (frame.i >= frame.items.length) {
        out += ']'
        frames.pop()
        continue
      }
      if (frame.i > 0) out += ','
      if (!write(frame.items[frame.i++])) return undefined
    } else {
      if (frame.i >= frame.entries.length) {
        out += '}'
        frames.pop()
        continue
      }
      const [key, inner] = frame.entries[frame.i++] as [string, unknown]
      out += `${frame.i > 1 ? ',' : ''}${JSON.stringify(key)}:`
      if (!write(inner)) return undefined
    }
  }
  return out.slice(0, max)
}

/** The exchange with a large or unwritable body replaced by its first characters. */
export function boundExchange(exchange: Exchange): Exchange {
  if (exchange.kind !== 'answered' || exchange.body === undefined) return exchange
  if (keptText(exchange.body) !== undefined) return exchange
  const text = jsonPrefix(exchange.body, shownChars)
  const { body: _dropped, ...rest } = exchange
  return text === undefined
    ? {
        ...rest,
        text: '',
        bodyProblem: exchange.bodyProblem ?? 'the answer nests too deep to show',
      }
    : { ...rest, text: copyOf(text) }
}

/** Outputs cut down to what the checks read: judged, never reported. */
const cutDown = new WeakSet<readonly unknown[]>()

/** The output pointers that the contract's distribution and behaviour checks read. */
function checkedPaths(contract: Contract): string[] {
  const { distribution = [], invariance = [], directional = [] } = contract.checks
  return [
    ...distribution.map((d) => d.path),
    ...[...invariance, ...directional].map((b) => b.expect.path),
  ]
}

/** `value` placed at `pointer` in `into`, creating the objects on the way. */
function place(into: Record<string, unknown>, pointer: string, value: unknown): void {
  const tokens = parsePointer(pointer)
  if (!tokens || tokens.length === 0) return
  let at: Record<string, unknown> = into
  for (const token of tokens.slice(0, -1)) {
    const next = Object.hasOwn(at, token) ? at[token] : undefined
    if (next === null || typeof next !== 'object') {
      const made: Record<string, unknown> = {}
      setOwn(at, token, made)
      at = made
    } else at = next as Record<string, unknown>
  }
  setOwn(at, tokens[tokens.length - 1] as string, value)
}

/**
 * `actual` cut down to what the examples check compares with `expected` (see matchPartial):
 * the keys the example gives, arrays item by item when their lengths agree, and otherwise the
 * length or the first characters, which is all a mismatch message shows.
 */
export function likeExpected(expected: unknown, actual: unknown): unknown {
  if (actual === null || typeof actual !== 'object') return actual
  if (Array.isArray(expected) && Array.isArray(actual))
    return actual.length === expected.length
      ? actual.map((item: unknown, i) => likeExpected(expected[i], item))
      : new Array<unknown>(actual.length)
  const isRecord = expected !== null && typeof expected === 'object' && !Array.isArray(expected)
  if (isRecord && !Array.isArray(actual)) {
    const kept: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(expected))
      if (Object.hasOwn(actual, key))
        setOwn(kept, key, likeExpected(value, (actual as Record<string, unknown>)[key]))
    return kept
  }
  return surelyLonger(actual, shownMismatch) ? pruned(actual, { left: shownMismatch }) : actual
}

/** Characters of JSON a mismatch message can show of a value (matchPartial shows 80). */
const shownMismatch = 300

/**
 * A copy of `value` whose JSON text begins with the same `budget.left` characters as the
 * value's own: items and keys are taken in order until that many are written, long strings
 * are cut.
 */
function pruned(value: unknown, budget: { left: number }): unknown {
  if (typeof value === 'string') {
    budget.left -= value.length + 2
    return value.length > shownMismatch ? value.slice(0, shownMismatch) : value
  }
  if (value === null || typeof value !== 'object') {
    budget.left -= (JSON.stringify(value) ?? 'null').length
    return value
  }
  budget.left -= 1
  if (Array.isArray(value)) {
    const copy: unknown[] = []
    for (const item of value as unknown[]) {
      if (budget.left <= 0) break
      copy.push(pruned(item, budget))
      budget.left -= 1
    }
    return copy
  }
  const copy: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) {
    if (budget.left <= 0) break
    if (inner === undefined || typeof inner === 'function') continue
    budget.left -= JSON.stringify(key).length + 2
    setOwn(copy, key, pruned(inner, budget))
  }
  return copy
}

/**
 * The case's outputs, cut down when their JSON is over `keptChars`, so a run of a hundred
 * answers just under the answer cap does not hold them all until judging: the first output
 * keeps only the values at the paths the distribution and behaviour checks read, and, for an
 * example case, what the examples check compares.
 */
export function boundOutputs(contract: Contract, spec: CaseSpec, result: CaseResult): CaseResult {
  const outputs = result.outputs
  if (outputs === undefined) return result
  if (keptText(outputs) !== undefined) return result
  const first = outputs[0]
  let kept: unknown = first
  if (first !== null && typeof first === 'object') {
    // An example case may also be the base of a behaviour pair: it keeps both.
    const root = (
      spec.example !== undefined
        ? likeExpected(spec.example.output, first)
        : Array.isArray(first)
          ? []
          : {}
    ) as Record<string, unknown>
    if (root !== null && typeof root === 'object')
      for (const path of checkedPaths(contract)) {
        const at = resolvePointer(first, path)
        if (at.found) place(root, path, at.value)
      }
    kept = root
  }
  const cut = [kept]
  cutDown.add(cut)
  return { ...result, outputs: cut }
}

/** The case with its exchange bounded, and its outputs dropped when they are too large to keep. */
export function boundCase(result: CaseResult): CaseResult {
  const exchange = boundExchange(result.exchange)
  let outputs = result.outputs
  if (outputs !== undefined && cutDown.has(outputs)) outputs = undefined
  else if (outputs !== undefined) {
    if (keptText(outputs) === undefined) outputs = undefined
  }
  if (exchange === result.exchange && outputs === result.outputs) return result
  const { outputs: _o, ...rest } = result
  return { ...rest, exchange, ...(outputs !== undefined ? { outputs } : {}) }
}
