/** contractTests inside vitest: one test per check kind, against a function target. */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { StandinError } from '../../src/errors.js'
import { contractTests } from '../../src/verify/index.js'
import { transactionBrain } from '../models/brains.js'

const contract = await loadContract(
  fileURLToPath(new URL('../../contracts/transaction-classifier.contract.yaml', import.meta.url)),
)

/** A model as a plain function that refuses invalid inputs the way standin's errors do. */
function model(input: unknown): unknown {
  const problems = contract.validateInput(input)
  if (problems.length > 0) throw new StandinError('input.invalid', 'invalid input', problems)
  return transactionBrain.predict(input as Record<string, unknown>, 'good')
}

contractTests(contract, model, { describe, it, options: { cases: 20, seed: 5 } })

it('declares one test per check kind under the contract name', () => {
  const names: string[] = []
  contractTests(contract, model, {
    describe: (name, body) => {
      names.push(name)
      body()
    },
    it: (name) => void names.push(name),
  })
  expect(names).toEqual([
    'contract transaction-classifier@1.2.0',
    'conformance',
    'rejection',
    'examples',
    'invariance',
    'directional',
    'distribution',
    'failureRate',
    'latency',
    'load',
  ])
})

it('fails the test of a broken check with the case id, seed and pointers', async () => {
  const tests = new Map<string, () => Promise<void>>()
  contractTests(
    contract,
    (input: unknown) => ({
      ...transactionBrain.predict(input as Record<string, unknown>, 'good'),
      confidence: 2,
    }),
    {
      describe: (_name, body) => void body(),
      it: (name, body) => void tests.set(name, body),
      options: { cases: 5, seed: 5 },
    },
  )
  await expect(tests.get('conformance')?.()).rejects.toThrow(
    /conformance: valid inputs answered by the contract: 0 passed, \d+ failed, 1 skipped\n {2}case example:grocery-card-payment \(seed 5\): the output breaks the output schema\n {4}\/confidence: must be <= 1/,
  )
})

it('runs as one test per check under node:test too', () => {
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=tap',
      fileURLToPath(new URL('./node-test-suite.ts', import.meta.url)),
    ],
    { encoding: 'utf8', timeout: 60_000 },
  )
  expect(run.stdout).toMatch(/^# pass 9$/m)
  expect(run.stdout).toMatch(/^# fail 0$/m)
  expect(run.status).toBe(0)
}, 60_000)
