import { expect, it } from 'vitest'
import { createAjv } from '../../src/contract/index.js'
import { compileGenerator, createRng } from '../../src/generate/index.js'
import type { GenerateContext } from '../../src/generate/index.js'

const RUNS = 200

function draws(
  schema: Record<string, unknown>,
  context?: (i: number) => GenerateContext,
): unknown[] {
  const generate = compileGenerator(schema)
  const validate = createAjv('2020-12').compile(schema)
  const rng = createRng('hints')
  return Array.from({ length: RUNS }, (_, i) => {
    const value = generate(rng, context?.(i))
    expect(validate(value)).toBe(true)
    return value
  })
}

const probability = { type: 'number', minimum: 0, maximum: 1 }
const sum = (values: readonly unknown[]): number =>
  values.reduce<number>((a, v) => a + (v as number), 0)

it('makes arrays under sumTo a probability vector on every sample', () => {
  const schema = {
    type: 'array',
    items: probability,
    minItems: 2,
    maxItems: 12,
    'x-standin': { sumTo: 1 },
  }
  for (const value of draws(schema) as number[][])
    expect(Math.abs(sum(value) - 1)).toBeLessThan(1e-9)
})

it('makes objects of numbers under sumTo sum to the total on every sample', () => {
  const classes = ['cat', 'dog', 'bird', 'fish']
  const schema = {
    type: 'object',
    additionalProperties: false,
    required: classes,
    properties: Object.fromEntries(classes.map((c) => [c, probability])),
    'x-standin': { sumTo: 1 },
  }
  for (const value of draws(schema) as Record<string, number>[]) {
    expect(Math.abs(sum(Object.values(value)) - 1)).toBeLessThan(1e-9)
  }
})

it('gives the label with the highest score under argmaxOf, for object and array scores', () => {
  const labels = ['low', 'mid', 'high']
  const schema = {
    type: 'object',
    required: ['label', 'index', 'scores', 'byName', 'named'],
    properties: {
      label: { type: 'string', enum: labels, 'x-standin': { argmaxOf: '/scores' } },
      index: { type: 'integer', minimum: 0, maximum: 2, 'x-standin': { argmaxOf: '/scores' } },
      scores: {
        type: 'array',
        items: probability,
        minItems: 3,
        maxItems: 3,
        'x-standin': { sumTo: 1 },
      },
      named: { type: 'string', enum: labels, 'x-standin': { argmaxOf: '/byName' } },
      byName: {
        type: 'object',
        required: labels,
        additionalProperties: false,
        properties: Object.fromEntries(labels.map((l) => [l, probability])),
      },
    },
  }
  for (const value of draws(schema) as {
    label: string
    index: number
    scores: number[]
    named: string
    byName: Record<string, number>
  }[]) {
    const top = Math.max(...value.scores)
    expect(value.scores[value.index]).toBe(top)
    expect(value.scores[labels.indexOf(value.label)]).toBe(top)
    expect(value.byName[value.named]).toBe(Math.max(...Object.values(value.byName)))
  }
})

it('makes a confidence the top score under maxOf, for object and array scores', () => {
  const labels = ['low', 'mid', 'high']
  const schema = {
    type: 'object',
    required: ['confidence', 'scores', 'topOfNamed', 'byName'],
    properties: {
      confidence: { ...probability, 'x-standin': { maxOf: '/scores' } },
      scores: {
        type: 'array',
        items: probability,
        minItems: 3,
        maxItems: 3,
        'x-standin': { sumTo: 1 },
      },
      topOfNamed: { ...probability, 'x-standin': { maxOf: '/byName' } },
      byName: {
        type: 'object',
        required: labels,
        additionalProperties: false,
        properties: Object.fromEntries(labels.map((l) => [l, probability])),
        'x-standin': { sumTo: 1 },
      },
    },
  }
  for (const value of draws(schema) as {
    confidence: number
    scores: number[]
    topOfNamed: number
    byName: Record<string, number>
  }[]) {
    expect(value.confidence).toBe(Math.max(...value.scores))
    expect(value.topOfNamed).toBe(Math.max(...Object.values(value.byName)))
  }
})

it('echoes the input field under copy', () => {
  const schema = {
    type: 'object',
    required: ['request_id'],
    properties: {
      request_id: { type: 'string', format: 'uuid', 'x-standin': { copy: '/request_id' } },
    },
  }
  const ids = Array.from(
    { length: RUNS },
    (_, i) => `1b4e28ba-2fa1-41d2-883f-${String(i).padStart(12, '0')}`,
  )
  const values = draws(schema, (i) => ({ input: { request_id: ids[i] } })) as {
    request_id: string
  }[]
  values.forEach((value, i) => expect(value.request_id).toBe(ids[i]))
})

it('makes as many items as the input array has under lengthOf', () => {
  const schema = {
    type: 'array',
    maxItems: 64,
    items: { type: 'number' },
    'x-standin': { lengthOf: '/rows' },
  }
  const values = draws(schema, (i) => ({
    input: { rows: Array.from({ length: i % 40 }, () => 0) },
  })) as unknown[][]
  values.forEach((value, i) => expect(value).toHaveLength(i % 40))
})

it('sorts arrays under order, by the item or by a field of it', () => {
  const schema = {
    type: 'object',
    required: ['top', 'entities'],
    properties: {
      top: {
        type: 'array',
        items: probability,
        minItems: 5,
        maxItems: 10,
        'x-standin': { order: 'desc' },
      },
      entities: {
        type: 'array',
        minItems: 2,
        maxItems: 8,
        items: { type: 'object', required: ['relevance'], properties: { relevance: probability } },
        'x-standin': { order: { by: '/relevance', direction: 'asc' } },
      },
    },
  }
  for (const value of draws(schema) as { top: number[]; entities: { relevance: number }[] }[]) {
    expect(value.top).toEqual([...value.top].sort((a, b) => b - a))
    const relevance = value.entities.map((e) => e.relevance)
    expect(relevance).toEqual([...relevance].sort((a, b) => a - b))
  }
})

it('keeps lower <= prediction <= upper under lte', () => {
  const bound = { type: 'number', minimum: 0, maximum: 100 }
  const schema = {
    type: 'object',
    required: ['lower', 'value', 'upper'],
    properties: {
      lower: { ...bound, 'x-standin': { lte: '/value' } },
      value: { ...bound, 'x-standin': { lte: '/upper' } },
      upper: bound,
    },
  }
  for (const v of draws(schema) as { lower: number; value: number; upper: number }[]) {
    expect(v.lower).toBeLessThanOrEqual(v.value)
    expect(v.value).toBeLessThanOrEqual(v.upper)
  }
})

it('fills strings from the faker method a faker hint names', () => {
  const schema = { type: 'string', 'x-standin': { faker: 'finance.accountName' } }
  for (const value of draws(schema) as string[]) expect(value).toMatch(/ Account$/)
})

it('guesses realistic strings from property names such as email', () => {
  const schema = { type: 'object', required: ['email'], properties: { email: { type: 'string' } } }
  for (const value of draws(schema) as { email: string }[])
    expect(value.email).toMatch(/^\S+@\S+\.\S+$/)
})

it('ignores the hints when hints: false', () => {
  const schema = {
    type: 'array',
    items: probability,
    minItems: 3,
    maxItems: 3,
    'x-standin': { sumTo: 1 },
  }
  const generate = compileGenerator(schema, { hints: false })
  const rng = createRng(3)
  const sums = Array.from({ length: 50 }, () => sum(generate(rng) as number[]))
  expect(sums.some((s) => Math.abs(s - 1) > 1e-6)).toBe(true)
})
