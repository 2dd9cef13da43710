import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { createRecorder } from '../../src/recording/index.js'
import { runInProcess } from '../helpers/run-cli.js'

const contract = { name: 'transaction-classifier', version: '1.2.0', protocol: 'json' } as const

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
  const run = await runInProcess([
    'proxy',
    'contracts/transaction-classifier.contract.yaml',
    '--target',
    'http://127.0.0.1:9',
    '--port',
    '0',
    '--record',
    '/dev/full',
  ])
  expect(run).toMatchObject({ code: 2, stdout: '' })
  expect(run.stderr).toContain(
    'cannot write the recording /dev/full (the disk is full, ENOSPC). Record to a file in a folder you can write, on a disk with room.',
  )
  expect(run.stderr).not.toMatch(/ at |unexpected error/)
})
