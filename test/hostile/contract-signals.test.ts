/**
 * Hostile battery, hanging contracts (issue 11): Ctrl-C and SIGTERM stop the real CLI within a
 * second while it is busy loading a large contract (its event loop blocked in the compile), and
 * the contracts that once hung lint for minutes now lint in seconds (see contract-bounds).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { binPath } from '../helpers/run-cli.js'

let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'standin-signals-'))
  // ~10 MB: 2,000 fields and an enum of 350,000 names, seconds of loading on any machine.
  const properties: Record<string, unknown> = {}
  for (let i = 0; i < 2_000; i++) properties[`field_${i}`] = { type: 'string', maxLength: 100 }
  properties.merchant = {
    enum: Array.from({ length: 350_000 }, (_, i) => `MERCHANT NUMBER ${i} LTD`),
  }
  writeFileSync(
    join(dir, 'slow.contract.json'),
    JSON.stringify({
      contract: 1,
      name: 'slow',
      version: '1.0.0',
      input: { type: 'object', properties },
      output: { type: 'object', properties: { y: { type: 'string' } } },
    }),
  )
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function stopWhileLoading(
  argv: string[],
  signal: 'SIGINT' | 'SIGTERM',
): Promise<{ running: boolean; stopMs: number; signal: string | null }> {
  const child = spawn(process.execPath, [binPath, ...argv], { cwd: dir, stdio: 'ignore' })
  const closed = new Promise<string | null>((resolve) => child.on('close', (_c, s) => resolve(s)))
  // Long enough for node to start and the load to begin; far less than the load takes.
  await new Promise((resolve) => setTimeout(resolve, 700))
  const running = child.exitCode === null && child.signalCode === null
  const sent = performance.now()
  child.kill(signal)
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
  const got = await closed
  clearTimeout(timer)
  return { running, stopMs: performance.now() - sent, signal: got }
}

it('hanging contracts: Ctrl-C stops lint within a second while it loads a large contract', async () => {
  const run = await stopWhileLoading(['lint', 'slow.contract.json'], 'SIGINT')
  expect(run.running).toBe(true)
  expect(run.signal).toBe('SIGINT')
  expect(run.stopMs).toBeLessThan(1_000)
})

it('hanging contracts: SIGTERM stops serve within a second while it loads a large contract', async () => {
  const run = await stopWhileLoading(['serve', 'slow.contract.json', '--port', '0'], 'SIGTERM')
  expect(run.running).toBe(true)
  expect(run.signal).toBe('SIGTERM')
  expect(run.stopMs).toBeLessThan(1_000)
})
