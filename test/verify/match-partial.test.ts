import { expect, it } from 'vitest'
import { matchPartial } from '../../src/verify/match-partial.js'

it('compares only the keys an example gives, numbers within the tolerance', () => {
  expect(
    matchPartial(
      { category: 'income', scores: { income: 0.97 } },
      { category: 'income', confidence: 0.9, scores: { income: 0.95, other: 0.05 } },
      0.05,
    ),
  ).toEqual([])
})

it('lists each mismatch by JSON pointer', () => {
  expect(
    matchPartial(
      { category: 'groceries', scores: [0.1, 0.9], fuel: 62.4 },
      { category: 'dining', scores: [0.1], fuel: 80 },
      6,
    ).map((p) => `${p.pointer}: ${p.message}`),
  ).toEqual([
    '/category: expected "groceries", got "dining"',
    '/scores: expected 2 items, got 1',
    '/fuel: expected 62.4 ± 6, got 80',
  ])
  expect(matchPartial({ a: { b: 1 } }, { a: {} }, 0)[0]?.pointer).toBe('/a/b')
})
