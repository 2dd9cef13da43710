/**
 * The load check at a constant arrival rate: the contract's `rpm` for its `duration` (its inputs
 * round-robin), or every row of `--cases-from` once, streamed from the file. This is an open
 * model: request k starts at k × (60000 / rpm) ms whether or not earlier ones answered, and its
 * latency is counted from that scheduled start, so a slow server cannot hide its latency by
 * slowing the client down (coordinated omission). autocannon's `overallRate` paces connections
 * that each wait for their answer (a closed model), so the scheduler here is standin's own, over
 * node:http with keep-alive sockets.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { Contract } from '../contract/index.js'
import { addToSketch, newSketch, sketchMean, sketchQuantile } from '../sketch.js'
import type { CheckResult, LoadSummary, WireRequest } from './result-types.js'
import { createHttpClient } from './send-http.js'

/** Options of one load run. */
export interface LoadOptions {
  readonly rpm: number
  readonly timeoutMs: number
  readonly signal?: AbortSignal
  /**
   * Most requests in flight at once (default 1024). Past it the next start waits for an answer,
   * and the wait counts in its latency (it is measured from the scheduled start): memory stays
   * bounded however slow the model is, and the slowness still shows.
   */
  readonly maxInFlight?: number
}

/** `count` requests taken round-robin from `requests`: the contract's rate for its duration. */
export function* roundRobin(
  requests: readonly WireRequest[],
  count: number,
): Generator<WireRequest> {
  if (requests.length === 0) return
  for (let i = 0; i < count; i++) yield requests[i % requests.length] as WireRequest
}

/** The requests of a contract's load: its `rpm` for `durationMs`, at least one. */
export function loadCount(rpm: number, durationMs: number): number {
  return Math.max(1, Math.floor(durationMs / (60_000 / rpm)))
}

const round = (x: number): number => Math.round(x * 10) / 10

/**
 * Sends every request `requests` yields, one every 60000 / `rpm` ms, and summarises what came
 * back. The requests are pulled one at a time as they fall due, so a stream of a million rows
 * is never held; latencies go into a quantile sketch (percentiles within 1%, mean and max
 * exact), so memory does not grow with the number of requests either.
 *
 * @example
 * const summary = await runLoad(new URL('http://127.0.0.1:8080'), roundRobin(requests, 100), { rpm: 600, timeoutMs: 10_000 })
 */
export async function runLoad(
  baseUrl: URL,
  requests: AsyncIterable<WireRequest> | Iterable<WireRequest>,
  options: LoadOptions,
): Promise<LoadSummary> {
  const maxInFlight = options.maxInFlight ?? 1024
  const client = createHttpClient(baseUrl, {
    timeoutMs: options.timeoutMs,
    concurrency: maxInFlight,
  })
  const interval = 60_000 / options.rpm
  const latencies = newSketch()
  let ok = 0
  let errors = 0
  let started = 0
  let lastStart = 0
  let inFlight = 0
  // The one waiter (the loop below) for an answer, when it waits for a free slot or the end.
  let answered: (() => void) | undefined
  const waitForAnswer = (): Promise<void> => new Promise((resolve) => (answered = resolve))
  const aborted = (): boolean => options.signal?.aborted === true
  const t0 = performance.now()
  try {
    for await (const request of requests) {
      const scheduled = t0 + started * interval
      const early = scheduled - performance.now()
      if (early >= 1) await sleep(early, undefined, { signal: options.signal }).catch(() => {})
      while (inFlight >= maxInFlight) await waitForAnswer()
      if (aborted()) break
      started++
      lastStart = performance.now()
      inFlight++
      const done = (good: boolean): void => {
        addToSketch(latencies, performance.now() - scheduled)
        if (good) ok++
        else errors++
        inFlight--
        answered?.()
      }
      client.send(request).then(
        (e) => done(e.kind === 'answered' && e.status >= 200 && e.status <= 299),
        () => done(false),
      )
    }
    while (inFlight > 0) await waitForAnswer()
  } finally {
    client.close()
  }
  // The achieved rate is the arrival rate kept: requests started over the schedule's span (one
  // interval per request), not completions, which a slow server would drag down.
  const span = Math.max(interval, lastStart - t0 + interval)
  const empty = latencies.count === 0
  const at = (q: number): number => (empty ? 0 : round(sketchQuantile(latencies, q)))
  return {
    targetRpm: options.rpm,
    achievedRpm: round((started / span) * 60_000),
    durationMs: round(performance.now() - t0),
    sent: started,
    ok,
    errors,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    mean: empty ? 0 : round(sketchMean(latencies)),
    max: empty ? 0 : round(latencies.max),
  }
}

/** Judges a load run against the contract: achieved rate ≥ 95% of the target, errors within failureRate, latency within its promises. */
export function checkLoad(contract: Contract, summary: LoadSummary): CheckResult {
  const failures: string[] = []
  if (summary.achievedRpm < summary.targetRpm * 0.95)
    failures.push(`achieved ${summary.achievedRpm} rpm, below 95% of ${summary.targetRpm} rpm`)
  const rate = summary.sent === 0 ? 0 : summary.errors / summary.sent
  const maxRate = contract.checks.failureRate?.max ?? 0
  if (rate > maxRate)
    failures.push(
      `${summary.errors} of ${summary.sent} requests failed (${(rate * 100).toFixed(1)}%, at most ${(maxRate * 100).toFixed(1)}%)`,
    )
  const promise = contract.checks.latency ?? {}
  for (const k of ['p50', 'p95', 'p99'] as const) {
    const p = promise[k]
    if (p !== undefined && summary[k] > p)
      failures.push(`${k} ${summary[k]} ms under load, promised ≤ ${p} ms`)
  }
  const text = `${summary.sent} requests at ${summary.targetRpm} rpm for ${(summary.durationMs / 1000).toFixed(1)} s: achieved ${summary.achievedRpm} rpm, p50 ${summary.p50} ms, p95 ${summary.p95} ms, p99 ${summary.p99} ms, ${summary.errors} errors`
  return {
    id: 'load',
    kind: 'load',
    name: 'load',
    status: failures.length === 0 ? 'passed' : 'failed',
    summary: failures.length === 0 ? text : `${failures.join('; ')} (${text})`,
    cases: [],
    measurements: { ...summary },
  }
}
