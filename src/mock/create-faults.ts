/**
 * Seeded fault injection: a latency per request and whether a request fails. Each draws from its
 * own seeded stream, so the same seed gives the same sequence of delays and failures in any run.
 */
import { StandinError } from '../errors.js'
import { isTimerDelay, maxTimerText } from '../timer-limit.js'
import { createRng } from '../generate/index.js'
import { parseLatency, type Latency, type LatencySpec } from './parse-latency.js'

/** The fault streams of one stand-in. */
export interface Faults {
  /** The normalised latency. */
  readonly latency: Latency
  /** The share of requests that fail (0..1). */
  readonly errorRate: number
  /** The next request's delay in milliseconds (0 when there is no latency). */
  readonly delay: () => number
  /** Whether the next request fails. */
  readonly fails: () => boolean
  /** Streamed answers (openai-chat): delay before the first token, in ms (0: none). */
  readonly firstTokenMs: number
  /** Streamed answers: ms between two tokens (0: no pacing). */
  readonly tokenIntervalMs: number
}

/**
 * Makes the fault streams for one stand-in.
 *
 * @example
 * const faults = createFaults({ seed: 7, latency: '20..80ms', errorRate: 0.02 })
 * faults.delay() // a number in [20, 80], the same for seed 7 every run
 *
 * @throws {StandinError} `mock.latency` for a bad latency, `mock.error-rate` for a rate outside 0..1,
 * `mock.time-to-first-token` / `mock.tokens-per-second` for bad stream timing.
 */
export function createFaults(options: {
  readonly seed: number
  readonly latency?: LatencySpec
  readonly errorRate?: number
  /** Delay before a stream's first token, in ms (default 0). */
  readonly timeToFirstToken?: number
  /** Tokens per second of a stream (default: no pacing). */
  readonly tokensPerSecond?: number
}): Faults {
  const latency = parseLatency(options.latency)
  const errorRate = options.errorRate ?? 0
  if (!(errorRate >= 0 && errorRate <= 1))
    throw new StandinError(
      'mock.error-rate',
      `Invalid error rate ${String(options.errorRate)}: it is a share of requests. Give a number from 0 to 1, for example 0.02.`,
    )
  const root = createRng(options.seed)
  const latencyRng = root.fork('latency')
  const errorRng = root.fork('errors')
  let delay: () => number
  switch (latency.kind) {
    case 'none':
      delay = () => 0
      break
    case 'fixed':
      delay = () => latency.ms
      break
    case 'uniform':
      delay = () => latency.min + latencyRng.next() * (latency.max - latency.min)
      break
    case 'lognormal':
      delay = () => {
        // Box-Muller: one standard normal from two uniforms (1 - u keeps the log finite).
        const u = 1 - latencyRng.next()
        const v = latencyRng.next()
        const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
        return Math.min(Math.exp(latency.mu + latency.sigma * z), latency.cap)
      }
  }
  const fails = errorRate === 0 ? () => false : () => errorRng.next() < errorRate
  const firstTokenMs = options.timeToFirstToken ?? 0
  if (!isTimerDelay(firstTokenMs))
    throw new StandinError(
      'mock.time-to-first-token',
      `Invalid time to first token ${String(options.timeToFirstToken)}: give a duration from 0 to ${maxTimerText}, for example 300ms.`,
    )
  const rate = options.tokensPerSecond
  if (rate !== undefined && !(rate > 0 && Number.isFinite(rate)))
    throw new StandinError(
      'mock.tokens-per-second',
      `Invalid tokens per second ${String(rate)}: give a rate above 0, for example 40.`,
    )
  const tokenIntervalMs = rate === undefined ? 0 : 1000 / rate
  return { latency, errorRate, delay, fails, firstTokenMs, tokenIntervalMs }
}
