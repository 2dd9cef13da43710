import { expect, it } from 'vitest'
import { planNumber, skipOf } from '../../src/generate/generate-number.js'
import { createRng } from '../../src/generate/index.js'
import type { Shape } from '../../src/generate/shape.js'

type Bound = { value: number; exclusive: boolean; pointer: string } | undefined
const bound = (value: number, exclusive: boolean): Bound => ({ value, exclusive, pointer: '' })
const shape = (low: Bound, high: Bound): Shape =>
  ({ multipleOf: [], low, high }) as unknown as Shape

const RANGES: [string, Bound, Bound][] = [
  ['[0, 1]', bound(0, false), bound(1, false)],
  ['(0, 1)', bound(0, true), bound(1, true)],
  ['[0, 1)', bound(0, false), bound(1, true)],
  ['(-5, 20000]', bound(-5, true), bound(20000, false)],
  ['unbounded', undefined, undefined],
  ['[3, 3]', bound(3, false), bound(3, false)],
  ['[0, 2^40]', bound(0, false), bound(2 ** 40, false)],
]

it.each(RANGES)(
  "a float plan's skip draws from the rng what its draw draws: %s",
  (_, low, high) => {
    const plan = planNumber(shape(low, high), false).draw
    const skip = skipOf(plan)
    expect(skip).toBeDefined()
    for (let seed = 0; seed < 2000; seed++) {
      const drawn = createRng(seed)
      const skipped = createRng(seed)
      plan(drawn)
      skip?.(skipped)
      expect(skipped.next(), `seed ${seed}`).toBe(drawn.next())
    }
  },
)
