import randexpModule from 'randexp'
import { expect, it } from 'vitest'
import { compileRandexp } from '../../src/generate/pattern-draw.js'
import type { RandExpLike } from '../../src/generate/pattern-draw.js'
import { forRandexp } from '../../src/generate/generate-string.js'
import { createRng } from '../../src/generate/index.js'

const RandExp = randexpModule as unknown as typeof randexpModule.default

// The compiled draw makes the same rng calls as randexp, so it gives the same strings, seed for
// seed: the generator's bytes do not move (scripts/generator-fingerprint.ts checks the rest).
const PATTERNS = [
  '^v[0-9]+\\.[0-9]+\\.[0-9]+$',
  '^doc-[0-9a-f]{8}$',
  '^Q[1-9][0-9]{0,6}$',
  '^[a-z]{2,6}$',
  '^(red|green|blue)$',
  '^\\d+(\\.\\d{1,2})?$',
  '^[^a-z]*x?(?=y)$',
  '^(?:ab|c[d-f]+|)*\\s\\w\\W.$',
  '\\p{Lu}{2}[\\p{Ll}\\d]+',
  '^[\\u00e0-\\u00ff]+|é{3}$',
]

it('draws what randexp draws, from the same rng, for patterns of every token kind', () => {
  for (const source of PATTERNS) {
    const randexp = new RandExp(forRandexp(source))
    randexp.max = 24
    const compiled = compileRandexp(randexp as unknown as RandExpLike)
    expect(compiled, source).toBeDefined()
    const a = createRng(source)
    const b = createRng(source)
    randexp.randInt = (lo: number, hi: number) => b.int(lo, hi)
    for (let i = 0; i < 300; i++) expect(compiled?.(a), source).toBe(randexp.gen())
    expect(a.next()).toBe(b.next())
  }
}, 120_000) // 8 s alone; several times that beside other suites on two cores

it('leaves back-references to randexp', () => {
  expect(compileRandexp(new RandExp('^(a|b)\\1$') as unknown as RandExpLike)).toBeUndefined()
})
