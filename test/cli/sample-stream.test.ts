/**
 * `standin sample` streams: any --count in bounded memory at the reader's pace, it stops when the
 * reader goes (`| head`) with no crash, and a write error is said and exits 2. The real command
 * as a child process, its standard output a real pipe (or /dev/full).
 */
import { spawn } from 'node:child_process'
import { existsSync, openSync, closeSync } from 'node:fs'
import { expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { sampleContract } from '../../src/generate/index.js'
import { binPath, root } from '../helpers/run-cli.js'

const classifier = 'contracts/transaction-classifier.contract.yaml'

it('stops drawing and exits 0 without a word when its reader closes the pipe', async () => {
  // Ten million outputs take minutes to draw: only a command that stops when the pipe closes
  // ends within the test's time.
  const child = spawn(
    process.execPath,
    [binPath, 'sample', classifier, '--count', '10000000', '--seed', '3'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const first = await new Promise<string>((resolve) => {
    let text = ''
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      if (text.includes('\n')) resolve(text.slice(0, text.indexOf('\n')))
    })
  })
  child.stdout.destroy()
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  expect(code).toBe(0)
  expect(stderr).toBe('')
  // The first line is the one sampleContract draws first for that seed.
  const contract = await loadContract(classifier)
  expect(JSON.parse(first)).toEqual(sampleContract(contract, { count: 1, seed: 3 })[0])
}, 30_000)

it('streams a large count whole, the same bytes as the library draws', async () => {
  const count = 3000
  const child = spawn(
    process.execPath,
    [binPath, 'sample', classifier, '--count', String(count), '--seed', '9', '--side', 'input'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  expect(code).toBe(0)
  const contract = await loadContract(classifier)
  const expected = sampleContract(contract, { count, seed: 9, side: 'input' })
  expect(stdout).toBe(expected.map((v) => `${JSON.stringify(v)}\n`).join(''))
  expect(stdout.length).toBeGreaterThan(64 * 1024) // more than one piece was written
}, 30_000)

it.runIf(existsSync('/dev/full'))(
  'says so and exits 2 when standard output cannot be written',
  async () => {
    const full = openSync('/dev/full', 'w')
    try {
      const child = spawn(process.execPath, [binPath, 'sample', classifier, '--count', '50'], {
        cwd: root,
        stdio: ['ignore', full, 'pipe'],
      })
      let stderr = ''
      // A pipe, as stdio says ('pipe'): node's types cannot tell from the mixed list.
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
      expect(stderr).toBe('standin: cannot write standard output (ENOSPC).\n')
      expect(code).toBe(2)
    } finally {
      closeSync(full)
    }
  },
  30_000,
)
