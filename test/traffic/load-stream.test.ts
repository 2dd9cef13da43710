/**
 * `verify --cases-from FILE --load` streams the whole table through the model (issue 17): a
 * 60,000-row CSV goes through the built command, in a child process with a 96 MB heap, at a
 * rate above what the machine can answer (so up to 1,024 requests are in flight all along)
 * against a fast local model. Every row is sent once and counted, the checks take the first
 * 1,000 rows, and the peak resident memory stays under a bound that holding the rows (or their
 * latencies) would break. The test prints the time and the peak.
 */
import { once } from 'node:events'
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { runBin } from '../helpers/run-cli.js'
import { classifierOutput } from '../helpers/classifier-output.js'

const tmp = mkdtempSync(join(tmpdir(), 'standin-load-stream-'))
const rss = new URL('./report-rss.mjs', import.meta.url).href
const rows = 60_000
/** Peak resident memory allowed (MB): the sample's ~4,000 judged cases and 1,024 sockets fit. */
const boundMb = 200

// A fast model: one valid answer for every request, no work per request beyond HTTP.
const answer = JSON.stringify(classifierOutput)
const model = createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(answer),
    })
    res.end(answer)
  })
})
let url = ''

beforeAll(async () => {
  await new Promise<void>((resolve) => model.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(model.address() as AddressInfo).port}`
})
afterAll(async () => {
  model.closeAllConnections()
  await new Promise<void>((resolve) => model.close(() => resolve()))
  rmSync(tmp, { recursive: true, force: true })
})

/** A CSV of `count` transactions, written 4,096 rows at a time. */
async function writeTransactions(file: string, count: number): Promise<void> {
  const out = createWriteStream(file)
  const currencies = ['GBP', 'EUR', 'USD', 'CHF']
  out.write('request_id,narration,amount,currency,direction,mcc\n')
  let chunk: string[] = []
  for (let i = 0; i < count; i++) {
    chunk.push(
      `00000000-0000-4000-8000-${String(i).padStart(12, '0')},CARD PAYMENT ${i % 977},${((i * 37) % 50_000) / 100},${currencies[i % 4] ?? 'GBP'},${i % 10 === 0 ? 'credit' : 'debit'},5411\n`,
    )
    if (chunk.length === 4096) {
      if (!out.write(chunk.join(''))) await once(out, 'drain')
      chunk = []
    }
  }
  out.end(chunk.join(''))
  await once(out, 'finish')
}

it('streams every row of a 60,000-row table through the model in bounded memory and counts each', async () => {
  const table = join(tmp, 'transactions.csv')
  const report = join(tmp, 'report.json')
  await writeTransactions(table, rows)
  const started = performance.now()
  const run = await runBin(
    [
      'verify',
      'contracts/transaction-classifier.contract.yaml',
      '-t',
      url,
      '--cases-from',
      table,
      '--load-rpm',
      '1200000',
      '--load-duration',
      '1s',
      '-r',
      `json:${report}`,
    ],
    {
      env: { NODE_OPTIONS: `--max-old-space-size=96 --import ${rss}` },
      timeoutMs: 240_000,
    },
  )
  const seconds = (performance.now() - started) / 1000
  const peak = Number(/peak-rss-mb (\d+)/.exec(run.stderr)?.[1])
  const result = JSON.parse(readFileSync(report, 'utf8')) as {
    load: {
      sent: number
      ok: number
      errors: number
      achievedRpm: number
      p50: number
      p95: number
      p99: number
      mean: number
      max: number
    }
    checks: { kind: string; status: string }[]
    cases: { id: string }[]
  }
  const { load } = result
  console.log(
    `verify --cases-from --load of ${rows.toLocaleString('en')} rows: ${seconds.toFixed(1)} s, ${Math.round(load.achievedRpm / 60).toLocaleString('en')} requests/s started, peak RSS ${peak} MB`,
  )
  expect(run.stderr).toMatch(/^peak-rss-mb \d+\n$/)
  expect([0, 1]).toContain(run.code)
  expect(load).toMatchObject({ sent: rows, ok: rows, errors: 0 })
  expect(load.mean).toBeGreaterThan(0)
  expect(load.p50).toBeLessThanOrEqual(load.p95)
  expect(load.p95).toBeLessThanOrEqual(load.p99)
  expect(load.p99).toBeLessThanOrEqual(load.max)
  expect(result.checks.find((c) => c.kind === 'load')?.status).toMatch(/^(passed|failed)$/)
  // The functional checks took the first 1,000 rows, not all of them.
  expect(result.cases.filter((c) => c.id.startsWith('real:'))).toHaveLength(1000)
  expect(peak).toBeGreaterThan(0)
  expect(peak).toBeLessThan(boundMb)
}, 300_000)
