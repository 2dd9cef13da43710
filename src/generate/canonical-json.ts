import { avalanche, fnv1a, hashString } from './rng.js'

/**
 * JSON with object keys sorted at every level and no whitespace: two equal values always give
 * the same text, whatever order their keys were written in. `undefined` object entries are
 * dropped as `JSON.stringify` does.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, { d: null, c: 'x' }] }) // '{"a":[true,{"c":"x","d":null}],"b":1}'
 *
 * @throws never: values JSON cannot represent (functions, symbols) are written as `null`.
 */
export function canonicalJson(value: unknown): string {
  // Built by concatenation, not map/join: this runs on every request the stand-in answers.
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value) as string | undefined
    return text ?? 'null'
  }
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i])
    return out + ']'
  }
  const record = value as Record<string, unknown>
  let out = '{'
  for (const key of sortedKeys(record)) {
    const item = record[key]
    if (item === undefined) continue
    out += (out.length === 1 ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(item)
  }
  return out + '}'
}

/** A key list seen lately and its sorted order. */
interface Shape {
  readonly keys: readonly string[]
  readonly sorted: readonly string[]
}

/**
 * The last few key lists, newest first: the requests to one model have a handful of shapes, and
 * comparing a list with one seen before (its keys are the same interned strings) is cheaper than
 * sorting it again. Only short lists of short keys are kept, so the cache stays small whatever
 * the bodies hold.
 */
const shapes: Shape[] = []
const shapesKept = 8

/** The own enumerable keys of `record`, sorted as `Array.prototype.sort` sorts strings. */
function sortedKeys(record: Record<string, unknown>): readonly string[] {
  const keys = Object.keys(record)
  next: for (const shape of shapes) {
    const known = shape.keys
    if (known.length !== keys.length) continue
    for (let i = 0; i < keys.length; i++) if (known[i] !== keys[i]) continue next
    return shape.sorted
  }
  const sorted = keys.slice().sort()
  if (keys.length <= 64 && keys.every((key) => key.length <= 64)) {
    if (shapes.length === shapesKept) shapes.pop()
    shapes.unshift({ keys, sorted })
  }
  return sorted
}

/**
 * The seed for one value: a hash of the run's seed and the value's canonical JSON. The same seed
 * and an equal input give the same number in any process, in any order.
 *
 * @example
 * seedFor(7, { a: 1, b: 2 }) === seedFor(7, { b: 2, a: 1 }) // true
 *
 * @throws never
 */
export function seedFor(seed: number, value: unknown): number {
  return avalanche(feedCanonical(hashString(`seed:${seed}`), value))
}

/**
 * FNV-1a state after a string written as JSON: hashed as it stands between quotes in one pass,
 * and written out by JSON.stringify only when a character needs an escape (a control character,
 * a quote, a backslash, a surrogate).
 */
function feedString(h: number, text: string): number {
  let g = Math.imul(h ^ 0x22, 0x01000193)
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff))
      return fnv1a(h, JSON.stringify(text))
    g = Math.imul(g ^ c, 0x01000193)
  }
  return Math.imul(g ^ 0x22, 0x01000193)
}

/** FNV-1a state after one character code. */
function feedChar(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193)
}

/**
 * The FNV-1a state `h` after the characters of `canonicalJson(value)`, without writing the text:
 * the hash every stand-in answer is seeded with, so it runs on every request. A property test
 * holds it to `fnv1a(h, canonicalJson(value))` for any JSON value.
 */
function feedCanonical(h: number, value: unknown): number {
  if (typeof value === 'string') return feedString(h, value)
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value) as string | undefined
    return fnv1a(h, text ?? 'null')
  }
  if (Array.isArray(value)) {
    h = feedChar(h, 0x5b)
    for (let i = 0; i < value.length; i++) {
      if (i > 0) h = feedChar(h, 0x2c)
      h = feedCanonical(h, value[i])
    }
    return feedChar(h, 0x5d)
  }
  const record = value as Record<string, unknown>
  h = feedChar(h, 0x7b)
  let first = true
  for (const key of sortedKeys(record)) {
    const item = record[key]
    if (item === undefined) continue
    if (!first) h = feedChar(h, 0x2c)
    first = false
    h = feedChar(feedString(h, key), 0x3a)
    h = feedCanonical(h, item)
  }
  return feedChar(h, 0x7d)
}
