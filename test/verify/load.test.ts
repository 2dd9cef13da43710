import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { verify } from '../../src/verify/index.js'
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
