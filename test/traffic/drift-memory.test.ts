/**
 * `standin drift` reads a recording as a stream: on 1,000,000 lines (about 570 MB) the built
 * command, in a child process, keeps its peak resident memory under a fixed bound a whole-file
 * read could not meet, and the test prints the time and the peak (issue 17, "Proof"). The file is
 * written in big chunks to a temporary folder and removed afterwards.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, expect, it } from 'vitest'
import { runBin } from '../helpers/run-cli.js'
import { writeSyntheticRecording } from './synthetic-recording.js'

const tmp = mkdtempSync(join(tmpdir(), 'standin-drift-memory-'))
// The child prints its peak resident memory on exit (process.resourceUsage().maxRSS).
const rss = new URL('./report-rss.mjs', import.meta.url).href
const lines = 1_000_000
/** Peak resident memory allowed (MB): the process itself takes about 60; the file is ~570. */
const boundMb = 160

afterAll(() => rmSync(tmp, { recursive: true, force: true }))

it('drifts a 1,000,000-line recording in bounded memory and says how long and how much', async () => {
  const reference = join(tmp, 'reference.jsonl')
  const live = join(tmp, 'live.jsonl')
  const written = performance.now()
  await writeSyntheticRecording(reference, 20_000)
  // 16 distinct chunks of 4,096 lines, repeated: the file is written at the disk's speed.
  await writeSyntheticRecording(live, lines, true, 16)
  const writing = (performance.now() - written) / 1000
  const started = performance.now()
  const run = await runBin(
    [
      'drift',
      'contracts/transaction-classifier.contract.yaml',
      '--reference',
      reference,
      '--live',
      live,
    ],
    { env: { NODE_OPTIONS: `--import ${rss}` }, timeoutMs: 200_000 },
  )
  const seconds = (performance.now() - started) / 1000
  const peak = Number(/peak-rss-mb (\d+)/.exec(run.stderr)?.[1])
  console.log(
    `drift of ${lines.toLocaleString('en')} lines (${Math.round(statSync(live).size / 1e6)} MB, written in ${writing.toFixed(1)} s): ${seconds.toFixed(1)} s, ${Math.round(lines / seconds).toLocaleString('en')} lines/s, peak RSS ${peak} MB`,
  )
  expect(run.stderr).toMatch(/^peak-rss-mb \d+\n$/)
  expect(run.code).toBe(1)
  expect(run.stdout).toMatch(
    /^standin drift: FAILED — 1000000 live records against 20000 reference records\n/,
  )
  expect(run.stdout).toMatch(/\n {2}FAIL input \/amount \(number\)/)
  expect(run.stdout).toMatch(/\n {2}FAIL input \/currency \(category\)/)
  expect(run.stdout).toMatch(/\n {2}ok {3}input \/direction \(category\)/)
  expect(run.stdout).toMatch(/\n {2}ok {3}output \/category \(category\)/)
  expect(peak).toBeGreaterThan(0)
  expect(peak).toBeLessThan(boundMb)
}, 240_000)
