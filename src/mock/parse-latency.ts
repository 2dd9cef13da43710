/**
 * Latency for the stand-in: none, fixed, uniform over a range, or log-normal fitted to a p50/p99
 * pair. Written on the command line as `0`, `50ms`, `20..80ms`, `p50=40ms,p99=250ms`; in a
 * contract's `mock.latency` as `{min, max}` or `{p50, p99}` (milliseconds after loading).
 */
import { StandinError } from '../errors.js'
import { MAX_TIMER_MS, isTimerDelay, maxTimerText } from '../timer-limit.js'

/** Latency as options give it: milliseconds, a text like `20..80ms`, or an object. */
export type LatencySpec =
  | number
  | string
  | {
      readonly min?: number
      readonly max?: number
      readonly p50?: number
      readonly p99?: number
    }

/** Latency, normalised. */
export type Latency =
  | { readonly kind: 'none' }
  | { readonly kind: 'fixed'; readonly ms: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | {
      readonly kind: 'lognormal'
      readonly mu: number
      readonly sigma: number
      readonly cap: number
    }

/** The standard normal quantile at 0.99: ln(p99) = mu + z99 * sigma. */
const z99 = 2.3263478740408408

function bad(text: string, why: string): StandinError {
  return new StandinError(
    'mock.latency',
    `Invalid latency "${text}": ${why}. Write 50ms, 20..80ms (uniform) or p50=40ms,p99=250ms (log-normal).`,
  )
}

function millis(text: string, whole: string, unit = 'ms'): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/.exec(text)
  if (!match) throw bad(whole, `"${text.trim()}" is not a duration`)
  const value = Number(match[1])
  return (match[2] ?? unit) === 's' ? value * 1000 : value
}

function fromObject(spec: Exclude<LatencySpec, number | string>, shown: string): Latency {
  const { min, max, p50, p99 } = spec
  if (p50 !== undefined || p99 !== undefined) {
    if (p50 === undefined || p99 === undefined) throw bad(shown, 'give both p50 and p99')
    if (!(p50 > 0) || !(p99 >= p50)) throw bad(shown, 'p50 must be above 0 and p99 at least p50')
    if (!isTimerDelay(p99)) throw bad(shown, `p99 must be at most ${maxTimerText}`)
    const mu = Math.log(p50)
    const sigma = (Math.log(p99) - mu) / z99
    return { kind: 'lognormal', mu, sigma, cap: Math.min(p99 * 10, MAX_TIMER_MS) }
  }
  const lo = min ?? max ?? 0
  const hi = max ?? min ?? 0
  if (!(lo >= 0) || !(hi >= lo)) throw bad(shown, 'min must be at least 0 and max at least min')
  if (!isTimerDelay(hi)) throw bad(shown, `a delay must be at most ${maxTimerText}`)
  if (hi === 0) return { kind: 'none' }
  return lo === hi ? { kind: 'fixed', ms: lo } : { kind: 'uniform', min: lo, max: hi }
}

/**
 * Normalises a latency spec.
 *
 * @example
 * parseLatency('20..80ms') // { kind: 'uniform', min: 20, max: 80 }
 * parseLatency('p50=40ms,p99=250ms').kind // 'lognormal'
 *
 * @throws {StandinError} `mock.latency` when the text or the numbers make no sense.
 */
export function parseLatency(spec: LatencySpec | undefined): Latency {
  if (spec === undefined) return { kind: 'none' }
  if (typeof spec === 'number') return fromObject({ min: spec, max: spec }, String(spec))
  if (typeof spec !== 'string') return fromObject(spec, JSON.stringify(spec))
  const text = spec.trim()
  if (text === '' || text === 'off' || text === 'none') return { kind: 'none' }
  const range = /^(.+?)\.\.(.+)$/.exec(text)
  if (range) {
    const unit = /(ms|s)\s*$/.exec(text)?.[1] ?? 'ms'
    return fromObject(
      { min: millis(range[1] ?? '', text, unit), max: millis(range[2] ?? '', text, unit) },
      text,
    )
  }
  if (/^p\d/i.test(text)) {
    const parts: Record<string, number> = {}
    for (const part of text.split(',')) {
      const kv = /^\s*(p50|p99)\s*[=:]\s*(.+)$/i.exec(part)
      if (!kv) throw bad(text, `"${part.trim()}" is not p50=... or p99=...`)
      parts[(kv[1] ?? '').toLowerCase()] = millis(kv[2] ?? '', text)
    }
    return fromObject({ p50: parts.p50, p99: parts.p99 }, text)
  }
  const ms = millis(text, text)
  return fromObject({ min: ms, max: ms }, text)
}
