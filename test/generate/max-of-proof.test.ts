import { expect, it } from 'vitest'
import { createAjv } from '../../src/contract/index.js'
import { compileGenerator, createRng } from '../../src/generate/index.js'
import { isProvenExact } from '../../src/generate/compile-generator.js'

/**
 * `maxOf` is proven as it writes: the top score is judged against its own field's schema (by the
 * field's bounds when it is a plain number, by ajv otherwise), and a top score the field does not
 * allow sends the value to the whole-value check. Scores that often top out outside the field's
 * range show that every value stays valid, and that the generator still counts as proven.
 */
const scores = {
  type: 'array',
  minItems: 1,
  maxItems: 3,
  items: { type: 'number', minimum: 0, maximum: 1 },
}

const fields: Record<string, Record<string, unknown>> = {
  'exclusive lower bound': { type: 'number', exclusiveMinimum: 0.5, maximum: 1 },
  'upper bound': { type: 'number', minimum: 0, maximum: 0.6 },
  'integer field': { type: 'integer', minimum: 0, maximum: 1 },
  'checked by ajv (multipleOf)': { type: 'number', minimum: 0.4, maximum: 1, multipleOf: 0.001 },
}

for (const [name, confidence] of Object.entries(fields))
  it(`a maxOf field with an ${name} gets only valid values, and the generator stays proven`, () => {
    const schema = {
      type: 'object',
      required: ['confidence', 'scores'],
      additionalProperties: false,
      properties: {
        confidence: { ...confidence, 'x-standin': { maxOf: '/scores' } },
        scores,
      },
    }
    const validate = createAjv('2020-12').compile(schema)
    const generate = compileGenerator(schema, { ajv: createAjv('2020-12') })
    expect(isProvenExact(generate)).toBe(!('multipleOf' in confidence))
    const rng = createRng(`maxOf ${name}`)
    let topped = 0
    for (let i = 0; i < 400; i++) {
      const value = generate(rng) as { confidence: number; scores: number[] }
      expect(validate(value), JSON.stringify(value)).toBe(true)
      if (value.confidence === Math.max(...value.scores)) topped++
    }
    // The hint still acts whenever the top score fits.
    expect(topped).toBeGreaterThan(40)
  })
