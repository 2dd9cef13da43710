/**
 * `standin drift` as a scheduled job would run it: a recording whose input mix was shifted on
 * purpose (more USD, larger amounts) is caught on those fields, an unshifted one passes; a verify
 * json report serves as the reference; shards summarised apart merge into the summary of the
 * whole; truncated and non-JSON lines are counted and skipped with their line numbers.
 */
import { mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import type { Contract } from '../../src/contract/contract-types.js'
import { createRecorder } from '../../src/recording/index.js'
import { transactionBrain } from '../models/brains.js'
import { root, runInProcess } from '../helpers/run-cli.js'
import { inputsOf } from './traffic-helpers.js'

const tmp = mkdtempSync(join(tmpdir(), 'standin-drift-'))
const contractFile = 'contracts/transaction-classifier.contract.yaml'
let contract: Contract

/** Records `inputs` answered by the test model's brain, as the proxy would. */
async function record(file: string, inputs: readonly unknown[]): Promise<void> {
  const recorder = await createRecorder({
    file,
    contract: { name: contract.name, version: contract.version, protocol: contract.protocol },
  })
  inputs.forEach((input, i) => {
    const output = transactionBrain.predict(input as Record<string, unknown>, 'good')
    recorder.record({
      time: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      latencyMs: 5 + (i % 7),
      method: 'POST',
      path: '/predict',
      status: 200,
      outcome: 'answered',
      inputs: [input],
      outputs: [output],
      violations: [],
    })
  })
  await recorder.close()
}

function shifted(input: unknown, i: number): unknown {
  const record = input as Record<string, unknown>
  return i % 10 < 7
    ? { ...record, currency: 'USD', amount: Math.round(Number(record.amount) * 20) / 1 }
    : record
}

beforeAll(async () => {
  contract = await loadContract(join(root, contractFile))
  await record(join(tmp, 'reference.jsonl'), inputsOf(contract, 600, 1))
  await record(join(tmp, 'live.jsonl'), inputsOf(contract, 600, 2))
  await record(join(tmp, 'shifted.jsonl'), inputsOf(contract, 600, 3).map(shifted))
}, 60_000)

it('passes an unshifted recording against the reference', async () => {
  const run = await runInProcess([
    'drift',
    contractFile,
    '--reference',
    join(tmp, 'reference.jsonl'),
    '--live',
    join(tmp, 'live.jsonl'),
  ])
  expect(run.stderr).toBe('')
  expect(run.stdout).toMatch(
    /^standin drift: PASSED — 600 live records against 600 reference records\n/,
  )
  expect(run.code).toBe(0)
})

it('catches a shifted input mix on the shifted fields, with exit 1 and a JUnit failure', async () => {
  const junit = join(tmp, 'drift.xml')
  const json = join(tmp, 'drift.json')
  const run = await runInProcess([
    'drift',
    contractFile,
    '--reference',
    join(tmp, 'reference.jsonl'),
    '--live',
    join(tmp, 'shifted.jsonl'),
    '-r',
    `json:${json}`,
    '-r',
    `junit:${junit}`,
  ])
  expect(run.code).toBe(1)
  const result = JSON.parse(readFileSync(json, 'utf8')) as {
    fields: { side: string; pointer: string; status: string; reasons: string[] }[]
  }
  const failed = result.fields
    .filter((f) => f.status === 'failed')
    .map((f) => `${f.side} ${f.pointer}`)
  expect(failed).toContain('input /currency')
  expect(failed).toContain('input /amount')
  expect(
    failed.every(
      (f) => ['input /currency', 'input /amount'].includes(f) || f.startsWith('output '),
    ),
  ).toBe(true)
  expect(readFileSync(junit, 'utf8')).toMatch(
    /<testcase name="input \/currency" classname="standin.drift.transaction-classifier" time="0"><failure message="PSI \d+\.\d{4} is above 0.25">/,
  )
})

it('takes a verify json report as the reference', async () => {
  const report = join(tmp, 'verify.json')
  const verified = await runInProcess([
    'verify',
    contractFile,
    '--target',
    'mock',
    '-n',
    '300',
    '-r',
    `json:${report}`,
  ])
  // Only the report matters here (a loaded machine may break the latency promise).
  expect([0, 1]).toContain(verified.code)
  const run = await runInProcess([
    'drift',
    contractFile,
    '--reference',
    report,
    '--live',
    join(tmp, 'shifted.jsonl'),
    '--max-psi',
    '0.25',
  ])
  expect(run.code).toBe(1)
  expect(run.stdout).toMatch(/FAIL input \/currency \(category\): PSI=/)
}, 60_000)

it('merges shard summaries into the summary of the whole recording', async () => {
  const lines = readFileSync(join(tmp, 'live.jsonl'), 'utf8').trim().split('\n')
  const header = lines[0] ?? ''
  writeFileSync(join(tmp, 'shard-a.jsonl'), `${[header, ...lines.slice(1, 250)].join('\n')}\n`)
  writeFileSync(join(tmp, 'shard-b.jsonl'), `${[header, ...lines.slice(250)].join('\n')}\n`)
  for (const shard of ['a', 'b']) {
    const run = await runInProcess([
      'summary',
      join(tmp, `shard-${shard}.jsonl`),
      '--contract',
      contractFile,
      '--out',
      join(tmp, `${shard}.summary.json`),
      '-r',
      `json:${join(tmp, `${shard}.report.json`)}`,
    ])
    expect(run.code).toBe(0)
  }
  const whole = await runInProcess([
    'summary',
    join(tmp, 'live.jsonl'),
    '--contract',
    contractFile,
    '--out',
    join(tmp, 'whole.summary.json'),
    '-r',
    `json:${join(tmp, 'whole.report.json')}`,
  ])
  const merged = await runInProcess([
    'summary',
    join(tmp, 'a.summary.json'),
    join(tmp, 'b.summary.json'),
    '--out',
    join(tmp, 'merged.summary.json'),
    '-r',
    `json:${join(tmp, 'merged.report.json')}`,
  ])
  expect([whole.code, merged.code]).toEqual([0, 0])
  const read = (name: string): Record<string, unknown> => {
    // Counts merge exactly; sums only up to floating-point rounding (another order of additions).
    const { sources: _sources, ...rest } = JSON.parse(
      readFileSync(join(tmp, name), 'utf8'),
      (_key, v: unknown) =>
        typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v,
    ) as Record<string, unknown>
    return rest
  }
  expect(read('merged.summary.json')).toEqual(read('whole.summary.json'))
  expect(read('merged.report.json')).toEqual(read('whole.report.json'))
  // The merged summary drifts exactly as the recording does.
  const a = await runInProcess([
    'drift',
    contractFile,
    '--reference',
    join(tmp, 'reference.jsonl'),
    '--live',
    join(tmp, 'merged.summary.json'),
    '-r',
    'json:-',
  ])
  const b = await runInProcess([
    'drift',
    contractFile,
    '--reference',
    join(tmp, 'reference.jsonl'),
    '--live',
    join(tmp, 'live.jsonl'),
    '-r',
    'json:-',
  ])
  const fields = (text: string): unknown => (JSON.parse(text) as { fields: unknown }).fields
  expect(fields(a.stdout)).toEqual(fields(b.stdout))
})

it('counts and skips truncated and non-JSON lines with their line numbers, never crashing', async () => {
  const file = join(tmp, 'damaged.jsonl')
  const lines = readFileSync(join(tmp, 'live.jsonl'), 'utf8').trim().split('\n').slice(0, 11)
  lines.splice(4, 0, 'not json at all')
  lines.push((lines[5] ?? '').slice(0, 40))
  writeFileSync(file, `${lines.join('\n')}\n`)
  appendFileSync(file, '{"time":"2026-01-01T00:00:00.000Z","latencyMs":')
  const run = await runInProcess(['summary', file, '--contract', contractFile])
  expect(run.code).toBe(0)
  expect(run.stderr).toBe(
    `standin summary: warning: ${file}: skipped 3 lines that are not recorded exchanges (truncated or not JSON): lines 5, 13, 14.\n`,
  )
  expect(run.stdout).toMatch(
    /^standin summary: transaction-classifier@1\.2\.0 10 exchanges, 10 records from /,
  )
  expect(run.stdout).toContain('  skipped lines: 3\n')
})

it('says an empty recording holds nothing to summarise, not a latency and failure rate of 0', async () => {
  const file = join(tmp, 'empty.jsonl')
  writeFileSync(file, '')
  const run = await runInProcess(['summary', file])
  expect(run).toEqual({
    code: 0,
    stdout: `standin summary: 0 exchanges, 0 records from ${file}\n  no exchange recorded: nothing to summarise (give the file \`standin proxy --record\` writes)\n`,
    stderr: '',
  })
})

it('refuses a live recording of another contract with exit 2 and the reason', async () => {
  const file = join(tmp, 'other.jsonl')
  writeFileSync(
    file,
    `${JSON.stringify({ standin: 'recording', format: 1, contract: { name: 'ticket-router', version: '2.0.1', protocol: 'kserve-v2' }, startedAt: '2026-01-01T00:00:00Z', sampleRate: 1, redacted: [] })}\n`,
  )
  const run = await runInProcess([
    'drift',
    contractFile,
    '--reference',
    join(tmp, 'reference.jsonl'),
    '--live',
    file,
  ])
  expect(run.code).toBe(2)
  expect(run.stderr).toBe(
    `${file}:1: this recording is of ticket-router@2.0.1 (kserve-v2), not of transaction-classifier@1.2.0 (json). Give the recording of this contract, or the contract it was made for.\n`,
  )
})
