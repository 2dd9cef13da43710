/**
 * Every command that reads a recording meets a damaged one the same way (issue 17, "Bad input"):
 * truncated and non-JSON lines are counted and skipped with a warning that gives their line
 * numbers, and the rest is read; a recording of another contract is exit 2 with the reason.
 * (`summary` is in drift.test.ts; `compare` of two protocols in compare.test.ts.)
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import { runInProcess } from '../helpers/run-cli.js'
import { writeSyntheticRecording } from './synthetic-recording.js'

const tmp = mkdtempSync(join(tmpdir(), 'standin-bad-recordings-'))
const contractFile = 'contracts/transaction-classifier.contract.yaml'
const clean = join(tmp, 'clean.jsonl')
const damaged = join(tmp, 'damaged.jsonl')
const other = join(tmp, 'other.jsonl')
const skipped = `${damaged}: skipped 3 lines that are not recorded exchanges (truncated or not JSON): lines 5, 13, 14.`

beforeAll(async () => {
  await writeSyntheticRecording(clean, 10)
  // Header and 10 exchanges; line 5 is not JSON, line 13 is an exchange cut short, and the file
  // ends in the middle of line 14, as a recorder killed mid-write leaves it.
  const lines = readFileSync(clean, 'utf8').trim().split('\n')
  lines.splice(4, 0, 'not json at all')
  lines.push((lines[5] ?? '').slice(0, 40))
  writeFileSync(damaged, `${lines.join('\n')}\n{"time":"2026-01-01T00:00:00.000Z","latencyMs":`)
  writeFileSync(
    other,
    `${JSON.stringify({ standin: 'recording', format: 1, contract: { name: 'ticket-router', version: '2.0.1', protocol: 'kserve-v2' }, startedAt: '2026-01-01T00:00:00Z', sampleRate: 1, redacted: [] })}\n`,
  )
})

it('drift skips the damaged lines of a live recording with their line numbers and judges the rest', async () => {
  const run = await runInProcess(['drift', contractFile, '--reference', clean, '--live', damaged])
  expect(run.stderr).toBe(`standin drift: warning: ${skipped}\n`)
  expect(run.code).toBe(0)
  expect(run.stdout).toMatch(
    /^standin drift: PASSED — 10 live records against 10 reference records\n/,
  )
})

it('compare skips the damaged lines of a recording with their line numbers and compares the rest', async () => {
  const run = await runInProcess([
    'compare',
    contractFile,
    '--baseline',
    damaged,
    '--candidate',
    clean,
  ])
  expect(run.stderr).toBe(`standin compare: warning: ${skipped}\n`)
  expect(run.code).toBe(0)
  expect(run.stdout).toMatch(/^standin compare: PASSED — 10 inputs/)
})

it('verify --cases-from skips the damaged lines of a recording with their line numbers and replays the rest', async () => {
  const report = join(tmp, 'verify.json')
  const run = await runInProcess([
    'verify',
    contractFile,
    '-t',
    'mock',
    '--cases-from',
    damaged,
    '-r',
    `json:${report}`,
  ])
  expect(run.stderr).toBe(`standin verify: warning: ${skipped}\n`)
  const result = JSON.parse(readFileSync(report, 'utf8')) as { cases: { id: string }[] }
  expect(result.cases.filter((c) => c.id.startsWith('real:'))).toHaveLength(10)
})

it('verify --cases-from refuses a recording of another contract with exit 2 and the reason', async () => {
  const run = await runInProcess(['verify', contractFile, '-t', 'mock', '--cases-from', other])
  expect(run.code).toBe(2)
  expect(run.stdout).toBe('')
  expect(run.stderr).toBe(
    `${other}:1: this recording is of ticket-router@2.0.1 (kserve-v2), not of transaction-classifier@1.2.0 (json). Give the recording of this contract, or the contract it was made for.\n`,
  )
})

it('summary --contract refuses a recording of another contract with exit 2 and the reason', async () => {
  const run = await runInProcess(['summary', other, '--contract', contractFile])
  expect(run.code).toBe(2)
  expect(run.stderr).toBe(
    `${other}:1: this recording is of ticket-router@2.0.1 (kserve-v2), not of transaction-classifier@1.2.0 (json). Give the recording of this contract, or the contract it was made for.\n`,
  )
})
