import fc from 'fast-check'
import { expect, it } from 'vitest'
import { canonicalJson, seedFor } from '../../src/generate/index.js'
import { hashString } from '../../src/generate/rng.js'

// Printed so any failure can be replayed: STANDIN_SEED=<seed> npx vitest run <this file>.
const seed = Number(process.env.STANDIN_SEED ?? Date.now() % 1_000_000)
console.log(`fast-check seed for test/generate/canonical-json.test.ts: ${seed}`)

/** The reference: the straightforward map/join writer standin used before it was tuned. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`
  const record = value as Record<string, unknown>
  return `{${Object.keys(record)
    .sort()
    .filter((k) => record[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${reference(record[k])}`)
    .join(',')}}`
}

/** The same value with every object's keys written in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.keys(value)
      .reverse()
      .map((k) => [k, reversed((value as Record<string, unknown>)[k])]),
  )
}

it('writes any JSON value with sorted keys, parseable back to it, whatever the key order', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
      const text = canonicalJson(value)
      expect(text).toBe(reference(value))
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)))
      expect(canonicalJson(reversed(value))).toBe(text)
      expect(seedFor(3, reversed(value))).toBe(seedFor(3, value))
    }),
    { seed, numRuns: 500 },
  )
})

it('seeds from the hash of the canonical text without writing it: the same number for any value', () => {
  // Strings of any UTF-16 code units (quotes, backslashes, control characters, lone surrogates:
  // the ones JSON.stringify escapes), keys included, numbers of every kind, and undefined entries.
  const text = fc.string({ unit: 'binary', maxLength: 12 })
  const leaf = fc.oneof(
    text,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
  )
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 4 }),
    object: fc.dictionary(text, tie('value'), { maxKeys: 4 }),
  }))
  fc.assert(
    fc.property(fc.integer(), value, (runSeed, v) => {
      expect(seedFor(runSeed, v)).toBe(hashString(canonicalJson(v), hashString(`seed:${runSeed}`)))
    }),
    { seed, numRuns: 2000 },
  )
})
