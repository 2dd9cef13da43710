import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isBacktrackFree } from '../../src/contract/backtrack-free.js'
import { linearRegExp } from '../../src/contract/index.js'

describe('isBacktrackFree', () => {
  it.each([
    '^v[0-9]+\\.[0-9]+\\.[0-9]+$',
    '^doc-[0-9a-f]{8}$',
    '^Q[1-9][0-9]{0,6}$',
    '^[A-Z]{3}$',
    '^[^@]+@[^@]+$',
    '^\\w+\\s\\w+$',
    '^\\d{4}-\\d{2}-\\d{2}$',
    '^.*$',
    '^[a-z]+?-[0-9]+$',
    '^\\u{1F600}+x$',
  ])('runs %s in V8 (one way on at each character)', (pattern) => {
    expect(isBacktrackFree(pattern)).toBe(true)
  })

  it.each([
    ['^(a+)+$', 'a group'],
    ['^(?:ab|a)c$', 'an alternation in a group'],
    ['^a|b$', 'an alternation'],
    ['^[0-9]+[0-9]+$', 'two repetitions that can split the same digits'],
    ['^\\d+\\.?\\d*$', 'a repetition overlapping one after an optional atom'],
    ['^.*x$', 'a repetition overlapping what follows'],
    ['a+b', 'no start anchor (every start position is tried)'],
    ['^(a)\\1$', 'a backreference'],
    ['^(?=a)a$', 'a lookahead'],
    ['^\\p{L}+$', 'a property escape'],
    ['^\\bx$', 'a word boundary'],
    ['^a$b$', 'an anchor inside'],
    ['^[]a$', 'an empty class'],
    ['^[\\d-z]+$', 'a range from a class escape'],
  ])('leaves %s to re2js (%s)', (pattern) => {
    expect(isBacktrackFree(pattern)).toBe(false)
  })

  it('answers as V8 does, and takes linear time where it says so, on any input', () => {
    const atom = fc.constantFrom('a', 'b', '[ab]', '[^a]', '\\d', '[0-9a]', '.', '\\.', '\\s')
    const quantifier = fc.constantFrom('', '+', '*', '?', '{2}', '{0,3}', '{1,}', '+?')
    const pattern = fc
      .array(fc.tuple(atom, quantifier), { minLength: 1, maxLength: 5 })
      .chain((items) =>
        fc.boolean().map((end) => `^${items.map(([a, q]) => a + q).join('')}${end ? '$' : ''}`),
      )
    const input = fc.stringMatching(/^[ab0-9. \n]{0,12}$/)
    fc.assert(
      fc.property(pattern, input, (source, text) => {
        const native = new RegExp(source, 'u')
        // Whichever engine linearRegExp picks, it answers as V8 does.
        expect(linearRegExp(source).test(text)).toBe(native.test(text))
        if (!isBacktrackFree(source)) return
        // A long input that keeps every repetition busy, then fails at the end.
        const long = `${(text || 'a').repeat(Math.ceil(20_000 / Math.max(1, text.length)))}\n!`
        const started = performance.now()
        native.test(long)
        expect(performance.now() - started).toBeLessThan(250)
      }),
      { numRuns: 1000 },
    )
  })

  it('is linear where it says so: 100,000 characters in well under a second', () => {
    const text = `${'a'.repeat(100_000)}!`
    for (const source of ['^[a-z]+[^a-z]*$', '^.*$', '^[^@]+@[^@]+$']) {
      expect(isBacktrackFree(source)).toBe(true)
      const started = performance.now()
      new RegExp(source, 'u').test(text)
      expect(performance.now() - started).toBeLessThan(1000)
    }
  })
})
