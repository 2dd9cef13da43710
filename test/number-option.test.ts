/**
 * Numbers a library caller passes as options: a NaN, an Infinity, a negative or a timer longer
 * than node keeps is refused where it comes in, with the option's name and range, instead of
 * switching a limit off (`size > NaN` is never true) or firing a timer at once.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createHandler } from '../src/serve/index.js'
import { createMock, parseLatency } from '../src/mock/index.js'
import { startProxy } from '../src/traffic/index.js'
import { verify } from '../src/verify/index.js'
import { loadContract } from '../src/contract/index.js'
import { outOfRange } from '../src/number-option.js'
import { MAX_TIMER_MS } from '../src/timer-limit.js'
import { root } from './helpers/run-cli.js'

const contract = await loadContract(`${root}contracts/transaction-classifier.contract.yaml`)
const codeOf = (run: () => unknown): string | undefined => {
  try {
    run()
  } catch (error) {
    return (error as { code?: string }).code
  }
  return undefined
}

describe('outOfRange', () => {
  it('passes every number in range and names the range for every other', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.oneof(fc.double(), fc.integer({ min: -3000, max: 3000 })),
        fc.boolean(),
        (min, width, value, integer) => {
          const range = { min, max: min + width, integer }
          const inRange =
            Number.isFinite(value) &&
            value >= range.min &&
            value <= range.max &&
            (!integer || Number.isInteger(value))
          const wrong = outOfRange('n', value, range)
          if (inRange) expect(wrong).toBeUndefined()
          else
            expect(wrong).toBe(
              `n must be ${integer ? 'an integer' : 'a number'} from ${range.min} to ${range.max}, got ${String(value)}.`,
            )
        },
      ),
    )
  })
})

describe('the options that end in a limit or a timer', () => {
  it.each([
    ['bodyLimit', Number.NaN],
    ['bodyLimit', 0],
    ['bodyLimit', 2 ** 40],
    ['maxDepth', -1],
    ['maxKeys', Number.POSITIVE_INFINITY],
    ['maxItems', 1.5],
    ['maxStringLength', Number.NaN],
    ['slowMs', MAX_TIMER_MS + 1],
    ['timeoutMs', 3.6e9],
  ])('createHandler refuses %s %s with serve.option', (name, value) => {
    expect(codeOf(() => createHandler([contract], { [name]: value }))).toBe('serve.option')
  })

  it('createHandler keeps the limits it is given within range', () => {
    const handler = createHandler([contract], { bodyLimit: 10, timeoutMs: MAX_TIMER_MS })
    expect(handler.bodyLimit).toBe(10)
  })

  it('a latency or a time to first token beyond what a timer waits is refused', () => {
    expect(codeOf(() => parseLatency('0..3000000s'))).toBe('mock.latency')
    expect(codeOf(() => parseLatency('p50=1s,p99=3000000s'))).toBe('mock.latency')
    expect(parseLatency('p50=1s,p99=2000000s')).toMatchObject({
      kind: 'lognormal',
      cap: MAX_TIMER_MS,
    })
    expect(codeOf(() => createMock(contract, { timeToFirstToken: 3e9 }))).toBe(
      'mock.time-to-first-token',
    )
  })

  it('verify refuses a timeout longer than node keeps (every request timed out at once)', async () => {
    await expect(verify(contract, { target: 'mock', timeoutMs: 3.6e9 })).rejects.toMatchObject({
      code: 'verify.option',
      message:
        "timeoutMs must be a number from 1 to 2147483647 ms, 596h (the longest wait node's timers keep), got 3600000000.",
    })
  })

  it('startProxy refuses a timeout or a body limit out of range', async () => {
    await expect(
      startProxy(contract, { target: 'http://127.0.0.1:9', port: 0, timeoutMs: Number.NaN }),
    ).rejects.toMatchObject({ code: 'proxy.option' })
    await expect(
      startProxy(contract, { target: 'http://127.0.0.1:9', port: 0, bodyLimit: -1 }),
    ).rejects.toMatchObject({ code: 'proxy.option' })
  })
})
