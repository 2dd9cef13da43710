import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { lintContracts } from '../../src/contract/index.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

it('finds nothing to report in the bundled contracts, generator proof included', async () => {
  const report = await lintContracts(['contracts/'], { cwd: root })
  expect(report.problems).toEqual([])
  expect(report.contracts.map((c) => c.name)).toEqual([
    'fuel-consumption',
    'news-signals',
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
          code: 'custom',
          severity: 'warning',
          file: contract.file,
          pointer: '',
          message: 'custom',
        },
      ],
    ],
  })
  expect(report.errors).toBe(0)
  expect(report.problems.map((p) => p.code)).toContain('custom')
})
