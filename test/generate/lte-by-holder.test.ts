import { afterEach, expect, it } from 'vitest'
import { canonicalJson, compileGenerator, createRng } from '../../src/generate/index.js'
import { recordSwapsByPath } from '../../src/generate/compile-generator.js'
import { regression } from '../bench/generate-schemas.js'
import type { JsonSchema } from '../../src/contract/index.js'

const num = (max = 100): Record<string, unknown> => ({ type: 'number', minimum: 0, maximum: max })
const lte = (to: string, max = 100): Record<string, unknown> => ({
  ...num(max),
  'x-standin': { lte: to },
})
const object = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
  ...extra,
})
const items = (item: unknown, maxItems = 12) => ({
  type: 'array',
  minItems: 1,
  maxItems,
  items: item,
})

/** Schemas whose lte swaps go by holder, and the forms beside them that go by path. */
const SCHEMAS: Record<string, unknown> = {
  regression,
  'a chain (lower <= value <= upper)': object({
    rows: items(object({ lower: lte('/value'), value: lte('/upper'), upper: num() })),
  }),
  'the record has the field the pointer names (every row swaps with it)': object({
    value: num(),
    rows: items(object({ lower: lte('/value'), value: num() })),
  }),
  'at the top level': object({ lower: lte('/value'), value: num(), upper: num() }),
  'optional fields': {
    type: 'object',
    properties: { rows: items({ type: 'object', properties: { low: lte('/high'), high: num() } }) },
  },
  'minProperties (the general object path)': object(
    { rows: items(object({ low: lte('/high'), high: num() }, { minProperties: 2 })) },
    { minProperties: 1 },
  ),
  'different bounds (swaps not proven, so checked)': object({
    rows: items(object({ low: lte('/high', 50), high: num(100) })),
  }),
  'array items beside rows (recorded by path among those by holder)': object({
    value: num(),
    rows: items(object({ lower: lte('/value'), value: num() })),
    list: items(lte('/value'), 5),
  }),
  'nested rows': object({
    groups: items(object({ rows: items(object({ a: lte('/b'), b: lte('/c'), c: num() }), 4) }), 4),
  }),
}

afterEach(() => recordSwapsByPath(false))

it.each(Object.entries(SCHEMAS))(
  'lte swaps recorded by holder give the bytes recorded by path give: %s',
  (_, schema) => {
    const byHolder = compileGenerator(schema as JsonSchema)
    recordSwapsByPath(true)
    const byPath = compileGenerator(schema as JsonSchema)
    recordSwapsByPath(false)
    for (let seed = 0; seed < 300; seed++) {
      const a = canonicalJson(byHolder(createRng(seed)))
      const b = canonicalJson(byPath(createRng(seed)))
      expect(a, `seed ${seed}`).toBe(b)
    }
  },
)

it('puts every row of a chain in order (lower <= value <= upper), swaps by holder or by path', () => {
  const schema = SCHEMAS['a chain (lower <= value <= upper)'] as JsonSchema
  for (const byPath of [false, true]) {
    recordSwapsByPath(byPath)
    const generate = compileGenerator(schema)
    for (let seed = 0; seed < 300; seed++) {
      const { rows } = generate(createRng(seed)) as { rows: Record<string, number>[] }
      for (const row of rows)
        expect(row.lower! <= row.value! && row.value! <= row.upper!).toBe(true)
    }
  }
})
