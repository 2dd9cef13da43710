import fc from 'fast-check'
import { expect, it } from 'vitest'
import { createAjv } from '../../src/contract/index.js'
import { loadContract } from '../../src/contract/index.js'

it('accepts every two-decimal amount as a multiple of 0.01 despite binary floating point', () => {
  const validate = createAjv('2020-12').compile({ type: 'number', multipleOf: 0.01 })
  // 0.07 / 0.01 is 7.000000000000001 in IEEE 754: a strict check would refuse a valid amount.
  expect(validate(0.07)).toBe(true)
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 100_000_000 }), (cents) =>
      validate(Number((cents / 100).toFixed(2))),
    ),
  )
  expect(validate(0.075)).toBe(false)
})

it('accepts a real client amount like 0.07 in the bundled classifier contract', async () => {
  const contract = await loadContract('contracts/transaction-classifier.contract.yaml')
  const input = {
    request_id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
    narration: 'CARD FEE',
    amount: 0.07,
    currency: 'GBP',
    direction: 'debit',
  }
  expect(contract.validateInput(input)).toEqual([])
})

it('keeps an id keyword of a 2020-12 or draft-07 schema as an annotation instead of refusing it', async () => {
  for (const $schema of [
    'https://json-schema.org/draft/2020-12/schema',
    'http://json-schema.org/draft-07/schema#',
  ]) {
    const contract = await loadContract({
      contract: 1,
      name: 'legacy-id',
      version: '1.0.0',
      input: {
        $schema,
        type: 'object',
        properties: { a: { id: 'legacy-a', type: 'string' }, id: { type: 'integer' } },
      },
      output: true,
    })
    expect(contract.validateInput({ a: 'x', id: 1 })).toEqual([])
    expect(contract.validateInput({ a: 1, id: 'x' })).toHaveLength(2)
  }
})
