/**
 * The if/then "discriminator" (`kind: { enum }` and one `if: { properties: { kind: { const } } }`
 * per kind in allOf): each `if` is a choice, and choices an earlier one decides are left out
 * (src/generate/decided-options.ts). Compiling it took 2^N steps (10 kinds ran past the 10 s
 * budget). Every value must stay valid, the same seed must give the same values, and a schema
 * with a value must never be refused, whatever the tests, the facts around them and the types.
 */
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { createAjv } from '../../src/contract/index.js'
import { UnsatisfiableSchemaError, compileGenerator, createRng } from '../../src/generate/index.js'

function discriminator(kinds: number, required: boolean): Record<string, unknown> {
  const names = Array.from({ length: kinds }, (_, i) => `k${i}`)
  return {
    type: 'object',
    ...(required ? { required: ['kind'] } : {}),
    properties: {
      kind: { enum: names },
      ...Object.fromEntries(names.map((k) => [`${k}_url`, { type: 'string' }])),
    },
    allOf: names.map((k) => ({
      if: { properties: { kind: { const: k } } },
      then: { required: [`${k}_url`] },
    })),
  }
}

it('compiles a discriminator of 16 kinds in well under the budget, and draws valid values', () => {
  const ajv = createAjv('2020-12', {})
  for (const required of [true, false]) {
    const schema = discriminator(16, required)
    const started = performance.now()
    const generate = compileGenerator(schema, { draft: '2020-12' })
    // Measured: 0.2 s (required kind) and 2.2 s (optional kind) here; refused at 10 s before.
    expect(performance.now() - started).toBeLessThan(5_000)
    const validate = ajv.compile(schema)
    const rng = createRng(1)
    const kinds = new Set<unknown>()
    for (let i = 0; i < 100; i++) {
      const value = generate(rng) as { kind?: unknown }
      expect(validate(value)).toBe(true)
      kinds.add(value.kind)
    }
    expect(kinds.size).toBeGreaterThan(4)
  }
})

// Printed so any failure can be replayed: fc.assert(..., { seed }).
const seed = Number(process.env.STANDIN_PROPERTY_SEED ?? Date.now() % 1_000_000_000)
console.log(`property seed: ${seed} (replay with STANDIN_PROPERTY_SEED=${seed})`)

const value = fc.constantFrom('a', 'b', 'c', 1, null)
const test = fc.record(
  {
    values: fc.uniqueArray(value, { minLength: 1, maxLength: 2 }),
    requires: fc.boolean(),
    then: fc.constantFrom<unknown>(
      { required: ['x'] },
      { properties: { x: { minLength: 2 } } },
      { properties: { kind: { enum: ['a', 'b'] } } },
      false,
    ),
    else: fc.constantFrom<unknown>(undefined, { required: ['y'] }, false),
  },
  { requiredKeys: ['values', 'requires', 'then'] },
)

/** A random discriminator: its own facts on `kind`, and 1-5 tests of it (some with `else`). */
const schemas = fc
  .record({
    type: fc.constantFrom<unknown>('object', undefined, ['object', 'string']),
    required: fc.boolean(),
    kinds: fc.uniqueArray(value, { minLength: 1, maxLength: 4 }),
    tests: fc.array(test, { minLength: 1, maxLength: 5 }),
  })
  .map((s) => ({
    ...(s.type !== undefined ? { type: s.type } : {}),
    ...(s.required ? { required: ['kind'] } : {}),
    properties: {
      kind: { enum: s.kinds },
      x: { type: 'string' },
      y: { type: 'boolean' },
    },
    allOf: s.tests.map((t) => ({
      if: {
        properties: { kind: t.values.length === 1 ? { const: t.values[0] } : { enum: t.values } },
        ...(t.requires ? { required: ['kind'] } : {}),
      },
      then: t.then,
      ...(t.else !== undefined ? { else: t.else } : {}),
    })),
  }))

it('draws only valid values from any discriminator, the same for the same seed, and refuses none that has a value', () => {
  const ajv = createAjv('2020-12', {})
  fc.assert(
    fc.property(schemas, (schema) => {
      const validate = ajv.compile(schema)
      let generate
      try {
        generate = compileGenerator(schema, { draft: '2020-12' })
      } catch (error) {
        if (!(error instanceof UnsatisfiableSchemaError)) throw error
        // Refused: only when no object that carries the kind fits. (One that fits only without
        // it, as when a `then` contradicts the kinds, the generator does not look for, as before.)
        const tried = ['a', 'b', 'c', 1, null].flatMap((kind) =>
          [{}, { x: 'xy' }, { y: true }, { x: 'xy', y: true }].map((v) => ({ ...v, kind })),
        )
        expect(tried.filter((v) => validate(v))).toEqual([])
        return
      }
      const again = compileGenerator(schema, { draft: '2020-12' })
      const rng = createRng(seed)
      const twin = createRng(seed)
      for (let i = 0; i < 20; i++) {
        const drawn = generate(rng)
        expect(validate(drawn)).toBe(true)
        expect(again(twin)).toEqual(drawn)
      }
    }),
    { seed, numRuns: 150 },
  )
})
