/**
 * Property names JavaScript objects inherit or treat specially (`constructor`, `toString`,
 * `__proto__`) are plain JSON names to a schema: the generator writes them as own fields, hints
 * read and write them, validation looks at own fields only, and nothing reaches a prototype.
 */
import { expect, it } from 'vitest'
import { cloneJson } from '../../src/json/index.js'
import { createAjv, loadContract, ContractError } from '../../src/contract/index.js'
import { compileGenerator, createRng } from '../../src/generate/index.js'

const probability = { type: 'number', minimum: 0, maximum: 1 }
const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['constructor', 'toString', 'scores', 'top'],
  properties: {
    constructor: { type: 'integer' },
    toString: { type: 'string', minLength: 1 },
    scores: {
      type: 'object',
      additionalProperties: false,
      required: ['valueOf', 'hasOwnProperty'],
      properties: { valueOf: probability, hasOwnProperty: probability },
      'x-standin': { sumTo: 1 },
    },
    top: {
      type: 'string',
      enum: ['valueOf', 'hasOwnProperty'],
      'x-standin': { argmaxOf: '/scores' },
    },
  },
}

it('generates constructor, toString, valueOf and hasOwnProperty as own fields, valid, with hints applied', () => {
  const generate = compileGenerator(schema)
  const validate = createAjv().compile(schema)
  for (let seed = 0; seed < 50; seed++) {
    const value = generate(createRng(seed)) as Record<string, unknown>
    expect(Object.keys(value).sort()).toEqual(['constructor', 'scores', 'toString', 'top'])
    expect(validate(value)).toBe(true)
    const scores = new Map(Object.entries(value.scores as Record<string, number>))
    expect([...scores.keys()].sort()).toEqual(['hasOwnProperty', 'valueOf'])
    const [a = NaN, b = NaN] = [scores.get('valueOf'), scores.get('hasOwnProperty')]
    expect(a + b).toBeCloseTo(1, 9)
    const best = a >= b
    expect(value.top).toBe(best ? 'valueOf' : 'hasOwnProperty')
  }
})

it('validates own fields only: an empty object has no toString and no constructor', () => {
  const ajv = createAjv()
  expect(ajv.compile({ type: 'object', required: ['toString'] })({})).toBe(false)
  expect(ajv.compile({ type: 'object', properties: { constructor: { type: 'number' } } })({})).toBe(
    true,
  )
})

it('refuses a schema property named __proto__ at load time, which ajv cannot validate', async () => {
  const data = JSON.parse(
    '{"contract":1,"name":"x","version":"1.0.0","protocol":"json","endpoint":{"method":"POST","path":"/p"},' +
      '"input":{"type":"object","properties":{"__proto__":{"type":"string","description":"d"}}},' +
      '"output":{"type":"object"}}',
  ) as object
  const error = (await loadContract(data).catch((e: unknown) => e)) as ContractError
  expect(error).toBeInstanceOf(ContractError)
  expect(error.problems.map((p) => [p.code, p.pointer])).toContainEqual([
    'schema.unsupported-name',
    '/input/properties/__proto__',
  ])
})

it('copies __proto__ and constructor keys as own data, never as a prototype', () => {
  const data = JSON.parse('{"__proto__":[1],"constructor":{"__proto__":{"x":1}}}') as object
  const copy = cloneJson(data) as Record<string, unknown>
  expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
  expect(JSON.stringify(copy)).toBe(JSON.stringify(data))
  expect(Object.keys(copy)).toEqual(['__proto__', 'constructor'])
})
