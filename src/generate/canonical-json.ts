import { hashString } from './rng.js'

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
  for (const key of Object.keys(record).sort()) {
    const item = record[key]
    if (item === undefined) continue
    out += (out.length === 1 ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(item)
  }
  return out + '}'
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
  return hashString(canonicalJson(value), hashString(`seed:${seed}`))
}
