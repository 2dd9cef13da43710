import { expect, it } from 'vitest'
import { FORMAT_GENERATORS } from '../../src/generate/formats.js'
import { createRng } from '../../src/generate/index.js'
import type { Rng } from '../../src/generate/index.js'

const HEX = '0123456789abcdef'

/** The uuid as it was written first, a digit at a time: the bytes the faster form must keep. */
function reference(rng: Rng): string {
  let head = ''
  for (let i = 0; i < 16; i++) {
    const c = HEX[Math.floor(rng.next() * 16)] as string
    head += i === 12 ? '4' : c
    if (i === 7 || i === 11) head += '-'
  }
  let tail = ''
  for (let i = 16; i < 32; i++) {
    const c = HEX[Math.floor(rng.next() * 16)] as string
    if (i !== 16) tail += c
    if (i === 19) tail += '-'
  }
  return `${head}-${HEX[8 + rng.int(0, 3)] as string}${tail}`
}

it('draws the uuids the digit-at-a-time form draws, from the same rng, 100,000 in a row', () => {
  const uuid = FORMAT_GENERATORS.uuid as (rng: Rng) => string
  const a = createRng('uuid')
  const b = createRng('uuid')
  for (let i = 0; i < 100_000; i++) {
    const drawn = uuid(a)
    const expected = reference(b)
    if (drawn !== expected) expect(`${i}: ${drawn}`).toBe(`${i}: ${expected}`)
  }
  expect(a.next()).toBe(b.next())
})
