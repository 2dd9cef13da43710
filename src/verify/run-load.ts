/**
 * The load check: the contract's `rpm` for its `duration` at a constant arrival rate. This is an
 * open model: request k starts at k × (60000 / rpm) ms whether or not earlier ones answered, and
 * its latency is counted from that scheduled start, so a slow server cannot hide its latency by
 * slowing the client down (coordinated omission). autocannon's `overallRate` paces connections
 * that each wait for their answer (a closed model), so the scheduler here is standin's own, over
 * node:http with keep-alive sockets.
 */
import type { Contract } from '../contract/index.js'
import type { CheckResult, LoadSummary, WireRequest } from './result-types.js'
import { createHttpClient } from './send-http.js'
import { quantile } from './stats.js'

/** Options of one load run. */
export interface LoadOptions {
  readonly rpm: number
  readonly durationMs: number
  readonly timeoutMs: number
  readonly signal?: AbortSignal
}

/**
 * Sends `requests` round-robin at `rpm` for `durationMs` and summarises what came back.
 *
 * @example
 * const summary = await runLoad(new URL('http://127.0.0.1:8080'), requests, { rpm: 600, durationMs: 10_000, timeoutMs: 10_000 })
 */
export async function runLoad(
  baseUrl: URL,
  requests: readonly WireRequest[],
  options: LoadOptions,
): Promise<LoadSummary> {
  const client = createHttpClient(baseUrl, { timeoutMs: options.timeoutMs, concurrency: 1024 })
  const interval = 60_000 / options.rpm
  const total = Math.max(1, Math.floor(options.durationMs / interval))
  const latencies: number[] = []
  let ok = 0
  let errors = 0
  let started = 0
  let lastStart = 0
  const pending: Promise<void>[] = []
  const t0 = performance.now()
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now()
      const due = Math.min(total, Math.floor((now - t0) / interval) + 1)
      while (started < due && options.signal?.aborted !== true) {
        const scheduled = t0 + started * interval
        const request = requests[started % requests.length]
        started++
        lastStart = performance.now()
        if (!request) continue
        pending.push(
          client.send(request).then((exchange) => {
            latencies.push(performance.now() - scheduled)
            if (exchange.kind === 'answered' && exchange.status >= 200 && exchange.status <= 299)
              ok++
            else errors++
          }),
        )
      }
      if (started >= total || options.signal?.aborted === true) resolve()
      else setTimeout(tick, Math.max(0, t0 + started * interval - performance.now()))
    }
    tick()
  })
  // The achieved rate is the arrival rate kept: requests started over the schedule's span (one
  // interval per request), not completions, which a slow server would drag down.
  const span = Math.max(interval, lastStart - t0 + interval)
  await Promise.all(pending)
  const elapsed = performance.now() - t0
  client.close()
  const round = (x: number): number => Math.round(x * 10) / 10
  return {
    targetRpm: options.rpm,
    achievedRpm: round((started / span) * 60_000),
    durationMs: round(elapsed),
    sent: started,
    ok,
    errors,
    p50: round(quantile(latencies, 0.5)),
    p95: round(quantile(latencies, 0.95)),
    p99: round(quantile(latencies, 0.99)),
    mean: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)),
    max: round(latencies.reduce((a, b) => Math.max(a, b), 0)),
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
