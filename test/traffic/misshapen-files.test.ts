/**
 * Files standin wrote and reads back, edited by hand, cut short or written by another tool:
 * recording lines of the wrong shape are skipped with what is wrong with the first of them, a
 * misshapen summary or verify report is exit 2 with the pointer, and a byte order mark (a file
 * saved on Windows) is not part of the first line. None of it may crash a reader (every line
 * here did, with a TypeError and a stack trace, or was counted with a negative latency).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { beforeAll, expect, it } from 'vitest'
import { loadContract, StandinError, summariseSources } from '../../src/index.js'
import { runInProcess } from '../helpers/run-cli.js'
import { writeSyntheticRecording } from './synthetic-recording.js'

const seed = Number(process.env.FC_SEED ?? Date.now() % 100_000)
const tmp = mkdtempSync(join(tmpdir(), 'standin-misshapen-'))
const contractFile = 'contracts/transaction-classifier.contract.yaml'
const clean = join(tmp, 'clean.jsonl')
const summaryFile = join(tmp, 'clean.summary.json')
let header = ''
let exchanges: Record<string, unknown>[] = []

beforeAll(async () => {
  await writeSyntheticRecording(clean, 6)
  const [first = '', ...rest] = readFileSync(clean, 'utf8').trim().split('\n')
  header = first
  exchanges = rest.map((line) => JSON.parse(line) as Record<string, unknown>)
  const run = await runInProcess(['summary', clean, '--out', summaryFile])
  expect(run.code).toBe(0)
})

/** A recording file of these lines (objects as JSON, strings as written). */
function recording(name: string, lines: readonly unknown[]): string {
  const file = join(tmp, name)
  const text = lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')
  writeFileSync(file, `${text}\n`)
  return file
}

it('summary skips exchange lines of the wrong shape, says what is wrong with the first, and counts the rest', async () => {
  const [a, b, c, d, e, f] = exchanges
  const file = recording('misshapen.jsonl', [
    header,
    a,
    { ...b, violations: [null] },
    { ...c, outcome: 'weird' },
    { ...d, latencyMs: -5 },
    // 1e400 parses to Infinity: a latency no sketch can hold.
    JSON.stringify(e).replace(/"latencyMs":[0-9.]+/, '"latencyMs":1e400'),
    { ...f, status: 'abc' },
    null,
  ])
  const run = await runInProcess(['summary', file])
  expect(run.stderr).toBe(
    `standin summary: warning: ${file}: skipped 6 lines that are not recorded exchanges (truncated, not JSON, or not in the recording format): lines 3, 4, 5, 6, 7, 8; line 3: /violations/0 must be object.\n`,
  )
  expect(run.code).toBe(0)
  expect(run.stdout).toMatch(
    /^standin summary: transaction-classifier@1\.2\.0 1 exchanges?, 1 record/,
  )
  expect(run.stdout).not.toMatch(/-5|Infinity|NaN/)
})

it('a header line without its contract is skipped and said, where summary --contract crashed', async () => {
  const file = recording('bad-header.jsonl', [{ standin: 'recording' }, ...exchanges])
  const run = await runInProcess(['summary', file, '--contract', contractFile])
  expect(run.stderr).toBe(
    `standin summary: warning: ${file}: skipped 1 line that is not a recorded exchange (truncated, not JSON, or not in the recording format): line 1: a header line, but /format is required.\n`,
  )
  expect(run.code).toBe(0)
  expect(run.stdout).toMatch(/ 6 exchanges, 6 records /)
})

it('compare takes a recording whose header is misshapen as one without a header, where it crashed', async () => {
  const file = recording('null-contract.jsonl', [
    { standin: 'recording', format: 1, contract: null },
    ...exchanges,
  ])
  const run = await runInProcess([
    'compare',
    contractFile,
    '--baseline',
    clean,
    '--candidate',
    file,
  ])
  expect(run.stderr).toBe(
    `standin compare: warning: ${file}: skipped 1 line that is not a recorded exchange (truncated, not JSON, or not in the recording format): line 1: a header line, but /contract must be object.\n`,
  )
  expect(run.code).toBe(0)
  expect(run.stdout).toMatch(/^standin compare: PASSED — 6 inputs answered by both/)
})

it('a summary file of the wrong shape is exit 2 with the pointer, in summary and in drift', async () => {
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as Record<string, unknown>
  const file = join(tmp, 'null-latency.summary.json')
  writeFileSync(file, JSON.stringify({ ...summary, latency: null }))
  const message = `${file}: is not a summary written by 'standin summary --out': /latency must be object. Write it again with 'standin summary --out', or give the recording it was made from.\n`
  const run = await runInProcess(['summary', file])
  expect(run).toEqual({ code: 2, stdout: '', stderr: message })
  const drift = await runInProcess(['drift', contractFile, '--reference', clean, '--live', file])
  expect(drift).toEqual({ code: 2, stdout: '', stderr: message })
  // A count that is text printed 'NaN' as the failure rate.
  writeFileSync(file, JSON.stringify({ ...summary, exchanges: 'x' }))
  expect((await runInProcess(['summary', file])).stderr).toMatch(/: \/exchanges must be integer\./)
})

