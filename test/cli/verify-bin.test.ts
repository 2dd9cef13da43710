/** `standin verify` as a real child process of the built bin: exit codes and stream separation. */
import { expect, it } from 'vitest'
import { runBin } from '../helpers/run-cli.js'

it('exits 0 against the stand-in and prints the report on stdout only', async () => {
  const run = await runBin([
    'verify',
    'contracts/fuel-consumption.contract.yaml',
    '--target',
    'mock',
    '--cases',
    '20',
  ])
  expect(run.stderr).toBe('')
  expect(run.stdout).toMatch(/^passed: \d+ checks, /m)
  expect(run.code).toBe(0)
})

it('exits 2 with one line on stderr when the target is unreachable', async () => {
  const run = await runBin([
    'verify',
    'contracts/fuel-consumption.contract.yaml',
    '--target',
    'http://127.0.0.1:9',
  ])
  expect(run).toEqual({
    code: 2,
    stdout: '',
    stderr:
      'http://127.0.0.1:9/: could not connect: connection refused (ECONNREFUSED): is the model running on that port? Start the model there or fix --target.\n',
  })
})
