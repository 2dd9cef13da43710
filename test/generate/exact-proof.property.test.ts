import fc from 'fast-check'
import { expect, it } from 'vitest'
import { createAjv } from '../../src/contract/index.js'
import { UnsatisfiableSchemaError, compileGenerator, createRng } from '../../src/generate/index.js'
import { isProvenExact } from '../../src/generate/compile-generator.js'

/**
 * The proof behind skipping the whole-value check (src/generate/exact-proof.ts) is sound: random
 * schemas built from the keywords it proves (types, enum, const, bounds in both exclusive styles,
 * lengths, patterns, the formats it proves, items with counts, properties/required/
 * additionalProperties, anyOf/oneOf, $ref, and the sumTo, argmaxOf, maxOf and lte hints), and some it
 * does not (multipleOf, uniqueItems, not), drawn from; every value of a proven generator is valid
 * by a separate ajv, and most generators are proven (the test is not vacuous).
 */
type Schema = boolean | Record<string, unknown>
const NAMES = ['id', 'name', 'email', 'score', 'value', 'lower', 'label', 'text', 'scores']
const bound = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  fc.double({ min: -5, max: 5, noNaN: true }),
)
const number: fc.Arbitrary<Schema> = fc.record(
  {
    type: fc.constantFrom('integer', 'number', ['number', 'null'], ['integer', 'string']),
    minimum: bound,
    maximum: bound,
    exclusiveMinimum: bound,
    exclusiveMaximum: bound,
    multipleOf: fc.constantFrom(1, 0.5, 0.1),
    'x-standin': fc.constantFrom({ lte: '/value' }, { lte: '/score' }, { maxOf: '/scores' }),
  },
  { requiredKeys: ['type'] },
)
const string: fc.Arbitrary<Schema> = fc.record(
  {
    type: fc.constant('string'),
    minLength: fc.integer({ min: 0, max: 8 }),
    maxLength: fc.integer({ min: 0, max: 30 }),
    pattern: fc.constantFrom('^[a-z]{2,6}$', '^v[0-9]+\\.[0-9]+$', 'x', '^$', '^(a|bb)*$'),
    format: fc.constantFrom('uuid', 'date-time', 'date', 'time', 'email', 'ipv4', 'uri'),
  },
  { requiredKeys: ['type'] },
)
const scalar = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom('a', 'bb', ''),
  fc.boolean(),
)
const leaf: fc.Arbitrary<Schema> = fc.oneof(
  number,
  number,
  string,
  fc.constantFrom<Schema>({ type: 'boolean' }, { type: 'null' }, true, { $ref: '#/$defs/shared' }),
  fc.array(scalar, { minLength: 1, maxLength: 4 }).map((e) => ({ enum: e })),
  fc.array(scalar, { minLength: 1, maxLength: 3 }).map((e) => ({
    type: 'string',
    enum: e,
    'x-standin': { argmaxOf: '/scores' },
  })),
  scalar.map((c) => ({ const: c })),
)
const { schema } = fc.letrec<{ schema: Schema; array: Schema; object: Schema; choice: Schema }>(
  (tie) => ({
    schema: fc.oneof(
      { depthSize: 'small' },
      leaf,
      leaf,
      tie('array'),
      tie('object'),
      tie('choice'),
    ),
    array: fc.record(
      {
        type: fc.constant('array'),
        items: tie('schema'),
        minItems: fc.integer({ min: 0, max: 3 }),
        maxItems: fc.integer({ min: 0, max: 6 }),
        uniqueItems: fc.constant(true),
      },
      { requiredKeys: ['type', 'items'] },
    ),
    object: fc.record(
      {
        type: fc.constant('object'),
        properties: fc.dictionary(fc.constantFrom(...NAMES), tie('schema'), { maxKeys: 4 }),
        required: fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 3 }),
        additionalProperties: fc.oneof(fc.boolean(), tie('schema')),
        'x-standin': fc.constant({ sumTo: 1 }),
      },
      { requiredKeys: ['type', 'properties'] },
    ),
    choice: fc.oneof(
      fc.array(tie('schema'), { minLength: 1, maxLength: 3 }).map((anyOf) => ({ anyOf })),
      fc.array(tie('schema'), { minLength: 1, maxLength: 3 }).map((oneOf) => ({ oneOf })),
      tie('schema').map((not) => ({ not })),
    ),
  }),
)

it('gives only valid values from every generator it proves exact, and proves most of these schemas', () => {
  const ajv = createAjv('2020-12')
  const judge = createAjv('2020-12')
  let proven = 0
  let compiled = 0
  const seed = Number(process.env.STANDIN_PROPERTY_SEED ?? Date.now() % 2147483647)
  console.log(`property seed: ${seed} (replay with STANDIN_PROPERTY_SEED=${seed})`)
  fc.assert(
    fc.property(schema, schema, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (body, shared, at) => {
      const s: Schema =
        typeof body === 'object'
          ? { ...body, $defs: { shared } }
          : { allOf: [body], $defs: { shared } }
      let validate
      try {
        validate = judge.compile(s as object)
      } catch {
        return true
      }
      let generate
      try {
        generate = compileGenerator(s, { ajv })
      } catch (error) {
        if (!(error instanceof UnsatisfiableSchemaError)) throw error
        return true
      }
      compiled++
      if (!isProvenExact(generate)) return true
      proven++
      const rng = createRng(at)
      for (let i = 0; i < 8; i++) {
        const value = generate(rng)
        if (!validate(value))
          throw new Error(
            `proven generator gave ${JSON.stringify(value)} for ${JSON.stringify(s)} (${JSON.stringify(validate.errors)})`,
          )
      }
      return true
    }),
    { numRuns: 1500, seed },
  )
  console.log(`${compiled} schemas compiled, ${proven} proven exact`)
  expect(proven).toBeGreaterThan(compiled * 0.3)
}, 180_000)
