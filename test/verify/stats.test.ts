import { expect, it } from 'vitest'
import { chiSquare, quantile } from '../../src/verify/stats.js'

it('computes quantiles by linear interpolation between order statistics', () => {
  expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5)
  expect(quantile([1, 2, 3, 4, 5], 0.95)).toBeCloseTo(4.8)
  expect(quantile([7], 0.99)).toBe(7)
  expect(quantile([], 0.5)).toBeNaN()
})

it('gives chi-square p-values that match the tables', () => {
  // Critical values: df 1 at p = 0.05 is 3.841; df 5 at p = 0.01 is 15.086.
  expect(chiSquare({ a: 60, b: 40 }, { a: 0.5, b: 0.5 })).toMatchObject({ statistic: 4, df: 1 })
  expect(chiSquare({ a: 60, b: 40 }, { a: 0.5, b: 0.5 }).pValue).toBeCloseTo(0.0455, 3)
  const six = { a: 10, b: 10, c: 10, d: 10, e: 10, f: 10 }
  expect(chiSquare(six, { a: 1, b: 1, c: 1, d: 1, e: 1, f: 1 }).pValue).toBeCloseTo(1, 6)
  expect(chiSquare({ a: 100 }, { a: 0.5, b: 0.5 }).pValue).toBeLessThan(1e-20)
})

it('gives a p-value of 0 when a class that was never expected is observed', () => {
  expect(chiSquare({ a: 5, z: 1 }, { a: 1 }).pValue).toBe(0)
})
