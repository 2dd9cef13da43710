/**
 * Every file a command writes (reports, --out, recordings) fails in words: a full disk, no
 * permission, a folder in the way; never an "unexpected error" with a stack trace.
 */
import { tmpdir } from 'node:os'
import { expect, it } from 'vitest'
import { writeFailure, writeTextFile } from '../src/write-text-file.js'
import { runInProcess } from './helpers/run-cli.js'

const contract = 'contracts/transaction-classifier.contract.yaml'

it.each([
  ['ENOSPC', 'the disk is full, ENOSPC'],
  ['EACCES', 'permission denied, EACCES'],
  ['EROFS', 'the file system is read-only, EROFS'],
  ['EISDIR', 'it is a folder, EISDIR'],
  ['ENOENT', 'its folder does not exist, ENOENT'],
  ['EIO', 'EIO'],
])('says %s as %s', (code, words) => {
  expect(writeFailure(Object.assign(new Error('x'), { code }))).toBe(words)
})

it('throws cli.output naming the file as shown, why, and the hint', async () => {
  await expect(
    writeTextFile(tmpdir(), 'x', { shown: 'out/', hint: 'Check the path.', who: 'standin t' }),
  ).rejects.toMatchObject({
    code: 'cli.output',
    message: 'standin t: cannot write out/ (it is a folder, EISDIR). Check the path.',
  })
})

it.each([
  [['verify', contract, '--target', 'mock', '--cases', '2', '--reporter', 'json:/dev/full']],
  [['verify', contract, '--target', 'mock', '--cases', '2', '--reporter', 'html:/dev/full']],
])('%j exits 2 with the reason, not a stack trace', async (args) => {
  const run = await runInProcess(args)
  expect(run.code).toBe(2)
  expect(run.stderr).toBe(
    'cannot write /dev/full (the disk is full, ENOSPC). Check the --reporter path, and that the disk has room.\n',
  )
})

it('summary --out and a traffic report on a full disk exit 2 with the reason', async () => {
  const recording = `${tmpdir()}/standin-empty-${process.pid}.jsonl`
  await writeTextFile(recording, '', { shown: recording, hint: '' })
  const out = await runInProcess(['summary', recording, '--out', '/dev/full'])
  expect(out).toMatchObject({ code: 2 })
  expect(out.stderr).toBe(
    'standin summary: cannot write /dev/full (the disk is full, ENOSPC). Check the --out path.\n',
  )
  const report = await runInProcess(['summary', recording, '--reporter', 'junit:/dev/full'])
  expect(report).toMatchObject({ code: 2 })
  expect(report.stderr).toContain('cannot write /dev/full (the disk is full, ENOSPC).')
})
