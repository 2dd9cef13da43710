/**
 * The bounded copies verify keeps of what a model sent (issue 11): the size test and the shown
 * prefix never write a large answer whole, and agree with JSON.stringify on every JSON value.
 */
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { jsonPrefix, likeExpected, surelyLonger } from '../../src/verify/bound-result.js'
import { matchPartial } from '../../src/verify/match-partial.js'

it('jsonPrefix gives the first characters of JSON.stringify, for every JSON value', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 200 }), (value, max) => {
      expect(jsonPrefix(value, max)).toBe((JSON.stringify(value) ?? '').slice(0, max))
    }),
  )
})

it('surelyLonger never claims a JSON text is longer than it is', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 400 }), (value, limit) => {
      if (surelyLonger(value, limit)) expect(JSON.stringify(value).length).toBeGreaterThan(limit)
    }),
  )
})

it('surelyLonger stops early on a large value and sees a long one as long', () => {
  const big = { pad: Array.from({ length: 100_000 }, () => [0]) }
  expect(surelyLonger(big, 64 * 1024)).toBe(true)
  expect(surelyLonger({ a: 'x'.repeat(10) }, 64 * 1024)).toBe(false)
})

it('jsonPrefix describes a value that nests deeper than it shows, and writes no BigInt', () => {
  let deep: unknown = []
  for (let i = 0; i < 10_000; i++) deep = [deep]
  expect(jsonPrefix(deep, 2_000)).toBeUndefined()
  expect(jsonPrefix({ n: 1n }, 100)).toBeUndefined()
  expect(jsonPrefix({ a: undefined, b: 1 }, 100)).toBe('{"b":1}')
})

it('likeExpected keeps everything the examples check compares: the same problems for every pair', () => {
  const pair = fc
    .jsonValue()
    .chain((expected) =>
      fc.tuple(fc.constant(expected), fc.oneof(fc.constant(expected), fc.jsonValue())),
    )
  fc.assert(
    fc.property(pair, ([expected, actual]) => {
      expect(matchPartial(expected, likeExpected(expected, actual), 1e-6)).toEqual(
        matchPartial(expected, actual, 1e-6),
      )
    }),
    { numRuns: 400 },
  )
})

it("likeExpected cuts a large answer down to the example's keys", () => {
  const actual = { category: 'groceries', pad: Array.from({ length: 100_000 }, () => [0]) }
  expect(likeExpected({ category: 'groceries' }, actual)).toEqual({ category: 'groceries' })
  const wrong = likeExpected({ category: 'groceries' }, { category: actual.pad })
  expect(JSON.stringify(wrong)).toMatch(/^\{"category":\[\[0\],\[0\]/)
  expect(JSON.stringify(wrong).length).toBeLessThan(500)
  expect(matchPartial({ category: 'groceries' }, wrong, 0)).toEqual(
    matchPartial({ category: 'groceries' }, { category: actual.pad }, 0),
  )
})
