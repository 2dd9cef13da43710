/**
 * `standin compare` on real trained models of the transaction-categorizer story, over a CSV of
 * real transactions (half of them with lower-case narrations, as another bank sends them): two
 * good models trained on different seeded samples stay within the thresholds; the broken,
 * case-sensitive model is caught on /category. Recordings of two protocols, or of another
 * contract, are refused with exit 2.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import type { Contract } from '../../src/contract/contract-types.js'
import { compare } from '../../src/traffic/index.js'
import { root, runInProcess } from '../helpers/run-cli.js'
import { serveTransactionModel } from './example-models.js'
import type { ServedModel } from './example-models.js'

const tmp = mkdtempSync(join(tmpdir(), 'standin-compare-'))
const contractFile = 'contracts/transaction-classifier.contract.yaml'
const csv = join(tmp, 'transactions.csv')
let contract: Contract
let good: ServedModel
let retrained: ServedModel
let broken: ServedModel

beforeAll(async () => {
  contract = await loadContract(join(root, contractFile))
  const rows = readFileSync(
    join(root, 'examples/transaction-categorizer/data/narrations.csv'),
    'utf8',
  )
    .trim()
    .split('\n')
    .slice(1, 161)
  const lines = rows.map((row, i) => {
    const [narration = '', amount = '1', currency = 'GBP', direction = 'debit', mcc = ''] =
      row.split(',')
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
    return [
      id,
      i % 2 === 0 ? narration.toLowerCase() : narration,
      amount,
      currency,
      direction,
      mcc,
    ].join(',')
  })
  writeFileSync(csv, `request_id,narration,amount,currency,direction,mcc\n${lines.join('\n')}\n`)
  ;[good, retrained, broken] = await Promise.all([
    serveTransactionModel({}),
    serveTransactionModel({ seed: 7 }),
    serveTransactionModel({ broken: true }),
  ])
}, 60_000)

afterAll(async () => {
  await Promise.all([good?.close(), retrained?.close(), broken?.close()])
})

const thresholds = { minAgreement: 0.95 }

it('keeps two good models trained on different seeded samples within the thresholds', async () => {
  const result = await compare(contract, {
    baseline: { kind: 'url', url: good.url },
    candidate: { kind: 'url', url: retrained.url },
    inputs: { path: csv, shown: 'transactions.csv' },
    thresholds,
  })
  const category = result.fields.find((f) => f.pointer === '/category')
  expect(result.pairs).toBe(160)
  expect(category?.agreement).toBeGreaterThanOrEqual(0.95)
  expect(result.fields.filter((f) => f.status === 'failed').map((f) => f.pointer)).toEqual([])
  expect(result.verdict).toBe('passed')
  expect(result.baseline.latency.count).toBe(160)
})

it('catches the broken model on /category, with its confusion matrix', async () => {
  const result = await compare(contract, {
    baseline: { kind: 'url', url: good.url },
    candidate: { kind: 'url', url: broken.url },
    inputs: { path: csv, shown: 'transactions.csv' },
    thresholds,
  })
  const category = result.fields.find((f) => f.pointer === '/category')
  expect(result.verdict).toBe('failed')
  expect(category?.status).toBe('failed')
  expect(result.fields.filter((f) => f.status === 'failed').map((f) => f.pointer)).toEqual([
    '/category',
  ])
  expect(category?.reasons.some((r) => /^agreement 0\.\d{4} is below 0\.95$/.test(r))).toBe(true)
  const matrix = category?.confusion
  const total = matrix?.counts.flat().reduce((a, b) => a + b, 0)
  const diagonal = matrix?.counts.reduce((a, row, i) => a + (row[i] ?? 0), 0)
  expect(total).toBe(160)
  expect(diagonal).toBe(Math.round((category?.agreement ?? 0) * 160))
})

it('exits 0 and 1 from the command line and writes the json, junit and html reports', async () => {
  const ok = await runInProcess([
    'compare',
    contractFile,
    '--baseline',
    good.url,
    '--candidate',
    retrained.url,
    '--inputs',
    csv,
    '--min-agreement',
    '0.95',
  ])
  expect(ok.stderr).toBe('')
  expect(ok.code).toBe(0)
  expect(ok.stdout).toMatch(/^standin compare: PASSED — 160 inputs answered by both/)
  const html = join(tmp, 'compare.html')
  const json = join(tmp, 'compare.json')
  const junit = join(tmp, 'compare.xml')
  const bad = await runInProcess([
    'compare',
    contractFile,
    '--baseline',
    good.url,
    '--candidate',
    broken.url,
    '--inputs',
    csv,
    '--min-agreement',
    '0.95',
    '-r',
    `html:${html}`,
    '-r',
    `json:${json}`,
    '-r',
    `junit:${junit}`,
  ])
  expect(bad.code).toBe(1)
  const page = readFileSync(html, 'utf8')
  expect(page).toContain('Confusion matrix of /category (rows: baseline, columns: candidate)')
  expect(page).toContain('"label":"candidate"')
  expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({
    kind: 'compare',
    verdict: 'failed',
    pairs: 160,
  })
  expect(readFileSync(junit, 'utf8')).toMatch(
    /<testcase name="\/category" classname="standin.compare.transaction-classifier" time="0"><failure message="agreement 0\.\d{4} is below 0\.95">/,
  )
}, 30_000)

function recording(
  name: string,
  protocol: string,
  contractName = 'transaction-classifier',
): string {
  const file = join(tmp, name)
  writeFileSync(
    file,
    `${JSON.stringify({ standin: 'recording', format: 1, contract: { name: contractName, version: '1.0.0', protocol }, startedAt: '2026-01-01T00:00:00Z', sampleRate: 1, redacted: [] })}\n`,
  )
  return file
}

it('refuses a baseline and candidate recorded on different protocols with exit 2 and the reason', async () => {
  const a = recording('a.jsonl', 'json')
  const b = recording('b.jsonl', 'kserve-v2')
  const run = await runInProcess(['compare', contractFile, '--baseline', a, '--candidate', b])
  expect(run.code).toBe(2)
  expect(run.stderr).toBe(
    `standin compare: --baseline ${a} records json traffic and --candidate ${b} records kserve-v2 traffic. Compare two models on one protocol: the contract's (json).\n`,
  )
})

it('refuses a recording of another contract with exit 2 and the reason', async () => {
  const a = recording('c.jsonl', 'kserve-v2', 'ticket-router')
  const run = await runInProcess([
    'compare',
    contractFile,
    '--baseline',
    a,
    '--candidate',
    good.url,
  ])
  expect(run.code).toBe(2)
  expect(run.stderr).toBe(
    `standin compare: --baseline ${a} is a recording of ticket-router@1.0.0 (kserve-v2), not of transaction-classifier@1.2.0 (json). Give recordings of this contract.\n`,
  )
})
