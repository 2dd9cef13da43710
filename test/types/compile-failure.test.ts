/**
 * An error json-schema-to-typescript throws is a bug to report, but `standin types` still says it
 * in one line that names the contract and the side, not with a stack trace.
 */
import { expect, it, vi } from 'vitest'
import { runInProcess, root } from '../helpers/run-cli.js'

vi.mock('../../src/types/load-compiler.js', () => ({
  loadCompiler: () =>
    Promise.resolve({
      compile: () =>
        Promise.reject(new ReferenceError('Schema must define either A or B\n    at x')),
    }),
}))

it('reports an error of json-schema-to-typescript in one line naming the contract and side', async () => {
  const run = await runInProcess(
    ['types', 'test/fixtures/contracts/good/minimal.contract.yaml', '--out', '-'],
    root,
  )
  expect(run.code).toBe(2)
  expect(run.stdout).toBe('')
  expect(run.stderr).toBe(
    'test/fixtures/contracts/good/minimal.contract.yaml#/input: json-schema-to-typescript cannot write the input of contract "minimal" as TypeScript (Schema must define either A or B). This is a bug in standin: please report it with the schema.\n',
  )
})
