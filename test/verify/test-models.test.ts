/**
 * The proof that verify judges real servers right: the project's own test models, one per
 * protocol, each defect failing exactly the check that should catch it, the good models passing.
 */
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { verify } from '../../src/verify/index.js'
import type { VerifyResult } from '../../src/verify/index.js'
import { fuelBrain, newsBrain, ticketBrain, transactionBrain } from '../models/brains.js'
import type { Brain } from '../models/brains.js'
import { defects } from '../models/defects.js'
import type { Defect } from '../models/defects.js'
import { startModel } from '../models/serve-model.js'

const dir = fileURLToPath(new URL('../../contracts/', import.meta.url))

async function run(brain: Brain, defect: Defect): Promise<VerifyResult> {
  const contract = await loadContract(`${dir}${brain.contract}.contract.yaml`)
  const model = await startModel(brain, defect)
  try {
    return await verify(contract, { target: model.url, seed: 11, cases: 40, timeoutMs: 2000 })
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

for (const brain of [transactionBrain, ticketBrain, fuelBrain, newsBrain]) {
  it(`passes the good ${brain.contract} model on its protocol`, async () => {
    const result = await run(brain, 'good')
    expect({ failing: failing(result), verdict: result.verdict }).toEqual({
      failing: [],
      verdict: 'passed',
    })
  }, 30_000)
}

for (const defect of Object.keys(defects) as Defect[]) {
  if (defect === 'good') continue
  it(`fails exactly ${defects[defect].fails.join(', ')} for a json model that ${defects[defect].what} (${defect})`, async () => {
    const result = await run(transactionBrain, defect)
    expect(failing(result)).toEqual(defects[defect].fails)
  }, 30_000)
}

it('fails exactly the checks each defect targets on the kserve-v2 model too', async () => {
  for (const defect of [
    'wrong-type',
    'undeclared-field',
    'accepts-invalid',
    'invariance-broken',
    'one-class',
  ] as const) {
    const result = await run(ticketBrain, defect)
    expect({ defect, failing: failing(result) }).toEqual({ defect, failing: defects[defect].fails })
  }
}, 60_000)
