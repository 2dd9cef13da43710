import fc from 'fast-check'
import { expect, it } from 'vitest'
import { createAjv } from '../../src/contract/index.js'
import { UnsatisfiableSchemaError, compileGenerator, createRng } from '../../src/generate/index.js'

/**
 * Schemas drawn at random from the keyword list of issue 3 (types and type arrays, enum, const,
 * numeric bounds in both exclusive styles, multipleOf, string lengths, patterns and formats,
 * arrays with items/prefixItems/contains/uniqueItems, objects with properties/required/
 * additionalProperties/patternProperties/propertyNames/dependentRequired/dependentSchemas,
 * allOf/anyOf/oneOf/not/if-then-else, $ref into $defs, boolean schemas). Every value the
 * generator returns must be valid by ajv; a schema it cannot serve must be refused at compile time.
 */

const PATTERNS = [
  '^[a-z]{2,6}$',
  '^[A-Z][0-9]{3}$',
  '^(red|green|blue)$',
  'x',
  '^\\d+(\\.\\d{1,2})?$',
]
const FORMATS = [
  'date',
  'date-time',
  'time',
  'email',
  'uuid',
  'uri',
  'hostname',
  'ipv4',
  'ipv6',
  'duration',
]
const NAMES = ['id', 'name', 'email', 'score', 'items', 'city', 'label', 'created_at']

type Schema = boolean | Record<string, unknown>

const scalarValue = fc.oneof(
  fc.integer({ min: -50, max: 50 }),
  fc.constantFrom('a', 'b', 'red', 'x1', ''),
  fc.boolean(),
  fc.constant(null),
  fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true }),
)

const numberSchema: fc.Arbitrary<Schema> = fc
  .record(
    {
      type: fc.constantFrom('integer', 'number', ['number', 'null']),
      minimum: fc.integer({ min: -100, max: 100 }),
      maximum: fc.integer({ min: -100, max: 200 }),
      exclusiveMinimum: fc.integer({ min: -100, max: 100 }),
      exclusiveMaximum: fc.integer({ min: -100, max: 200 }),
      multipleOf: fc.constantFrom(1, 2, 5, 0.5, 0.25, 0.01, 3),
    },
    { requiredKeys: ['type'] },
  )
  .map((s) => s as Schema)

const stringSchema: fc.Arbitrary<Schema> = fc
  .record(
    {
      type: fc.constantFrom('string', ['string', 'null']),
      minLength: fc.integer({ min: 0, max: 12 }),
      maxLength: fc.integer({ min: 0, max: 40 }),
      pattern: fc.constantFrom(...PATTERNS),
      format: fc.constantFrom(...FORMATS),
    },
    { requiredKeys: ['type'] },
  )
  .map((s) => s as Schema)

const leaf: fc.Arbitrary<Schema> = fc.oneof(
  numberSchema,
  stringSchema,
  fc.constantFrom<Schema>({ type: 'boolean' }, { type: 'null' }, true, {}, false),
  fc.array(scalarValue, { minLength: 1, maxLength: 4 }).map((values) => ({ enum: values })),
  scalarValue.map((value) => ({ const: value })),
)

const { schema } = fc.letrec<{ schema: Schema; array: Schema; object: Schema; combinator: Schema }>(
  (tie) => ({
    schema: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      leaf,
      tie('array'),
      tie('object'),
      tie('combinator'),
    ),
    array: fc
      .record(
        {
          type: fc.constant('array'),
          items: tie('schema'),
          prefixItems: fc.array(tie('schema'), { minLength: 1, maxLength: 2 }),
          minItems: fc.integer({ min: 0, max: 4 }),
          maxItems: fc.integer({ min: 0, max: 8 }),
          uniqueItems: fc.boolean(),
          contains: tie('schema'),
          minContains: fc.integer({ min: 0, max: 2 }),
          maxContains: fc.integer({ min: 1, max: 3 }),
        },
        { requiredKeys: ['type'] },
      )
      .map((s) => s as Schema),
    object: fc
      .record(
        {
          type: fc.constant('object'),
          properties: fc.dictionary(fc.constantFrom(...NAMES), tie('schema'), { maxKeys: 4 }),
          required: fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 3 }),
          additionalProperties: fc.oneof(fc.boolean(), tie('schema')),
          patternProperties: fc.constant({ '^x_': { type: 'integer' } }),
          propertyNames: fc.constant({ maxLength: 12 }),
          minProperties: fc.integer({ min: 0, max: 3 }),
          maxProperties: fc.integer({ min: 1, max: 6 }),
          dependentRequired: fc.constant({ id: ['name'] }),
          dependentSchemas: fc.constant({ score: { properties: { label: { type: 'string' } } } }),
        },
        { requiredKeys: ['type'] },
      )
      .map((s) => s as Schema),
    combinator: fc.oneof(
      fc.array(tie('schema'), { minLength: 1, maxLength: 3 }).map((allOf) => ({ allOf })),
      fc.array(tie('schema'), { minLength: 1, maxLength: 3 }).map((anyOf) => ({ anyOf })),
      fc.array(tie('schema'), { minLength: 1, maxLength: 3 }).map((oneOf) => ({ oneOf })),
      tie('schema').map((not) => ({ not })),
      fc
        .tuple(tie('schema'), tie('schema'), tie('schema'))
        .map(([i, t, e]) => ({ if: i, then: t, else: e })),
      fc.constant({ $ref: '#/$defs/shared' }),
    ),
  }),
)

it('returns only values ajv accepts for thousands of random schemas, or refuses the schema when it is compiled', () => {
  // One ajv for the whole run (fresh instances would compile the meta-schema 2,000 times).
  const ajv = createAjv('2020-12')
  let refused = 0
  let runs = 0
  const seed = Number(process.env.STANDIN_PROPERTY_SEED ?? Date.now() % 2147483647)
  console.log(`property seed: ${seed} (replay with STANDIN_PROPERTY_SEED=${seed})`)
  fc.assert(
    fc.property(
      schema,
      schema,
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      (body, shared, valueSeed) => {
        // $ref targets live in the root's $defs (a $ref may reach its own definition: recursion).
        const s: Schema =
          typeof body === 'object'
            ? { ...body, $defs: { shared } }
            : { allOf: [body], $defs: { shared } }
        runs++
        let validate: ReturnType<ReturnType<typeof createAjv>['compile']>
        try {
          validate = ajv.compile(s as object | boolean)
        } catch {
          // ajv itself cannot compile it (a $ref that only points at itself): refused, never served.
          expect(() => compileGenerator(s, { ajv })).toThrow(UnsatisfiableSchemaError)
          refused++
          return true
        }
        let generate
        try {
          generate = compileGenerator(s, { ajv })
        } catch (error) {
          if (!(error instanceof UnsatisfiableSchemaError)) throw error
          refused++
          return true
        }
        const rng = createRng(valueSeed)
        for (let i = 0; i < 4; i++) {
          const value = generate(rng)
          if (!validate(value))
            throw new Error(
              `invalid value ${JSON.stringify(value)} for ${JSON.stringify(s)} (errors ${JSON.stringify(validate.errors)})`,
            )
        }
        return true
      },
    ),
    { numRuns: 1200, seed },
  )
  console.log(`${runs} schemas, ${refused} refused at compile time`)
  expect(refused).toBeLessThan(runs * 0.5)
}, 180_000)
