/**
 * `standin drift` on a 1,000,000-line recording (`--quick`: 200,000), read as a stream by the
 * built command in a child process with a 64 MB heap: its time and peak resident memory, beside
 * the time `wc -l` (the peer: reading the bytes only) takes on the same file.
 *
 * Run: npm run build && node --import tsx test/bench/drift.bench.ts [--quick]
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeSyntheticRecording } from '../traffic/synthetic-recording.js'

const quick = process.argv.includes('--quick')
const lines = quick ? 200_000 : 1_000_000
const root = fileURLToPath(new URL('../../', import.meta.url))
const bin = `${root}dist/bin/standin.js`
const rss = `${root}test/traffic/report-rss.mjs`
const tmp = mkdtempSync(join(tmpdir(), 'standin-drift-bench-'))
const reference = join(tmp, 'reference.jsonl')
const live = join(tmp, 'live.jsonl')
await writeSyntheticRecording(reference, 50_000)
await writeSyntheticRecording(live, lines, true)
const mb = Math.round(statSync(live).size / 1e6)

let t = performance.now()
spawnSync('wc', ['-l', live])
const wc = (performance.now() - t) / 1000
t = performance.now()
const run = spawnSync(
  process.execPath,
  [
    '--max-old-space-size=64',
    '--import',
    rss,
    bin,
    'drift',
    `${root}contracts/transaction-classifier.contract.yaml`,
    '--reference',
    reference,
    '--live',
    live,
  ],
  { encoding: 'utf8' },
)
const seconds = (performance.now() - t) / 1000
const peak = /peak-rss-mb (\d+)/.exec(run.stderr)?.[1]
console.log(`\n| run | lines | file | time | peak RSS |`)
console.log(`|---|---|---|---|---|`)
console.log(
  `| standin drift (exit ${run.status}) | ${lines.toLocaleString('en')} | ${mb} MB | ${seconds.toFixed(1)} s | ${peak} MB |`,
)
console.log(
  `| wc -l (bytes only) | ${lines.toLocaleString('en')} | ${mb} MB | ${wc.toFixed(2)} s | - |`,
)
console.log(
  `\n${Math.round(lines / seconds).toLocaleString('en')} lines/s; ${(seconds / wc).toFixed(0)}× the time of wc -l`,
)
rmSync(tmp, { recursive: true, force: true })
if (run.status !== 1)
  throw new Error(`drift should fail the shifted recording: ${run.stdout}${run.stderr}`)
