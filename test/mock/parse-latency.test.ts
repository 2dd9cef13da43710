import { expect, it } from 'vitest'
import { parseLatency } from '../../src/mock/parse-latency.js'

it('reads a uniform range, a fixed delay, none, and a p50/p99 pair', () => {
  expect(parseLatency('20..80ms')).toEqual({ kind: 'uniform', min: 20, max: 80 })
  expect(parseLatency('1..2s')).toEqual({ kind: 'uniform', min: 1000, max: 2000 })
  expect(parseLatency('20ms..1s')).toEqual({ kind: 'uniform', min: 20, max: 1000 })
  expect(parseLatency('50ms')).toEqual({ kind: 'fixed', ms: 50 })
  expect(parseLatency(0)).toEqual({ kind: 'none' })
  expect(parseLatency('0')).toEqual({ kind: 'none' })
  expect(parseLatency('off')).toEqual({ kind: 'none' })
  expect(parseLatency(undefined)).toEqual({ kind: 'none' })
  const lognormal = parseLatency('p50=40ms,p99=250ms')
  expect(lognormal.kind).toBe('lognormal')
  if (lognormal.kind === 'lognormal') {
    expect(Math.exp(lognormal.mu)).toBeCloseTo(40, 9)
    expect(Math.exp(lognormal.mu + 2.3263478740408408 * lognormal.sigma)).toBeCloseTo(250, 9)
  }
  expect(parseLatency({ p50: 40, p99: 250 })).toEqual(parseLatency('p50:40ms, p99:250ms'))
  expect(parseLatency({ min: 5, max: 9 })).toEqual({ kind: 'uniform', min: 5, max: 9 })
})

it('refuses latencies that make no sense, saying how to write one', () => {
  const tail = 'Write 50ms, 20..80ms (uniform) or p50=40ms,p99=250ms (log-normal).'
  expect(() => parseLatency('fast')).toThrow(
    `Invalid latency "fast": "fast" is not a duration. ${tail}`,
  )
  expect(() => parseLatency('80..20ms')).toThrow(
    `Invalid latency "80..20ms": min must be at least 0 and max at least min. ${tail}`,
  )
  expect(() => parseLatency('p50=40ms')).toThrow(
    `Invalid latency "p50=40ms": give both p50 and p99. ${tail}`,
  )
  expect(() => parseLatency('p50=40ms,p99=10ms')).toThrow(
    `Invalid latency "p50=40ms,p99=10ms": p50 must be above 0 and p99 at least p50. ${tail}`,
  )
  expect(() => parseLatency('p50=40ms,p90=10ms')).toThrow(
    `Invalid latency "p50=40ms,p90=10ms": "p90=10ms" is not p50=... or p99=.... ${tail}`,
  )
})
