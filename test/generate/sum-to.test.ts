import { expect, it } from 'vitest'
import { applySumTo, round12 } from '../../src/generate/sum-to.js'
import { createRng } from '../../src/generate/index.js'
import type { Rng } from '../../src/generate/index.js'

/** sumTo as it was written first (Math.pow and toFixed): the bytes the fast form must keep. */
function reference(values: number[], total: number, rng: Rng): number[] {
  const sharp = rng.float(1, 4)
  const weights = values.map(() => Math.pow(-Math.log(1 - rng.next()), sharp) + 1e-9)
  const sum = weights.reduce((a, b) => a + b, 0)
  let used = 0
  return values.map((_, i) => {
    if (i === values.length - 1) return Math.max(0, Number((total - used).toFixed(12)))
    const share = Math.floor(((weights[i] as number) / sum) * total * 1e6) / 1e6
    used += share
    return share
  })
}

it('gives the shares Math.pow and toFixed give, bit for bit, for 100,000 vectors', () => {
  const lengths = createRng('sum-to:lengths')
  const totals = [1, 100, 0.5, 3, 1e-3, 7.25]
  for (let k = 0; k < 100_000; k++) {
    const n = lengths.int(1, 24)
    const total = totals[k % totals.length] as number
    const a = createRng(`sum-to:${k}`)
    const b = createRng(`sum-to:${k}`)
    const values = Array.from({ length: n }, () => 0.5)
    const fast = applySumTo([...values], total, a) as number[]
    const slow = reference(values, total, b)
    // Compared without expect() per value (1.2 million calls took 30 s on a loaded machine);
    // the first difference fails the test with its vector.
    const same = fast.length === n && slow.every((x, i) => Object.is(fast[i], x))
    if (!same || a.next() !== b.next())
      expect.fail(`vector ${k} (${n} values to ${total}): ${String(fast)} where ${String(slow)}`)
  }
})

it('rounds to 12 decimals as Number(x.toFixed(12)) does, ties and signs included', () => {
  const rng = createRng('round12')
  const samples = [0, -0, 1, -1, 0.5e-12, 1.5e-12, -2.5e-12, 999.9999999999995, 1e3, 1e21, -1e-13]
  for (let i = 0; i < 200_000; i++) samples.push((rng.next() - 0.5) * 10 ** rng.int(-14, 4))
  const wrong = samples.filter((x) => !Object.is(round12(x), Number(x.toFixed(12))))
  expect(wrong.map((x) => [x, round12(x), Number(x.toFixed(12))])).toEqual([])
})
