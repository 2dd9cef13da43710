/**
 * The examples' shared pieces: the model servers' input signatures and the text features whose
 * invariances the contracts promise.
 */
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { checkRecord, type Signature } from '../../examples/shared/signature.js'
import {
  addTextFeatures,
  fitVocabulary,
  textFeatureNames,
  tokenize,
} from '../../examples/shared/text-features.js'

const signature: Signature = {
  id: { type: 'string', required: true, format: 'uuid' },
  amount: { type: 'number', required: true, minimum: 0, multipleOf: 0.01 },
  kind: { type: 'string', enum: ['a', 'b'] },
  count: { type: 'integer', maximum: 3 },
}

it('lists every violation of a record by pointer', () => {
  expect(
    checkRecord({ amount: 1.234, kind: 'c', count: 3.5, extra: true }, signature, '/instances/0'),
  ).toEqual([
    { pointer: '/instances/0/extra', message: 'is not a known field' },
    { pointer: '/instances/0/id', message: 'is required' },
    { pointer: '/instances/0/amount', message: 'must be a multiple of 0.01' },
    { pointer: '/instances/0/kind', message: 'must be one of a, b' },
    { pointer: '/instances/0/count', message: 'must be an integer' },
    { pointer: '/instances/0/count', message: 'must be <= 3' },
  ])
})

it('accepts a valid record and rejects what is not an object', () => {
  expect(
    checkRecord({ id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', amount: 23.1 }, signature),
  ).toEqual([])
  expect(checkRecord([], signature)).toEqual([{ pointer: '', message: 'must be an object' }])
})

it('reads numbers as their digit count, so store numbers do not matter', () => {
  expect(tokenize('POS TESCO STORES 3345 LONDON')).toEqual([
    'pos',
    'tesco',
    'stores',
    '#4',
    'london',
  ])
})

it('gives the same features whatever the casing and spacing of the text (fast-check)', () => {
  const words = fc.array(fc.stringMatching(/^[A-Za-z0-9]{1,8}$/), { minLength: 1, maxLength: 6 })
  fc.assert(
    fc.property(words, fc.integer({ min: 1, max: 3 }), (ws, spaces) => {
      const plain = new Float64Array(64)
      const noisy = new Float64Array(64)
      addTextFeatures(plain, ws.join(' '), 't:')
      addTextFeatures(noisy, ` ${ws.join(' '.repeat(spaces)).toUpperCase()}! `, 't:')
      expect([...noisy]).toEqual([...plain])
    }),
    { seed: 20241102, numRuns: 200 },
  )
})

it('ignores words outside a fitted vocabulary, so a typo in an unknown word changes nothing', () => {
  const vocabulary = fitVocabulary([
    textFeatureNames('tesco stores', 'n:'),
    textFeatureNames('tesco express', 'n:'),
  ])
  const a = new Float64Array(32)
  const b = new Float64Array(32)
  addTextFeatures(a, 'TESCO lorem', 'n:', { vocabulary, trigrams: false })
  addTextFeatures(b, 'TESCO lroem', 'n:', { vocabulary, trigrams: false })
  expect([...b]).toEqual([...a])
  expect(a.some((v) => v !== 0)).toBe(true)
})
