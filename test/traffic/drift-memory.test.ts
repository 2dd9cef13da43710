/**
 * `standin drift` reads a recording as a stream: on 100,000 lines (about 40 MB) the built command,
 * in a child process, stays within a small, fixed heap and prints its peak resident memory. The
 * 1,000,000-line run is in `npm run bench` (test/bench/drift.bench.ts).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { binPath, root } from '../helpers/run-cli.js'
import { writeSyntheticRecording } from './synthetic-recording.js'

const tmp = mkdtempSync(join(tmpdir(), 'standin-drift-memory-'))
const rss = fileURLToPath(new URL('./report-rss.mjs', import.meta.url))

it('drifts 100,000 recorded lines in bounded memory and says how long and how much', async () => {
  const reference = join(tmp, 'reference.jsonl')
  const live = join(tmp, 'live.jsonl')
  await writeSyntheticRecording(reference, 20_000)
  await writeSyntheticRecording(live, 100_000, true)
  const started = performance.now()
  // A 48 MB heap: reading the file whole (~40 MB of text, several times that parsed) would not fit.
  const run = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=48',
      '--import',
      rss,
      binPath,
      'drift',
      'contracts/transaction-classifier.contract.yaml',
      '--reference',
      reference,
      '--live',
      live,
    ],
    { cwd: root, encoding: 'utf8', timeout: 120_000 },
  )
  const seconds = (performance.now() - started) / 1000
  const peak = Number(/peak-rss-mb (\d+)/.exec(run.stderr)?.[1])
  console.log(
    `drift of 100,000 lines (${Math.round(statSync(live).size / 1e6)} MB): ${seconds.toFixed(1)} s, peak RSS ${peak} MB`,
  )
  expect(run.status).toBe(1)
  expect(run.stdout).toMatch(
    /^standin drift: FAILED — 100000 live records against 20000 reference records\n/,
  )
  expect(run.stdout).toMatch(/FAIL input \/currency/)
  expect(peak).toBeLessThan(200)
}, 180_000)
