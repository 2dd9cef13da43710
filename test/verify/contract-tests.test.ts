/** contractTests inside vitest: one test per check kind, against a function target. */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { StandinError } from '../../src/errors.js'
import { contractTests } from '../../src/verify/index.js'
import type { TestApi } from '../../src/verify/index.js'
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
    'protocol',
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
    /conformance: valid inputs answered by the contract: 0 passed, \d+ failed\n {2}case example:grocery-card-payment \(seed 5\): the output breaks the output schema\n {4}\/confidence: must be <= 1/,
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
  expect(run.stdout).toMatch(/^# pass 7$/m)
  expect(run.stdout).toMatch(/^# skipped 3$/m)
  expect(run.stdout).toMatch(/^# fail 0$/m)
  expect(run.stdout).toContain(
    'ok 1 - protocol # SKIP the target is in-process: metadata and health endpoints are served over HTTP',
  )
  expect(run.stdout).toContain(
    'ok 6 - directional # SKIP the contract declares no directional checks',
  )
  expect(run.stdout).toContain(
    'ok 10 - load (skipped: the contract declares no load; opt in with checks.load and --load) # SKIP',
  )
  expect(run.status).toBe(0)
}, 60_000)

/** A jest-like api that records what is declared, with `it.skip`, and runs nothing. */
function recorder(): {
  api: TestApi
  declared: string[]
  bodies: Map<string, (...c: unknown[]) => Promise<void>>
} {
  const declared: string[] = []
  const bodies = new Map<string, (...c: unknown[]) => Promise<void>>()
  const it = Object.assign(
    (name: string, body: (...c: unknown[]) => Promise<void>) => {
      declared.push(name)
      bodies.set(name, body)
    },
    { skip: (name: string) => void declared.push(`skip: ${name}`) },
  )
  return { api: { describe: (_name, body) => void body(), it }, declared, bodies }
}

it("declares quality checks against the stand-in and load without the option with the runner's it.skip and the reason", () => {
  const { api, declared } = recorder()
  contractTests(contract, 'mock', api)
  expect(declared).toEqual([
    'protocol',
    'conformance',
    'rejection',
    'skip: examples (skipped: the stand-in is not the model: model quality is judged against the real model at swap time)',
    'skip: invariance (skipped: the stand-in is not the model: model quality is judged against the real model at swap time)',
    'skip: directional (skipped: the stand-in is not the model: model quality is judged against the real model at swap time)',
    'skip: distribution (skipped: the stand-in is not the model: model quality is judged against the real model at swap time)',
    'failureRate',
    'latency',
    'skip: load (skipped: the contract declares no load; opt in with checks.load and --load)',
  ])
})

it("skips a check found skipped in the run through the runner's context, with the reason (vitest ctx.skip)", async () => {
  const { api, bodies } = recorder()
  contractTests(Promise.resolve(contract), model, { ...api, options: { cases: 5 } })
  const notes: string[] = []
  await bodies.get('protocol')?.({ skip: (note: string) => void notes.push(note) })
  await bodies.get('conformance')?.({ skip: (note: string) => void notes.push(note) })
  expect(notes).toEqual([
    'the target is in-process: metadata and health endpoints are served over HTTP',
  ])
})

it('takes a contract path, loaded in the first test, for suites without top-level await', async () => {
  const { api, declared, bodies } = recorder()
  contractTests('contracts/transaction-classifier.contract.yaml', model, {
    ...api,
    options: { cases: 5 },
  })
  expect(declared[0]).toBe('protocol')
  await expect(bodies.get('conformance')?.()).resolves.toBeUndefined()
})

it("fails the first test with the loader's message when the contract path does not load", async () => {
  const { api, bodies } = recorder()
  contractTests('contracts/missing.contract.yaml', model, api)
  await expect(bodies.get('protocol')?.()).rejects.toThrow(
    'contracts/missing.contract.yaml#: file not found. Check the path (contracts are usually contracts/<name>.contract.yaml).',
  )
})
