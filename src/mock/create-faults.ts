/**
 * Seeded fault injection: a latency per request and whether a request fails. Each draws from its
 * own seeded stream, so the same seed gives the same sequence of delays and failures in any run.
 */
import { StandinError } from '../errors.js'
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
}

/**
 * Makes the fault streams for one stand-in.
 *
 * @example
 * const faults = createFaults({ seed: 7, latency: '20..80ms', errorRate: 0.02 })
 * faults.delay() // a number in [20, 80], the same for seed 7 every run
 *
 * @throws {StandinError} `mock.latency` for a bad latency, `mock.error-rate` for a rate outside 0..1.
 */
export function createFaults(options: {
  readonly seed: number
  readonly latency?: LatencySpec
  readonly errorRate?: number
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
  return { latency, errorRate, delay, fails }
}
