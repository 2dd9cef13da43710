import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { privateFolder, readPrivateFile } from '../src/private-cache.js'

/**
 * The caches standin runs code from are read only when they are the user's own: a file and folder
 * owned by this user, writable by no one else (the rule ssh applies to its keys).
 */
let dir: string
let folder: string
let file: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'standin-private-'))
  folder = join(dir, 'cache')
  file = join(folder, 'entry.json')
  expect(privateFolder(folder)).toBe(true)
  writeFileSync(file, 'kept', { mode: 0o600 })
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

it('makes its folder 0700 and reads back a file only the user can write', () => {
  expect(statSync(folder).mode & 0o777).toBe(0o700)
  expect(readPrivateFile(file)?.toString()).toBe('kept')
  // Others may read it (a looser umask): still no one else can have written it.
  chmodSync(file, 0o644)
  expect(readPrivateFile(file)?.toString()).toBe('kept')
  expect(readPrivateFile(join(folder, 'missing.json'))).toBeUndefined()
})

it('ignores a file or a folder that someone else may write, and writes nothing into such a folder', () => {
  for (const mode of [0o666, 0o620, 0o602]) {
    chmodSync(file, mode)
    expect(readPrivateFile(file), mode.toString(8)).toBeUndefined()
  }
  chmodSync(file, 0o600)
  for (const mode of [0o777, 0o770, 0o703]) {
    chmodSync(folder, mode)
    expect(readPrivateFile(file), mode.toString(8)).toBeUndefined()
    expect(privateFolder(folder), mode.toString(8)).toBe(false)
  }
  const shared = join(dir, 'shared')
  mkdirSync(shared)
  chmodSync(shared, 0o1777)
  expect(privateFolder(shared)).toBe(false)
})

it("ignores a file another user owns, in the user's own folder", () => {
  if (process.getuid?.() === 0) {
    // As root (CI): hand the file to another user.
    chownSync(file, 4242, 4242)
    expect(readPrivateFile(file)).toBeUndefined()
  } else {
    // As anyone else: a system file is root's.
    expect(statSync('/etc/hostname').uid).toBe(0)
    expect(readPrivateFile('/etc/hostname')).toBeUndefined()
  }
})
