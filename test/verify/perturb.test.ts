import { expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { parseOp, perturb } from '../../src/verify/perturb.js'
import { createRng } from '../../src/generate/index.js'

const contract = await loadContract({
  contract: 1,
  name: 'p',
  version: '1.0.0',
  input: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    required: ['text', 'n'],
    properties: {
      text: { type: 'string', maxLength: 12 },
      n: { type: 'number', minimum: 0, maximum: 10 },
      k: { type: 'integer', minimum: 0, maximum: 5 },
    },
  },
  output: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' },
})

const run = (input: unknown, path: string, op: string, seed = 1): unknown =>
  perturb(contract, input, { path, op }, createRng(seed))

it('applies the text ops', () => {
  const input = { text: 'Pos Tesco', n: 1 }
  expect(run(input, '/text', 'lowercase')).toEqual({
    ok: true,
    input: { text: 'pos tesco', n: 1 },
    clamped: false,
  })
  expect(run(input, '/text', 'uppercase')).toMatchObject({ input: { text: 'POS TESCO' } })
  expect(run(input, '/text', 'whitespace')).toMatchObject({ input: { text: ' Pos  Tesco ' } })
  expect(run(input, '/text', 'punctuation')).toMatchObject({ input: { text: 'Pos Tesco!' } })
})

it('makes a seeded one-character typo: the same seed gives the same typo', () => {
  const a = run({ text: 'groceries', n: 1 }, '/text', 'typo', 5) as { input: { text: string } }
  const b = run({ text: 'groceries', n: 1 }, '/text', 'typo', 5) as { input: { text: string } }
  expect(a.input.text).toBe(b.input.text)
  expect(a.input.text).not.toBe('groceries')
  expect([...a.input.text].sort().join('')).toBe([...'groceries'].sort().join(''))
})

it('applies the numeric ops and set', () => {
  expect(run({ text: 'a', n: 2 }, '/n', 'scale:1.5')).toMatchObject({ input: { n: 3 } })
  expect(run({ text: 'a', n: 2 }, '/n', 'add:-1')).toMatchObject({ input: { n: 1 } })
  expect(run({ text: 'a', n: 2 }, '/n', 'set:7')).toMatchObject({ input: { n: 7 } })
  const noisy = run({ text: 'a', n: 5 }, '/n', 'noise:0.1') as { input: { n: number } }
  expect(Math.abs(noisy.input.n - 5)).toBeLessThan(1)
  expect(noisy.input.n).not.toBe(5)
})

it('clamps a perturbed number back into the schema, and rounds integers', () => {
  expect(run({ text: 'a', n: 8 }, '/n', 'scale:2')).toEqual({
    ok: true,
    input: { text: 'a', n: 10 },
    clamped: true,
  })
  expect(run({ text: 'a', n: 1, k: 2 }, '/k', 'scale:1.3')).toEqual({
    ok: true,
    input: { text: 'a', n: 1, k: 3 },
    clamped: true,
  })
})

it('skips an input the perturbation cannot change or cannot keep inside the schema', () => {
  expect(run({ text: 'a', n: 10 }, '/n', 'scale:2')).toEqual({
    ok: false,
    reason: 'clamped into the schema, the value at /n is unchanged',
  })
  expect(run({ text: 'abcdefghijkl', n: 1 }, '/text', 'punctuation')).toEqual({
    ok: false,
    reason: 'the perturbed input leaves the input schema at /text',
  })
  expect(run({ text: 'abc', n: 1 }, '/text', 'lowercase')).toEqual({
    ok: false,
    reason: 'the op leaves the value at /text unchanged',
  })
  expect(run({ text: 'a', n: 1 }, '/k', 'add:1')).toEqual({
    ok: false,
    reason: 'the input has no value at /k',
  })
  expect(run({ text: 'a', n: 1 }, '/n', 'lowercase')).toEqual({
    ok: false,
    reason: 'op "lowercase" needs a string, the input has a number',
  })
})

it('parses ops and refuses what is not one', () => {
  expect(parseOp('scale:1.2')).toEqual({ name: 'scale', arg: '1.2' })
  expect(parseOp('typo')).toEqual({ name: 'typo' })
  expect(parseOp('scale:x')).toBeUndefined()
  expect(parseOp('shuffle')).toBeUndefined()
})
