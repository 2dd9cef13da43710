/**
 * The statistics of compare and drift against known values (chi-square and Kolmogorov tables,
 * a PSI worked by hand) and properties that hold for every sample (fast-check): a sketch's
 * quantiles stay within 1% of the exact order statistic, and sketches of shards merge into the
 * sketch of the whole.
 */
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { chiSquareSurvival } from '../../src/verify/index.js'
import {
  addToSketch,
  chiSquareTwoSample,
  kolmogorovSurvival,
  ksOfSamples,
  ksTwoSample,
  mergeSketch,
  newSketch,
  psiOfCategories,
  psiOfCounts,
  psiOfSketches,
  sketchQuantile,
} from '../../src/traffic/index.js'
import type { Sketch } from '../../src/traffic/index.js'

function sketchOf(values: readonly number[]): Sketch {
  const s = newSketch()
  for (const v of values) addToSketch(s, v)
  return s
}

it('gives the chi-square tail of the tables (0.05 at 3.841 with 1 df, at 5.991 with 2, at 11.070 with 5)', () => {
  expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 6)
  expect(chiSquareSurvival(5.991464547107979, 2)).toBeCloseTo(0.05, 6)
  expect(chiSquareSurvival(11.070497693516351, 5)).toBeCloseTo(0.05, 6)
  expect(chiSquareSurvival(0, 3)).toBe(1)
})

it("gives Kolmogorov's tail of the tables (0.10 at 1.224, 0.05 at 1.358, 0.01 at 1.628)", () => {
  expect(kolmogorovSurvival(1.2238)).toBeCloseTo(0.1, 3)
  expect(kolmogorovSurvival(1.3581)).toBeCloseTo(0.05, 3)
  expect(kolmogorovSurvival(1.6276)).toBeCloseTo(0.01, 3)
  expect(kolmogorovSurvival(0.1)).toBe(1)
})

it('tests two category tables for homogeneity as a 2 × k chi-square', () => {
  // 2 × 2 table [[30, 10], [20, 20]]: X² = 5.333 with 1 df, p = 0.0209 (no continuity correction).
  const r = chiSquareTwoSample({ a: 30, b: 10 }, { a: 20, b: 20 })
  expect(r.statistic).toBeCloseTo(5.3333, 4)
  expect(r.df).toBe(1)
  expect(r.pValue).toBeCloseTo(0.02092, 4)
  expect(chiSquareTwoSample({ a: 5, b: 5 }, { a: 50, b: 50 }).pValue).toBe(1)
})

it('computes the PSI of a worked example and 0 for equal distributions', () => {
  expect(psiOfCounts([25, 25, 25, 25], [10, 20, 30, 40])).toBeCloseTo(0.2282174, 6)
  expect(psiOfCategories({ a: 3, b: 7 }, { a: 30, b: 70 })).toBe(0)
})

it('finds the KS statistic of two samples exactly and its p-value', () => {
  expect(ksOfSamples([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]).statistic).toBe(1)
  expect(ksOfSamples([1, 2, 3], [1, 2, 3])).toEqual({ statistic: 0, pValue: 1 })
  // n = m = 100, D = 0.2: λ = (√50 + 0.12 + 0.11/√50) · 0.2 = 1.4414, Q_KS(λ) = 0.0314.
  const x = Array.from({ length: 100 }, (_, i) => i)
  const y = x.map((v) => v + 20)
  const r = ksOfSamples(x, y)
  expect(r.statistic).toBeCloseTo(0.2, 10)
  expect(r.pValue).toBeCloseTo(0.0314, 3)
})

it('keeps every sketch quantile within 1% of the exact order statistic (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (values, q) => {
        const sorted = [...values].sort((a, b) => a - b)
        const exact = sorted[Math.floor(q * (sorted.length - 1))] ?? 0
        const got = sketchQuantile(sketchOf(values), q)
        expect(Math.abs(got - exact)).toBeLessThanOrEqual(Math.abs(exact) * 0.0101 + 1e-12)
      },
    ),
  )
})

it('merges sketches of shards into exactly the sketch of the whole (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { maxLength: 100 }), {
        minLength: 1,
        maxLength: 5,
      }),
      (shards) => {
        const merged = newSketch()
        for (const shard of shards) mergeSketch(merged, sketchOf(shard))
        const whole = sketchOf(shards.flat())
        expect({ ...merged, sum: 0 }).toEqual({ ...whole, sum: 0 })
        expect(merged.sum).toBeCloseTo(whole.sum, -2)
      },
    ),
  )
})

it('finds no drift between a sample and itself, and a shift between shifted samples', () => {
  const values = Array.from({ length: 2000 }, (_, i) => 10 + Math.sin(i) * 5)
  const same = sketchOf(values)
  expect(ksTwoSample(same, sketchOf(values))).toEqual({ statistic: 0, pValue: 1 })
  expect(psiOfSketches(same, sketchOf(values))).toBe(0)
  const shifted = sketchOf(values.map((v) => v + 3))
  expect(ksTwoSample(same, shifted).pValue).toBeLessThan(1e-6)
  expect(psiOfSketches(same, shifted)).toBeGreaterThan(0.25)
})
