import { spawnSync } from 'node:child_process'
import { expect, it } from 'vitest'
import { createAjv } from '../../src/contract/index.js'
import {
  UnsatisfiableSchemaError,
  canonicalJson,
  compileGenerator,
  createRng,
  seedFor,
} from '../../src/generate/index.js'
import { root } from '../helpers/run-cli.js'

function refusal(schema: Record<string, unknown>): { code: string; message: string; ms: number } {
  const started = performance.now()
  try {
    compileGenerator(schema, { file: 'contracts/x.contract.yaml', pointer: '/output' })
  } catch (error) {
    if (!(error instanceof UnsatisfiableSchemaError)) throw error
    return { code: error.code, message: error.message, ms: performance.now() - started }
  }
  throw new Error('compileGenerator accepted the schema')
}

it('reports minimum above maximum by pointer at compile time', () => {
  expect(
    refusal({ type: 'object', properties: { score: { type: 'number', minimum: 1, maximum: 0 } } }),
  ).toMatchObject({
    code: 'schema.unsatisfiable',
    message:
      'contracts/x.contract.yaml#/output/properties/score/maximum: maximum (0) is below minimum (1). Swap the bounds or drop one.',
  })
})

it('reports a contradictory allOf', () => {
  expect(refusal({ allOf: [{ type: 'string' }, { type: 'integer' }] }).message).toBe(
    'contracts/x.contract.yaml#/output/allOf/1/type: the types required here have no type in common (contradictory allOf). Make the allOf branches agree on a type.',
  )
})

it('reports an impossible oneOf', () => {
  expect(
    refusal({ oneOf: [{ type: 'integer' }, { type: 'number', multipleOf: 1 }] }),
  ).toMatchObject({
    code: 'schema.unsatisfiable',
    message:
      'contracts/x.contract.yaml#/output/oneOf: no value was found for which exactly one branch of oneOf holds (impossible oneOf). Simplify the schema, or check that a value can satisfy it.',
  })
})

it('reports a recursive schema with no finite instance within a second', () => {
  const result = refusal({
    $defs: {
      node: { type: 'object', required: ['next'], properties: { next: { $ref: '#/$defs/node' } } },
    },
    $ref: '#/$defs/node',
  })
  expect(result.message).toBe(
    'contracts/x.contract.yaml#/output/$defs/node/properties/next: the recursive $ref has no finite instance: every value nests without end. Make the recursion optional (not required, minItems 0, or an anyOf branch without it).',
  )
  expect(result.ms).toBeLessThan(1000)
})

it('refuses a $ref loop that never descends into the value instead of validating it for minutes', () => {
  const selfNegation = refusal({
    $ref: '#/$defs/shared',
    $defs: { shared: { not: { $ref: '#/$defs/shared' } } },
  })
  expect(selfNegation.code).toBe('schema.unsupported')
  expect(selfNegation.message).toBe(
    'contracts/x.contract.yaml#/output/$defs/shared/not: $ref loops back to /$defs/shared -> /$defs/shared/not -> /$defs/shared without descending into the value, so validating it recurses forever. Make the recursion go through properties or items, or remove it.',
  )
  // Found by the property test (seed 627501334): an anyOf branch that is the schema itself.
  const selfBranch = refusal({
    $ref: '#/$defs/shared',
    $defs: {
      shared: { anyOf: [{ type: 'number' }, { $ref: '#/$defs/shared' }, { enum: ['x1'] }] },
    },
  })
  expect(selfBranch.message).toMatch(
    /^contracts\/x\.contract\.yaml#\/output\/\$defs\/shared\/anyOf\/1: \$ref loops back/,
  )
})

it('refuses minItems: 10000000 at once instead of running out of memory', () => {
  const result = refusal({ type: 'array', minItems: 10_000_000 })
  expect(result).toMatchObject({
    code: 'schema.unsupported',
    message:
      'contracts/x.contract.yaml#/output/minItems: minItems (10000000) is above the 10000 items standin generates. Lower minItems.',
  })
  expect(result.ms).toBeLessThan(1000)
})

it('reports a pattern that cannot be matched', () => {
  const result = refusal({ type: 'string', pattern: 'a^b' })
  expect(result.message).toBe(
    'contracts/x.contract.yaml#/output/pattern: no string standin drew from pattern "a^b" matches it (it cannot be matched, or needs lookaround). Simplify the pattern, or check it can match at all.',
  )
  expect(result.ms).toBeLessThan(1000)
})

it('reports a required property that additionalProperties: false forbids', () => {
  expect(refusal({ type: 'object', required: ['id'], additionalProperties: false }).message).toBe(
    'contracts/x.contract.yaml#/output/required: required property "id" is not allowed by additionalProperties: false. Declare the property, or stop requiring it.',
  )
})

