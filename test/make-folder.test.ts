/**
 * `makeFolder` / `makeFolderSync` (src/make-folder.ts): `mkdir -p` that always ends. Node's own
 * `{ recursive: true }` spins for ever on a path whose parent exists but cannot hold it (procfs
 * answers ENOENT), which froze `STANDIN_CACHE_DIR=/proc/x standin sample` and hung
 * `standin types --out /proc/x`.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeFolder, makeFolderSync } from '../src/make-folder.js'
import { runBin } from './helpers/run-cli.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'standin-folder-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const procfs = existsSync('/proc/self')
const classifier = 'contracts/transaction-classifier.contract.yaml'

describe.each([
  [
    'makeFolderSync',
    (path: string, mode?: number) =>
      // A throw inside the executor rejects: both forms are held to the same expectations.
      new Promise<void>((resolve) => {
        makeFolderSync(path, mode)
        resolve()
      }),
  ],
  ['makeFolder', makeFolder],
] as const)('%s', (_name, make) => {
  it('makes a folder and its missing parents, with the mode given', async () => {
    const path = join(dir, 'a', 'b', 'c')
    await make(path, 0o700)
    for (const p of [join(dir, 'a'), join(dir, 'a', 'b'), path]) {
      expect(statSync(p).isDirectory()).toBe(true)
      expect(statSync(p).mode & 0o777).toBe(0o700 & ~process.umask())
    }
  })

  it('takes a folder that exists', async () => {
    mkdirSync(join(dir, 'there'))
    await make(join(dir, 'there'))
    await make(dir)
    expect(statSync(join(dir, 'there')).isDirectory()).toBe(true)
  })

  it('refuses a file in the way, and a path through a file', async () => {
    writeFileSync(join(dir, 'file'), '')
    await expect(make(join(dir, 'file'))).rejects.toMatchObject({ code: 'EEXIST' })
    await expect(make(join(dir, 'file', 'below'))).rejects.toMatchObject({ code: 'ENOTDIR' })
  })

  it('refuses a path through a dangling symlink, as mkdir -p does', async () => {
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'))
    await expect(make(join(dir, 'dangling', 'cache'))).rejects.toMatchObject({
      code: 'EEXIST',
      path: join(dir, 'dangling'),
    })
  })

  // Linux only: the folder node's recursive mkdir never leaves.
  it.runIf(procfs)('ends with ENOENT under /proc, where node recursive mkdir spins', async () => {
    await expect(make('/proc/standin-x/y')).rejects.toMatchObject({ code: 'ENOENT' })
    await expect(make('/proc/standin-x')).rejects.toMatchObject({ code: 'ENOENT' })
  })
})

describe.runIf(procfs)('the command with a folder under /proc', () => {
  it('types --out exits 2 with the reason instead of hanging', async () => {
    const run = await runBin(['types', classifier, '--out', '/proc/standin-x'], {
      timeoutMs: 10_000,
    })
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(
      'standin types: cannot write /proc/standin-x/contracts.ts (its folder does not exist, ENOENT). Check the --out folder.\n',
    )
  })

  it('sample runs without its caches when STANDIN_CACHE_DIR cannot be made', async () => {
    const run = await runBin(['sample', classifier, '--seed', '3'], {
      env: { STANDIN_CACHE_DIR: '/proc/standin-x' },
      timeoutMs: 10_000,
    })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toHaveProperty('category')
  })
})
