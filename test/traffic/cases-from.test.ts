/**
 * `verify --cases-from`: a table of real transactions (CSV, columns mapped to input fields and
 * coerced to their types) replaces the generated inputs in every check; a cell or column that
 * does not fit is one line naming the row and column; `--load` streams every row once at the
 * contract's rate and reports percentiles and the mean over all of them (a bad row past the
 * checks' sample still stops the run, and skipped lines are warned about once, over the whole
 * file; the bounded-memory run is load-stream.test.ts); `--redact` masks input fields in the
 * reports.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { startServer } from '../../src/serve/index.js'
import type { StandinServer } from '../../src/serve/index.js'
import { root, runInProcess } from '../helpers/run-cli.js'

const tmp = mkdtempSync(join(tmpdir(), 'standin-cases-from-'))
const contractFile = 'contracts/transaction-classifier.contract.yaml'
let server: StandinServer

function csv(name: string, text: string): string {
  const file = join(tmp, name)
  writeFileSync(file, text)
  return file
}

const header = 'request_id,narration,amount,currency,direction,mcc\n'
const row = (i: number, narration = 'POS TESCO STORES', amount = '12.30'): string =>
  `00000000-0000-4000-8000-${String(i).padStart(12, '0')},${narration},${amount},GBP,debit,5411\n`

beforeAll(async () => {
  server = await startServer([await loadContract(join(root, contractFile))], { port: 0 })
})
afterAll(async () => {
  await server.close()
})

it('replays every CSV row as a case through every check, and masks --redact fields in the reports', async () => {
  const file = csv(
    'ok.csv',
    header + Array.from({ length: 30 }, (_, i) => row(i, `CARD PAYMENT ${i} SECRETNAME`)).join(''),
  )
  const report = join(tmp, 'ok.json')
  const run = await runInProcess([
    'verify',
    contractFile,
    '-t',
    'mock',
    '--cases-from',
    file,
    '--redact',
    '/narration',
    '-r',
    `json:${report}`,
  ])
  const result = JSON.parse(readFileSync(report, 'utf8')) as {
    checks: { kind: string; status: string }[]
    cases: { id: string; description: string; records: { narration: string; amount: number }[] }[]
  }
  // The contract's latency promise is the one verdict a loaded machine can break here.
  const failed = result.checks.filter((c) => c.status === 'failed').map((c) => c.kind)
  expect(failed.filter((k) => k !== 'latency')).toEqual([])
  expect(run.code).toBe(failed.length === 0 ? 0 : 1)
  expect(result.checks.find((c) => c.kind === 'conformance')?.status).toBe('passed')
  const real = result.cases.filter((c) => c.id.startsWith('real:'))
  expect(real).toHaveLength(30)
  expect(real[3]).toMatchObject({
    description: `real input #3 (${file} row 4)`,
    records: [{ narration: '***', amount: 12.3 }],
  })
  expect(readFileSync(report, 'utf8')).not.toContain('SECRETNAME')
})

it('names the row and column of a cell that does not fit the input schema', async () => {
  const file = csv('bad-cell.csv', header + row(0) + row(1, 'POS', 'twelve'))
  const run = await runInProcess(['verify', contractFile, '-t', 'mock', '--cases-from', file])
  expect(run.code).toBe(2)
  expect(run.stderr).toBe(
    `${file} row 2 (line 3), column "amount": "twelve" is not a number, as the input schema wants at /amount. Fix the cell, or map the column to another field.\n`,
  )
})

it('names a column that is not an input field', async () => {
  const file = csv('bad-column.csv', 'request_id,narration,amount,currency,direction,colour\n')
  const run = await runInProcess(['verify', contractFile, '-t', 'mock', '--cases-from', file])
  expect(run.code).toBe(2)
  expect(run.stderr).toBe(
    `${file}: column "colour" is not a field of the input schema (fields: request_id, narration, amount, currency, direction, mcc, booked_on). Rename the column or drop it.\n`,
  )
})

it('names the row and field of a row that breaks the input schema', async () => {
  const file = csv('bad-row.csv', header + row(0) + row(1, 'POS', '-5'))
  const run = await runInProcess(['verify', contractFile, '-t', 'mock', '--cases-from', file])
  expect(run.code).toBe(2)
  expect(run.stderr).toBe(
    `${file} row 2: the record breaks the input schema at /amount: must be >= 0. Fix the row, or drop it from the file.\n`,
  )
})

it('streams every row through the model at the load rate with --load and reports the mean', async () => {
  const file = csv('load.csv', header + Array.from({ length: 60 }, (_, i) => row(i)).join(''))
  const report = join(tmp, 'load.json')
  const run = await runInProcess([
    'verify',
    contractFile,
    '-t',
    server.url,
    '--cases-from',
    file,
    '--load-rpm',
    '6000',
    '--load-duration',
    '1s',
    '-r',
    `json:${report}`,
  ])
  expect(run.stderr).toBe('')
  const result = JSON.parse(readFileSync(report, 'utf8')) as {
    load: { sent: number; mean: number; p50: number; p99: number }
  }
  expect(result.load.sent).toBe(60)
  expect(result.load.mean).toBeGreaterThan(0)
  expect(result.load.p99).toBeGreaterThanOrEqual(result.load.p50)
}, 30_000)

it('stops a streamed load at a row past the checks sample that breaks the input schema, naming it', async () => {
  const file = csv(
    'load-bad.csv',
    header + Array.from({ length: 10 }, (_, i) => row(i, 'POS', i === 7 ? '-5' : '1.50')).join(''),
  )
  const run = await runInProcess([
    'verify',
    contractFile,
    '-t',
    server.url,
    '--cases-from',
    file,
    '-n',
    '5',
    '--load-rpm',
    '60000',
    '--load-duration',
    '1s',
  ])
  expect(run.code).toBe(2)
  expect(run.stderr).toBe(
    `${file} row 8: the record breaks the input schema at /amount: must be >= 0. Fix the row, or drop it from the file.\n`,
  )
}, 30_000)

it('warns once about lines skipped anywhere in the file when --load streams it all', async () => {
  const file = join(tmp, 'inputs.jsonl')
  const record = (i: number): string =>
    JSON.stringify({
      request_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      narration: 'POS TESCO STORES',
      amount: 12.3,
      currency: 'GBP',
      direction: 'debit',
    })
  const lines = Array.from({ length: 12 }, (_, i) => (i === 8 ? '{"cut short' : record(i)))
  writeFileSync(file, `${lines.join('\n')}\n`)
  const report = join(tmp, 'inputs.json')
  const args = ['verify', contractFile, '-t', server.url, '--cases-from', file, '-n', '3']
  const sampled = await runInProcess(args)
  expect(sampled.stderr).toBe('')
  const loaded = await runInProcess([
    ...args,
    '--load-rpm',
    '60000',
    '--load-duration',
    '1s',
    '-r',
    `json:${report}`,
  ])
  expect(loaded.stderr).toBe(
    `standin verify: warning: ${file}: skipped 1 line that is not a recorded exchange (truncated or not JSON): line 9.\n`,
  )
  const result = JSON.parse(readFileSync(report, 'utf8')) as {
    load: { sent: number }
    cases: { id: string }[]
  }
  expect(result.load.sent).toBe(11)
  expect(result.cases.filter((c) => c.id.startsWith('real:'))).toHaveLength(3)
}, 30_000)

it('says the run took real inputs, and prints replay commands that replay a real case from the same file', async () => {
  // A model that answers every input with an output the contract refuses.
  const model = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"category":"x"}')
    })
  })
  await new Promise<void>((resolve) => model.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(model.address() as AddressInfo).port}`
  try {
    const file = csv(
      'wrong-model.csv',
      header + Array.from({ length: 30 }, (_, i) => row(i)).join(''),
    )
    const run = await runInProcess(['verify', contractFile, '-t', url, '--cases-from', file])
    expect(run.code).toBe(1)
    expect(run.stdout.split('\n', 1)[0]).toBe(
      `standin verify transaction-classifier@1.2.0 (json) against ${url}/, seed 1, 30 real inputs from ${file}`,
    )
    const replay = /replay: standin (verify .* --replay real:1)$/m.exec(run.stdout)?.[1]
    expect(replay).toBe(
      `verify ${contractFile} --target ${url}/ --seed 1 --cases-from ${file} --cases 30 --replay real:1`,
    )
    const again = await runInProcess(replay?.split(' ') ?? [])
    expect(again.stderr).toBe('')
    expect(again.code).toBe(1)
    expect(again.stdout).toContain(`case real:1 (seed 1): real input #1 (${file} row 2)`)
  } finally {
    await new Promise((resolve) => model.close(resolve))
  }
})
