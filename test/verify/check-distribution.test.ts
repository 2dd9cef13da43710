import { expect, it } from 'vitest'
import { checkDistribution } from '../../src/verify/check-aggregates.js'
import type { SentCase } from '../../src/verify/sent-case.js'

function outputs(values: readonly unknown[]): SentCase[] {
  return values.map((value, i) => ({
    spec: {
      id: `generated:${i}`,
      kind: 'generated',
      description: '',
      records: [{}],
      expect: 'valid',
    },
    result: {
      id: `generated:${i}`,
      kind: 'generated',
      description: '',
      records: [{}],
      exchange: {
        kind: 'answered',
        status: 200,
        contentType: 'application/json',
        body: { c: value },
        json: true,
        latencyMs: 1,
      },
      outputs: [{ c: value }],
    },
    envelope: [],
    schema: [],
  }))
}

const classes = (counts: Record<string, number>): string[] =>
  Object.entries(counts).flatMap(([k, n]) => Array.from({ length: n }, () => k))

it('fails maxShare and minDistinct with the shares it saw', () => {
  const result = checkDistribution(
    { path: '/c', maxShare: 0.6, minDistinct: 3 },
    outputs(classes({ a: 80, b: 20 })),
  )
  expect(result.status).toBe('failed')
  expect(result.summary).toBe(
    '"a" has 80.0% of predictions, above maxShare 60.0%; 2 distinct values, fewer than minDistinct 3',
  )
})

it('passes expected shares that hold and fails ones a chi-square test rejects beyond the tolerance', () => {
  const shares = { a: 0.5, b: 0.3, c: 0.2 }
  const close = checkDistribution({ path: '/c', shares }, outputs(classes({ a: 52, b: 29, c: 19 })))
  const far = checkDistribution({ path: '/c', shares }, outputs(classes({ a: 80, b: 15, c: 5 })))
  expect(close.status).toBe('passed')
  expect(far.status).toBe('failed')
  expect(far.summary).toBe(
    'shares differ from the expected ones (chi-square 36.75, df 2, p = 1.05e-8): "a" 80.0% vs 50.0%, "b" 15.0% vs 30.0%, "c" 5.0% vs 20.0%',
  )
})

it('checks numeric ranges and quantiles', () => {
  const values = Array.from({ length: 101 }, (_, i) => i)
  expect(
    checkDistribution(
      { path: '/c', min: 0, max: 100, quantiles: [{ q: 0.5, min: 40, max: 60 }] },
      outputs(values),
    ).status,
  ).toBe('passed')
  expect(
    checkDistribution({ path: '/c', max: 50, quantiles: [{ q: 0.9, max: 80 }] }, outputs(values))
      .summary,
  ).toBe('maximum 100 is above 50; quantile 0.9 is 90.00, outside [-∞, 80]')
})

it('counts categories named like Object.prototype members as any other', () => {
  const result = checkDistribution(
    {
      path: '/c',
      maxShare: 0.5,
      minDistinct: 3,
      shares: { constructor: 0.4, toString: 0.3, ['__proto__']: 0.3 },
    },
    // Computed keys: a literal `__proto__: x` would set the prototype, not a field.
    outputs(classes({ constructor: 40, toString: 30, ['__proto__']: 30 })),
  )
  expect(result.status).toBe('passed')
  expect(result.measurements).toMatchObject({
    distinct: 3,
    'share:constructor': 0.4,
    'share:toString': 0.3,
    'share:__proto__': 0.3,
  })
  expect(Number.isFinite(result.measurements?.chiSquare)).toBe(true)
})
