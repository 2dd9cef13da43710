import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { verify } from '../../src/verify/index.js'
import type { WireRequest } from '../../src/verify/index.js'
import { runLoad } from '../../src/verify/run-load.js'
import { transactionBrain } from '../models/brains.js'
import { startModel } from '../models/serve-model.js'

const contract = await loadContract(
  fileURLToPath(new URL('../../contracts/transaction-classifier.contract.yaml', import.meta.url)),
)

it('holds a constant arrival rate against a good model and reports rate, percentiles and errors', async () => {
  const model = await startModel(transactionBrain, 'good')
  // Latency promises with room for a busy machine: this test is about the rate, not latency.
  const roomy = {
    ...contract,
    checks: { ...contract.checks, latency: { p50: 2000, p95: 4000, p99: 8000 } },
  }
  try {
    const result = await verify(roomy, {
      target: model.url,
      cases: 5,
      load: { rpm: 1200, duration: 1000 },
    })
    const load = result.checks.find((c) => c.kind === 'load')
    expect(load?.status).toBe('passed')
    expect(result.load).toMatchObject({ targetRpm: 1200, sent: 20, ok: 20, errors: 0 })
    expect(result.load?.achievedRpm).toBeGreaterThan(1140)
  } finally {
    await model.close()
  }
}, 20_000)

it('keeps the schedule when the model is slow, so its latency shows (an open model)', async () => {
  const model = await startModel(transactionBrain, 'slow')
  try {
    const result = await verify(contract, {
      target: model.url,
      cases: 2,
      concurrency: 8,
      load: { rpm: 1200, duration: 1000 },
    })
    const load = result.checks.find((c) => c.kind === 'load')
    expect(load?.status).toBe('failed')
    expect(load?.summary).toMatch(/(^|; )p50 \d+(\.\d)? ms under load, promised ≤ 50 ms/)
    expect(result.load?.sent).toBe(20)
    expect(result.load?.achievedRpm).toBeGreaterThan(1000)
  } finally {
    await model.close()
  }
}, 20_000)

it('refuses --load when the contract promises no load, before any traffic', async () => {
  await expect(verify(contract, { target: 'http://127.0.0.1:9', load: true })).rejects.toThrow(
    'transaction-classifier.contract.yaml#/checks: --load needs checks.load (rpm and duration) in the contract. Add one.',
  )
})

it('pulls streamed requests one at a time as they fall due and keeps at most maxInFlight in flight', async () => {
  let inFlight = 0
  let most = 0
  const slow = createServer((req, res) => {
    req.resume()
    inFlight++
    most = Math.max(most, inFlight)
    setTimeout(() => {
      inFlight--
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    }, 40)
  })
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve))
  const base = new URL(`http://127.0.0.1:${(slow.address() as AddressInfo).port}`)
  let pulled = 0
  let aheadOfAnswers = 0
  let answered = 0
  async function* requests(): AsyncGenerator<WireRequest> {
    for (let i = 0; i < 24; i++) {
      await Promise.resolve() // as a file read would
      pulled++
      // A request is pulled only when a slot is free: never more than 4 beyond the answers.
      aheadOfAnswers = Math.max(aheadOfAnswers, pulled - answered)
      yield { method: 'POST', path: '/predict', headers: {}, body: `{"i":${i}}` }
    }
  }
  try {
    slow.on('request', (_req, res) => res.on('finish', () => answered++))
    const summary = await runLoad(base, requests(), {
      rpm: 600_000,
      timeoutMs: 5000,
      maxInFlight: 4,
    })
    expect(summary).toMatchObject({ sent: 24, ok: 24, errors: 0 })
    expect(most).toBe(4)
    expect(aheadOfAnswers).toBeLessThanOrEqual(5)
    // Six waves of 40 ms: the last requests waited ~200 ms past their schedule, and it shows.
    expect(summary.max).toBeGreaterThan(150)
    expect(summary.p50).toBeGreaterThan(40)
  } finally {
    slow.closeAllConnections()
    await new Promise<void>((resolve) => slow.close(() => resolve()))
  }
}, 20_000)