it('reports a $ref that leaves the schema instead of fetching it', () => {
  expect(refusal({ $ref: 'https://example.com/schema.json' })).toMatchObject({
    code: 'schema.unsupported',
    message:
      'contracts/x.contract.yaml#/output/$ref: $ref "https://example.com/schema.json" points outside the schema (standin never fetches remote schemas). Bundle the referenced schema into $defs.',
  })
})

it('tolerates unknown keywords such as example, nullable and x- keys', () => {
  const schema = {
    type: ['string', 'null'],
    example: 'x',
    nullable: true,
    'x-owner': 'ml',
    maxLength: 3,
  }
  const generate = compileGenerator(schema)
  const validate = createAjv('2020-12').compile(schema)
  const rng = createRng(1)
  for (let i = 0; i < 100; i++) expect(validate(generate(rng))).toBe(true)
})

it('handles draft-07 schemas: definitions, items arrays, additionalItems, dependencies', () => {
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    definitions: { n: { type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 10 } },
    type: 'object',
    required: ['pair', 'rest'],
    properties: {
      pair: {
        type: 'array',
        items: [{ $ref: '#/definitions/n' }, { type: 'string' }],
        additionalItems: false,
        minItems: 2,
      },
      rest: {
        type: 'object',
        dependencies: { a: ['b'] },
        properties: { a: { const: 1 }, b: { const: 2 } },
      },
    },
  }
  const generate = compileGenerator(schema)
  const validate = createAjv('draft-07').compile(schema)
  const rng = createRng(2)
  for (let i = 0; i < 200; i++) expect(validate(generate(rng))).toBe(true)
})

it('spreads numbers over the whole range and hits both edges', () => {
  const generate = compileGenerator({ type: 'integer', minimum: -5, maximum: 5 })
  const rng = createRng(4)
  const seen = new Set(Array.from({ length: 500 }, () => generate(rng)))
  expect(seen.size).toBe(11)
})

it('uses the schema examples some of the time', () => {
  const generate = compileGenerator({ type: 'string', examples: ['POS TESCO STORES 3345'] })
  const rng = createRng(5)
  const hits = Array.from({ length: 400 }, () => generate(rng)).filter(
    (v) => v === 'POS TESCO STORES 3345',
  )
  expect(hits.length).toBeGreaterThan(50)
  expect(hits.length).toBeLessThan(200)
})

it('gives the same sequence for the same seed and a different one for another seed', () => {
  const generate = compileGenerator({ type: 'array', items: { type: 'number' }, minItems: 3 })
  const run = (seed: number | string) => {
    const rng = createRng(seed)
    return JSON.stringify([generate(rng), generate(rng)])
  }
  expect(run(7)).toBe(run(7))
  expect(run('7')).toBe(run('7'))
  expect(run(7)).not.toBe(run(8))
})

it('seeds by the canonical input, whatever the key order', () => {
  expect(canonicalJson({ b: 1, a: [true, { d: null, c: 'x' }] })).toBe(
    '{"a":[true,{"c":"x","d":null}],"b":1}',
  )
  expect(seedFor(7, { a: 1, b: 2 })).toBe(seedFor(7, { b: 2, a: 1 }))
  expect(seedFor(7, { a: 1 })).not.toBe(seedFor(8, { a: 1 }))
})

it('gives the same bytes for the same seed and inputs in two separate processes', () => {
  const run = (order: string) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', 'test/generate/print-samples.ts', '42', order],
      {
        cwd: root,
        encoding: 'utf8',
      },
    )
  const first = run('forward')
  const second = run('reverse')
  expect(first.stderr).toBe('')
  expect(first.stdout.split('\n')).toHaveLength(21)
  expect(second.stdout).toBe(first.stdout)
}, 30_000)

it('draws anything for an unconstrained slot, not the root schema again (it once shared its memo key)', () => {
  const generate = compileGenerator({ type: 'array', minItems: 2, maxItems: 2 })
  const items = Array.from(
    { length: 30 },
    (_, seed) => generate(createRng(seed)) as unknown[],
  ).flat()
  expect(items.some((item) => !Array.isArray(item))).toBe(true)
  // Found by the property test: an impossible if-branch over such an array searched for minutes.
  const tangled = compileGenerator({
    anyOf: [
      { enum: [null, 'b', -25] },
      { if: {}, then: false, else: { type: 'array', uniqueItems: true } },
    ],
  })
  expect([null, 'b', -25]).toContain(tangled(createRng(1)))
})