it('a verify report of the wrong shape is exit 2 with the pointer, where drift crashed', async () => {
  const report = join(tmp, 'verify.json')
  expect(
    (await runInProcess(['verify', contractFile, '-t', 'mock', '-r', `json:${report}`])).code,
  ).toBe(0)
  const result = JSON.parse(readFileSync(report, 'utf8')) as { cases: Record<string, unknown>[] }
  const [first, ...others] = result.cases
  writeFileSync(
    report,
    JSON.stringify({ ...result, cases: [{ ...first, exchange: null }, ...others] }),
  )
  const run = await runInProcess(['drift', contractFile, '--reference', report, '--live', clean])
  expect(run).toEqual({
    code: 2,
    stdout: '',
    stderr: `${report}: is not a verify json report: /cases/0/exchange must be object. Write it again with 'standin verify --reporter json:FILE', or give the recording it was made from.\n`,
  })
})

it('a byte order mark before a recording or a summary is not part of its first line', async () => {
  const bom = '\uFEFF'
  const recorded = join(tmp, 'bom.jsonl')
  writeFileSync(recorded, bom + readFileSync(clean, 'utf8'))
  const run = await runInProcess(['summary', recorded, '--contract', contractFile])
  expect(run.stderr).toBe('')
  expect(run.stdout).toMatch(/^standin summary: transaction-classifier@1\.2\.0 6 exchanges/)
  const summarised = join(tmp, 'bom.summary.json')
  writeFileSync(summarised, bom + readFileSync(summaryFile, 'utf8'))
  const merged = await runInProcess(['summary', summarised])
  expect(merged.stderr).toBe('')
  expect(merged.stdout).toMatch(/^standin summary: transaction-classifier@1\.2\.0 6 exchanges/)
})

/** Every path into a JSON value (objects' keys and arrays' indexes), the value itself first. */
function pathsOf(value: unknown, at: readonly (string | number)[] = []): (string | number)[][] {
  const here = [[...at]]
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsOf(v, [...at, i]))]
  if (typeof value === 'object' && value !== null)
    return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k]))]
  return here
}

/** `value` with the value at `path` replaced. */
function replaced(value: unknown, path: readonly (string | number)[], by: unknown): unknown {
  const [key, ...rest] = path
  if (key === undefined) return by
  if (Array.isArray(value))
    return value.map((v, i) => (i === key ? replaced(v, rest, by) : (v as unknown)))
  const object = value as Record<string, unknown>
  return { ...object, [key]: replaced(object[key], rest, by) }
}

it('whatever one value of a recording line or a summary is replaced by, summary counts or refuses it, never crashes (fast-check)', async () => {
  console.log(`fast-check seed ${seed}`)
  const contract = await loadContract(contractFile)
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as unknown
  const exchange = exchanges[0]
  const targets = [
    ...pathsOf(exchange).map((path) => ({ kind: 'line' as const, path })),
    ...pathsOf(summary).map((path) => ({ kind: 'summary' as const, path })),
  ]
  const file = join(tmp, 'fuzzed')
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...targets), fc.jsonValue(), async ({ kind, path }, by) => {
      const warnings: string[] = []
      const summarise = () =>
        summariseSources([{ path: file, shown: 'fuzzed' }], {
          contract,
          warn: (w) => warnings.push(w),
        })
      if (kind === 'line') {
        writeFileSync(file, `${header}\n${JSON.stringify(replaced(exchange, path, by))}\n`)
        const result = await summarise()
        // The line is read or skipped, never both, never neither.
        expect(result.exchanges + result.skippedLines).toBe(1)
        expect(warnings).toHaveLength(result.skippedLines)
        expect(Number.isFinite(result.latency.sum)).toBe(true)
        expect(result.latency.min).toBeGreaterThanOrEqual(result.exchanges === 0 ? -Infinity : 0)
        return
      }
      writeFileSync(file, JSON.stringify(replaced(summary, path, by)))
      try {
        const result = await summarise()
        for (const n of [result.exchanges, result.records, result.failures, result.skippedLines])
          expect(Number.isInteger(n) && n >= 0).toBe(true)
      } catch (error) {
        expect(error).toBeInstanceOf(StandinError)
        expect((error as StandinError).code).toMatch(/^(recording|summary)\./)
      }
    }),
    { seed, numRuns: 300 },
  )
})

it('refuses a device or a pipe at once, where summary read /dev/zero for ever and hung on a FIFO', async () => {
  const fifo = join(tmp, 'traffic.fifo')
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0)
  for (const file of ['/dev/zero', fifo]) {
    const run = await runInProcess(['summary', file])
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `${file}: cannot be read (not a regular file but a device or a pipe). Check the path.\n`,
    })
  }
}, 10_000)
