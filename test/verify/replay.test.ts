import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { verify } from '../../src/verify/index.js'
import { transactionBrain } from '../models/brains.js'
import { startModel } from '../models/serve-model.js'

const contract = await loadContract(
  fileURLToPath(new URL('../../contracts/transaction-classifier.contract.yaml', import.meta.url)),
)

it('replays a failing invariance pair: the original and its perturbed twin, judged again', async () => {
  const model = await startModel(transactionBrain, 'invariance-broken')
  try {
    const full = await verify(contract, { target: model.url, seed: 4, cases: 10 })
    const failed = full.checks
      .find((c) => c.kind === 'invariance')
      ?.cases.find((v) => v.status === 'failed')
    if (!failed) throw new Error('expected an invariance failure')
    const again = await verify(contract, {
      target: model.url,
      seed: 4,
      cases: 10,
      replay: failed.caseId,
    })
    expect(again.replay).toBe(failed.caseId)
    expect(again.cases.map((c) => c.id)).toEqual([failed.baseId, failed.caseId])
    expect(again.cases[1]?.records).toEqual(full.cases.find((c) => c.id === failed.caseId)?.records)
    const check = again.checks.find((c) => c.kind === 'invariance')
    expect(check?.cases).toEqual([failed])
    expect(again.verdict).toBe('failed')
  } finally {
    await model.close()
  }
})
