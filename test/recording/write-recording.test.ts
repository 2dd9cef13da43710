import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { createRecorder } from '../../src/recording/index.js'
import { binPath, root, runInProcess } from '../helpers/run-cli.js'

const contract = { name: 'transaction-classifier', version: '1.2.0', protocol: 'json' } as const

/** `standin proxy` before a model that is down, recording to `file`. */
const proxyRecording = (file: string): string[] => [
  'proxy',
  'contracts/transaction-classifier.contract.yaml',
  '--target',
  'http://127.0.0.1:9',
  '--port',
  '0',
  '--record',
  file,
]

it.each([
  ['/dev/full', 'the disk is full, ENOSPC'],
  [tmpdir(), 'it is a folder, EISDIR'],
  [
    join(mkdtempSync(join(tmpdir(), 'standin-rec-')), 'gone', 'x.jsonl'),
    'its folder does not exist, ENOENT',
  ],
])(
  'refuses to start a recording to %s with recording.unwritable and the reason',
  async (file, why) => {
    await expect(createRecorder({ file, contract })).rejects.toMatchObject({
      code: 'recording.unwritable',
      message: `cannot write the recording ${file} (${why}). Record to a file in a folder you can write, on a disk with room.`,
    })
  },
)

it('standin proxy --record on a full disk exits 2 with the reason, not a stack trace', async () => {
  const run = await runInProcess(proxyRecording('/dev/full'))
  expect(run).toMatchObject({ code: 2, stdout: '' })
  expect(run.stderr).toContain(
    'cannot write the recording /dev/full (the disk is full, ENOSPC). Record to a file in a folder you can write, on a disk with room.',
  )
  expect(run.stderr).not.toMatch(/ at |unexpected error/)
})

it('standin proxy says a recording write error once per reason and keeps forwarding', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-rec-'))
  const file = join(dir, 'traffic.jsonl')
  const child = spawn(process.execPath, [binPath, ...proxyRecording(file)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const url = await new Promise<string>((resolve) =>
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const match = /on (http:\/\/[\d.]+:\d+)/.exec(stdout)
      if (match) resolve(match[1] as string)
    }),
  )
  try {
    // The file becomes a folder: every later append fails with EISDIR.
    rmSync(file)
    mkdirSync(file)
    for (let i = 0; i < 3; i++) {
      const answer = await fetch(`${url}/predict`, { method: 'POST', body: '{}' }).catch(
        () => undefined,
      )
      expect(answer).toBeUndefined() // the model is down: the service sees the connection closed
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  } finally {
    child.kill('SIGTERM')
    await once(child, 'exit')
  }
  const lines = stderr.split('\n').filter((l) => l.includes('cannot write the recording'))
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(
    /^standin proxy: cannot write the recording \(exchanges are still forwarded\): EISDIR/,
  )
})

it('keeps a recording already at the path as FILE.1 (a restarted proxy), the older ones shifted on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-rec-restart-'))
  try {
    const file = join(dir, 'traffic.jsonl')
    const exchange = {
      time: '2026-01-01T00:00:00.000Z',
      latencyMs: 3,
      method: 'POST',
      path: '/predict',
      status: 200,
      outcome: 'answered',
      inputs: [{ n: 1 }],
      outputs: [{ category: 'rent' }],
      violations: [],
    } as const
    for (const n of [1, 2, 3]) {
      const recorder = await createRecorder({ file, contract })
      recorder.record({ ...exchange, inputs: [{ n }] })
      await recorder.close()
    }
    const lines = (f: string): string[] => readFileSync(f, 'utf8').trim().split('\n')
    expect([file, `${file}.1`, `${file}.2`].map((f) => lines(f).length)).toEqual([2, 2, 2])
    expect(lines(file)[1]).toContain('"inputs":[{"n":3}]')
    expect(lines(`${file}.1`)[1]).toContain('"inputs":[{"n":2}]')
    expect(lines(`${file}.2`)[1]).toContain('"inputs":[{"n":1}]')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('refuses to write over a file that is not a recording, where --record truncated a contract', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-rec-victim-'))
  try {
    const victim = join(dir, 'classifier.contract.yaml')
    copyFileSync(join(root, 'contracts/transaction-classifier.contract.yaml'), victim)
    const before = readFileSync(victim, 'utf8')
    const run = await runInProcess(proxyRecording(victim))
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `${victim} already holds something that is not a standin recording; standin does not write over it. Record to a new file, or move that one away.\n`,
    })
    expect(readFileSync(victim, 'utf8')).toBe(before)
    // An empty file is nothing to keep: the recording starts in it.
    const empty = join(dir, 'empty.jsonl')
    writeFileSync(empty, '')
    await (await createRecorder({ file: empty, contract })).close()
    expect(readFileSync(empty, 'utf8')).toMatch(/^\{"standin":"recording"/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
