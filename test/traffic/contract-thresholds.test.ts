/**
 * `checks.compare` and `checks.drift` in the contract: loaded as written, their values checked by
 * the contract format (ranges, closed keys), and their `fields` pointers checked against the
 * schemas by pointer, with did-you-mean.
 */
import { expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { isStandinError } from '../../src/errors.js'

const base = {
  contract: 1,
  name: 'thresholds',
  version: '1.0.0',
  input: { type: 'object', properties: { amount: { type: 'number' } } },
  output: {
    type: 'object',
    properties: { label: { type: 'string', enum: ['a', 'b'] }, score: { type: 'number' } },
  },
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    if (isStandinError(error)) return error
    throw error
  }
  throw new Error('expected the contract to be refused')
}

it('loads compare and drift thresholds as written', async () => {
  const contract = await loadContract({
    ...base,
    checks: {
      compare: {
        minAgreement: 0.95,
        maxMeanAbsDiff: 0.1,
        maxLatencyRatio: 1.5,
        fields: { '/score': { minCorrelation: 0.8 } },
      },
      drift: { maxPsi: 0.2, minPValue: 0.001, fields: { '/amount': { maxPsi: 0.3 } } },
    },
  })
  expect(contract.checks.compare).toEqual({
    minAgreement: 0.95,
    maxMeanAbsDiff: 0.1,
    maxLatencyRatio: 1.5,
    fields: { '/score': { minCorrelation: 0.8 } },
  })
  expect(contract.checks.drift?.fields?.['/amount']).toEqual({ maxPsi: 0.3 })
})

it('reports a threshold field that is not a field of the schemas, by pointer', async () => {
  const error = await failure(
    loadContract({
      ...base,
      checks: {
        compare: { fields: { '/scor': { maxAbsDiff: 1 } } },
        drift: { fields: { '/amont': { maxPsi: 1 } } },
      },
    }),
  )
  expect(error.message).toBe(
    [
      '<contract>#/checks/compare/fields/~1scor: /scor is not a field of the output schema. Did you mean "/score"?',
      '<contract>#/checks/drift/fields/~1amont: /amont is not a field of the input or output schema. Point it at a field one of the schemas declares.',
    ].join('\n'),
  )
})

it('refuses a share above 1 and an unknown threshold key', async () => {
  const error = await failure(
    loadContract({ ...base, checks: { compare: { minAgreement: 1.5, maxPsy: 0.2 } } }),
  )
  expect(error.message).toContain('<contract>#/checks/compare/minAgreement')
  expect(error.message).toContain('maxPsy')
})
