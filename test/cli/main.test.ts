import { expect, it } from 'vitest'
import { commands } from '../../src/cli/main.js'
import { runBin, runInProcess } from '../helpers/run-cli.js'

it('lists every command in --help and exits 0', async () => {
  const run = await runInProcess(['--help'])
  expect(run.code).toBe(0)
  for (const name of ['lint', 'types', 'sample', 'serve', 'verify', 'diff', 'import', 'export']) {
    expect(run.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'))
  }
})

it('rejects an unknown command with exit 2 and names the commands', async () => {
  const run = await runInProcess(['lnt'])
  expect(run.code).toBe(2)
  expect(run.stderr).toBe(
    "standin: unknown command 'lnt'. Did you mean 'lint'? Run 'standin --help' for the list: lint, types, sample, serve, verify, diff, import, export, proxy, compare, drift, summary, registry, publish, consume, approve, can-swap.\n",
  )
})

it('rejects an unknown option with exit 2 and no stack trace', async () => {
  const run = await runBin(['lint', 'contracts', '--bogus'])
  expect(run.code).toBe(2)
  expect(run.stderr).toBe(
    "standin lint: unknown option '--bogus'. Run 'standin lint --help' for usage.\n",
  )
})

it('tells a path given where a kind or a format belongs to give the word first, and a misspelt word its match', async () => {
  const exported = await runInProcess(['export', 'contracts/transaction-classifier.contract.yaml'])
  expect(exported).toMatchObject({ code: 2, stdout: '' })
  expect(exported.stderr).toBe(
    "standin export: <openapi> must be 'openapi', not 'contracts/transaction-classifier.contract.yaml'. Give it first: standin export openapi contracts/transaction-classifier.contract.yaml. Run 'standin export --help' for usage.\n",
  )
  const registry = await runInProcess(['registry', 'srve'])
  expect(registry.stderr).toBe(
    "standin registry: <serve|token> must be one of serve, token, not 'srve'. Did you mean 'serve'? Run 'standin registry --help' for usage.\n",
  )
  const imported = await runInProcess(['import', 'mlflw', 'model'])
  expect(imported.stderr).toBe(
    "standin import: <mlflow|kserve-v2|openapi> must be one of mlflow, kserve-v2, openapi, not 'mlflw'. Did you mean 'mlflow'? Run 'standin import --help' for usage.\n",
  )
})

it('refuses a positional argument past the last one a command takes, naming it, instead of dropping it', async () => {
  const c = 'contracts/transaction-classifier.contract.yaml'
  const cases: [string[], string][] = [
    [['publish', c, 'b.yaml'], 'publish'],
    [['consume', 'transaction-classifier@^1', 'b.yaml', '--service', 'checkout'], 'consume'],
    [['approve', 'm@1.0.0', 'b.yaml', '--contract', 'x@1.0.0', '--by', 'me'], 'approve'],
    [['can-swap', 'm@1.0.0', 'b.yaml', '--contract', 'x'], 'can-swap'],
    [['sample', c, 'b.yaml'], 'sample'],
    [['diff', c, c, 'b.yaml'], 'diff'],
    [['proxy', c, 'b.yaml', '--target', 'http://127.0.0.1:9'], 'proxy'],
    [['registry', 'serve', 'b.yaml'], 'registry'],
  ]
  for (const [argv, name] of cases) {
    const run = await runInProcess(argv, undefined, { STANDIN_REGISTRY_URL: 'http://127.0.0.1:9' })
    expect(run, argv.join(' ')).toEqual({
      code: 2,
      stdout: '',
      stderr: `standin ${name}: unexpected argument 'b.yaml'. Run 'standin ${name} --help' for usage.\n`,
    })
  }
  // Commands whose last positional takes the rest still take several.
  const lint = await runInProcess(['lint', c, 'contracts/ticket-router.contract.yaml'])
  expect([lint.code, lint.stderr]).toEqual([0, ''])
})

it('prints its version', async () => {
  const run = await runBin(['--version'])
  expect(run.code).toBe(0)
  expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
})

it("says each note of a flag once in every command's help (the flag layer adds 'repeatable' and the default)", async () => {
  for (const { name } of commands) {
    const run = await runInProcess([name, '--help'])
    expect(run.code, name).toBe(0)
    for (const line of run.stdout.split('\n')) {
      expect(line.match(/repeatable/g)?.length ?? 0, `${name}: ${line}`).toBeLessThanOrEqual(1)
      expect(line.match(/\bdefault\b/g)?.length ?? 0, `${name}: ${line}`).toBeLessThanOrEqual(1)
      expect(line, `${name}: trailing space`).not.toMatch(/ $/)
    }
  }
})
