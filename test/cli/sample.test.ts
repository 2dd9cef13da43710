import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { runInProcess } from '../helpers/run-cli.js'

const classifier = 'contracts/transaction-classifier.contract.yaml'

function lines(stdout: string): unknown[] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown)
}

it('prints N valid outputs as JSON Lines', async () => {
  const contract = await loadContract(classifier)
  const run = await runInProcess(['sample', classifier, '--count', '5', '--seed', '7'])
  expect(run).toMatchObject({ code: 0, stderr: '' })
  const outputs = lines(run.stdout)
  expect(outputs).toHaveLength(5)
  for (const output of outputs) expect(contract.validateOutput(output)).toEqual([])
})

it('prints the same bytes for the same seed and different ones for another seed', async () => {
  const first = await runInProcess(['sample', classifier, '--count', '3', '--seed', '11'])
  const again = await runInProcess(['sample', classifier, '--count', '3', '--seed', '11'])
  const other = await runInProcess(['sample', classifier, '--count', '3', '--seed', '12'])
  expect(again.stdout).toBe(first.stdout)
  expect(other.stdout).not.toBe(first.stdout)
})

it('prints valid inputs with --side input', async () => {
  for (const file of [
    'news-signals',
    'ticket-router',
    'fuel-consumption',
    'transaction-classifier',
  ]) {
    const path = `contracts/${file}.contract.yaml`
    const contract = await loadContract(path)
    const run = await runInProcess(['sample', path, '--side', 'input', '--count', '10'])
    expect(run.code).toBe(0)
    for (const input of lines(run.stdout)) expect(contract.validateInput(input)).toEqual([])
  }
})

it("prints the stand-in's answer to one input with --for, echoing its request_id", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-sample-'))
  const input = {
    request_id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
    narration: 'POS TESCO STORES 3345 LONDON',
    amount: 23.1,
    currency: 'GBP',
    direction: 'debit',
  }
  writeFileSync(join(dir, 'input.json'), JSON.stringify(input))
  const run = await runInProcess(
    ['sample', join(process.cwd(), classifier), '--for', 'input.json'],
    dir,
  )
  expect(run.code).toBe(0)
  const outputs = lines(run.stdout) as {
    request_id: string
    category: string
    scores: Record<string, number>
  }[]
  expect(outputs).toHaveLength(1)
  const [output] = outputs
  expect(output?.request_id).toBe(input.request_id)
  const scores = output?.scores ?? {}
  expect(scores[output?.category ?? '']).toBe(Math.max(...Object.values(scores)))
})

it('rejects an input that breaks the input schema, by pointer', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-sample-'))
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ narration: 'x' }))
  const run = await runInProcess(
    ['sample', join(process.cwd(), classifier), '--for', 'bad.json'],
    dir,
  )
  expect(run.code).toBe(2)
  // Named as given, where it said <input>; from standard input, <stdin>, as its JSON errors say.
  expect(run.stderr).toContain('bad.json#/request_id: is required. Fix the input record.')
  expect(run.stderr).not.toContain('<input>')
})

it('rejects a bad --count, a bad --side and --for with --side input', async () => {
  const count = await runInProcess(['sample', classifier, '--count', 'x'])
  expect(count).toMatchObject({
    code: 2,
    stderr: "standin sample: --count must be an integer of at least 1, not 'x'.\n",
  })
  const side = await runInProcess(['sample', classifier, '--side', 'both'])
  expect(side).toMatchObject({
    code: 2,
    stderr: "standin sample: --side must be one of output, input, not 'both'.\n",
  })
  const both = await runInProcess(['sample', classifier, '--side', 'input', '--for', classifier])
  expect(both).toMatchObject({
    code: 2,
    stderr: 'standin sample: --for answers an input, so it needs --side output.\n',
  })
})
