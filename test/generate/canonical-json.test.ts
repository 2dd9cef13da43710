import fc from 'fast-check'
import { expect, it } from 'vitest'
import { canonicalJson, seedFor } from '../../src/generate/index.js'

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
