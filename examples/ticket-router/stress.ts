/**
 * The ticket router's stress test: the contract's promised rate (3,000 inferences a minute)
 * against its latency promise, then 10x and 60x that rate to show where the promise stops
 * holding. An open model (requests start on schedule whether or not earlier ones answered), so a
 * saturated server cannot hide its latency. Uses standin's `verify` library call with `load`.
 *
 *   node --import tsx examples/ticket-router/stress.ts http://127.0.0.1:8080 [--seconds 6]
 *
 * Exits 1 when the model breaks its promise at the promised rate; above it, it only reports.
 */
import { loadContract, verify } from 'standin'

const target = process.argv[2]
if (!target?.startsWith('http')) {
  console.error('Give the model URL: stress.ts http://127.0.0.1:PORT [--seconds 10]')
  process.exit(2)
}
const secondsIndex = process.argv.indexOf('--seconds')
const seconds = secondsIndex > 0 ? Number(process.argv[secondsIndex + 1]) : 6
const contract = await loadContract(
  new URL('../../contracts/ticket-router.contract.yaml', import.meta.url).pathname,
)
const promised = contract.checks.load?.rpm ?? 3000
const latency = contract.checks.latency ?? {}
console.log(
  `promise: ${promised} inferences/min with p50 ≤ ${latency.p50 ?? '-'} ms, p95 ≤ ${latency.p95 ?? '-'} ms, p99 ≤ ${latency.p99 ?? '-'} ms, failures ≤ ${((contract.checks.failureRate?.max ?? 0) * 100).toFixed(1)}%`,
)
console.log('rate           achieved/min   p50 ms   p95 ms   p99 ms   errors   verdict')
let promiseHeld = true
for (const factor of [1, 10, 60]) {
  const rpm = promised * factor
  const durationMs = Math.round((factor === 1 ? seconds : 2) * 1000)
  const result = await verify(contract, {
    target,
    seed: 7,
    cases: 0,
    load: { rpm, duration: durationMs },
  })
  const check = result.checks.find((c) => c.kind === 'load')
  const load = result.load
  if (!check || !load) throw new Error('verify ran no load check')
  const held = check.status === 'passed'
  if (factor === 1 && !held) promiseHeld = false
  console.log(
    `${`${factor}x ${rpm}/min`.padEnd(15)}${String(load.achievedRpm).padStart(12)}${String(load.p50).padStart(9)}${String(load.p95).padStart(9)}${String(load.p99).padStart(9)}${String(load.errors).padStart(9)}   ${held ? 'holds the promise' : `breaks it: ${check.summary.split(' (')[0]}`}`,
  )
}
process.exit(promiseHeld ? 0 : 1)
