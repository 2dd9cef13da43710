/**
 * The verdict matrix (issue 10): verify judges real servers right on all four protocols. The
 * good model of each protocol passes with three seeds in a row; each defect model fails exactly
 * the check that should catch it. Latency promises are widened for a busy machine except where
 * latency is what is tested (the `slow` defect), so no verdict here depends on timing.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import type { Contract } from '../../src/contract/contract-types.js'
import { verify } from '../../src/verify/index.js'
import type { VerifyResult } from '../../src/verify/index.js'
import { fuelBrain, hash, newsBrain, ticketBrain, transactionBrain } from '../models/brains.js'
import type { Brain } from '../models/brains.js'
import { appliesTo, defects } from '../models/defects.js'
import type { Defect } from '../models/defects.js'
import { startModel } from '../models/serve-model.js'

const dir = fileURLToPath(new URL('../../contracts/', import.meta.url))
const brains = [transactionBrain, ticketBrain, fuelBrain, newsBrain]

/** The contract with room for a loaded machine in its latency promise. */
function roomy(contract: Contract): Contract {
  return {
    ...contract,
    checks: { ...contract.checks, latency: { p50: 2000, p95: 4000, p99: 8000 } },
  }
}

async function run(
  brain: Brain,
  defect: Defect,
  seed = 11,
  served?: Contract,
): Promise<VerifyResult> {
  const bundled = await loadContract(`${dir}${brain.contract}.contract.yaml`)
  const contract = served ?? (defect === 'slow' ? bundled : roomy(bundled))
  const model = await startModel(brain, defect, 0, served)
  try {
    return await verify(contract, { target: model.url, seed, cases: 30, timeoutMs: 5000 })
  } finally {
    await model.close()
  }
}

function failing(result: VerifyResult): string[] {
  return [
    ...new Set(
      result.checks.filter((c) => c.status === 'failed' || c.status === 'error').map((c) => c.kind),
    ),
  ]
}

for (const brain of brains) {
  it(`passes the good ${brain.contract} model with seeds 1, 2 and 3 in a row, its protocol endpoints included`, async () => {
    for (const seed of [1, 2, 3]) {
      const result = await run(brain, 'good', seed)
      const protocol = result.checks.find((c) => c.kind === 'protocol')
      expect({ seed, failing: failing(result), verdict: result.verdict }).toEqual({
        seed,
        failing: [],
        verdict: 'passed',
      })
      expect(protocol?.status).toBe(result.contract.protocol === 'json' ? 'skipped' : 'passed')
    }
  }, 60_000)

  it(`fails exactly the check each defect targets on the ${brain.contract} model`, async () => {
    const seen: { defect: Defect; failing: string[] }[] = []
    const wanted: { defect: Defect; failing: string[] }[] = []
    for (const defect of Object.keys(defects) as Defect[]) {
      if (defect === 'good' || !appliesTo(defect, brain.contract)) continue
      seen.push({ defect, failing: failing(await run(brain, defect)) })
      wanted.push({ defect, failing: [...defects[defect].fails] })
    }
    expect(seen).toEqual(wanted)
  }, 120_000)
}

it('passes a json model that takes one record per request and refuses arrays, sending it no batch', async () => {
  const result = await run(transactionBrain, 'good')
  expect(result.verdict).toBe('passed')
  expect(result.cases.filter((c) => c.kind === 'batch')).toEqual([])
  expect(result.checks.find((c) => c.kind === 'protocol')?.reason).toBe(
    'the json protocol has no metadata or health endpoints',
  )
})

it('passes a json model whose endpoint declares batches, and sends it one', async () => {
  const bundled = await loadContract(`${dir}transaction-classifier.contract.yaml`)
  const batching = roomy({ ...bundled, endpoint: { ...bundled.endpoint, batch: true } })
  const result = await run(transactionBrain, 'good', 11, batching)
  expect(failing(result)).toEqual([])
  const batch = result.cases.find((c) => c.kind === 'batch')
  expect(batch?.records.length).toBe(3)
  expect(batch?.exchange.kind === 'answered' && batch.exchange.status).toBe(200)
})

it('names the tensor and the field when kserve-v2 metadata disagrees with the contract', async () => {
  const result = await run(ticketBrain, 'metadata-mismatch')
  const protocol = result.checks.find((c) => c.kind === 'protocol')
  expect(protocol?.summary).toBe(
    'model metadata disagrees with the contract: /inputs/0/datatype tensor "ticket_id" has datatype "FP32", the contract\'s is BYTES; /inputs/0/shape tensor "ticket_id" has shape [-1,7], the contract\'s is [-1]',
  )
})

it('fails exactly failureRate for an in-process model that throws on some inputs', async () => {
  const contract = roomy(await loadContract(`${dir}transaction-classifier.contract.yaml`))
  const examples = new Set(contract.examples.map((e) => JSON.stringify(e.input)))
  let thrown = 0
  const result = await verify(contract, {
    target: (input: unknown) => {
      const problems = contract.validateInput(input)
      if (problems.length > 0) throw Object.assign(new Error('invalid input'), { problems })
      const text = JSON.stringify(input)
      if (!examples.has(text) && hash(text) % 8 === 0) {
        thrown++
        throw new Error('model crashed')
      }
      return transactionBrain.predict(input as Record<string, unknown>, 'good')
    },
    cases: 40,
  })
  expect(thrown).toBeGreaterThan(0)
  expect(failing(result)).toEqual(['failureRate'])
})

it("keeps the README's verdict table in step with the defects", () => {
  const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8')
  const columns = ['transaction-classifier', 'ticket-router', 'fuel-consumption', 'news-signals']
  for (const defect of Object.keys(defects) as Defect[]) {
    const row = readme.split('\n').find((line) => line.startsWith(`| ${defect} |`))
    const cells = (row ?? '')
      .split('|')
      .slice(3, 7)
      .map((c) => c.trim())
    const wanted = columns.map((name) =>
      defect === 'good'
        ? 'passes'
        : appliesTo(defect, name)
          ? defects[defect].fails.join(', ')
          : 'n/a',
    )
    expect({ defect, cells: cells.map((c) => (c.startsWith('n/a') ? 'n/a' : c)) }).toEqual({
      defect,
      cells: wanted,
    })
  }
})
