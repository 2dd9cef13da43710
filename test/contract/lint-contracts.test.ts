import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { ContractError, loadContract } from '../../src/contract/index.js'
import { lintContracts } from '../../src/lint/index.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

it('finds nothing to report in the bundled contracts, generator proof included', async () => {
  const report = await lintContracts(['contracts/'], { cwd: root })
  expect(report.problems).toEqual([])
  expect(report.contracts.map((c) => c.name)).toEqual([
    'fuel-consumption',
    'news-signals',
    'support-email-extractor',
    'ticket-router',
    'transaction-classifier',
  ])
})

it('reports an output no value can satisfy as an error under /output', async () => {
  const report = await lintContracts(['test/fixtures/contracts/unsatisfiable'], { cwd: root })
  const errors = report.problems.filter((p) => p.severity === 'error')
  expect(errors.map((p) => [p.code, p.pointer.startsWith('/output/')])).toEqual([
    ['schema.unsatisfiable', true],
  ])
})

it('skips the generator proof with generate: false and runs extra checks', async () => {
  const report = await lintContracts(['test/fixtures/contracts/unsatisfiable'], {
    cwd: root,
    generate: false,
    checks: [
      (contract) => [
        {
          code: 'x-custom',
          severity: 'warning',
          file: contract.file,
          pointer: '',
          message: 'custom',
        },
      ],
    ],
  })
  expect(report.errors).toBe(0)
  expect(report.problems.map((p) => p.code)).toContain('x-custom')
})

// Printed so any failure can be replayed: fc.assert(..., { seed }).
const seed = Number(process.env.STANDIN_SEED ?? Date.now() % 1_000_000)
console.log(`fast-check seed for test/contract/lint-contracts.test.ts: ${seed}`)

it('still reports an example that breaks the output schema whatever one unrelated key holds', async () => {
  const base = {
    contract: 1,
    name: 'with-bad-example',
    version: '1.0.0',
    input: { type: 'object', properties: { text: { type: 'string' } } },
    output: { type: 'object', properties: { label: { enum: ['a', 'b'] } } },
    examples: [{ name: 'one', input: { text: 'hi' }, output: { label: 'c' } }],
  }
  const exampleError = {
    code: 'contract.invalid-example',
    severity: 'error',
    pointer: '/examples/0/output/label',
    message: 'the example output must be equal to one of the allowed values: "a", "b"',
    hint: 'Fix the example, or the output schema if the example is right.',
  }
  const unrelated = fc.oneof(
    // A misspelled or unknown top-level key...
    fc.stringMatching(/^[a-z][a-zA-Z]{2,9}$/).filter((k) => !Object.hasOwn(base, k)),
    // ...or any value in a key the schemas and examples do not read.
    fc.constantFrom('description', 'owner', 'endpoint', 'checks', 'mock', 'version', 'name'),
  )
  const dir = mkdtempSync(join(tmpdir(), 'standin-lint-'))
  try {
    await fc.assert(
      fc.asyncProperty(unrelated, fc.jsonValue({ maxDepth: 3 }), async (key, value) => {
        const file = join(dir, 'mutated.contract.json')
        writeFileSync(file, JSON.stringify({ ...base, [key]: value }))
        const report = await lintContracts([file], { cwd: dir })
        expect(report.problems).toContainEqual({ ...exampleError, file })
        const loaded = await loadContract(file, { cwd: dir }).catch((e: unknown) => e)
        expect(loaded).toBeInstanceOf(ContractError)
      }),
      { seed, numRuns: 60 },
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
