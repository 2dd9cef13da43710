/**
 * `mkdir -p` that always ends. Node's `{ recursive: true }` loops for ever when a parent exists
 * but cannot hold the child: under `/proc` or `/sys`, mkdir answers ENOENT, node makes the parent
 * (it exists), tries the child again and gets ENOENT again, without end (the synchronous form
 * freezes the process). Here each folder is made with one plain mkdir, its parent first when
 * that one is missing, and a second ENOENT is final: the error comes back as node's.
 */
import { mkdirSync, statSync } from 'node:fs'
import { mkdir, stat } from 'node:fs/promises'
import { dirname } from 'node:path'

const codeOf = (error: unknown): unknown => (error as NodeJS.ErrnoException | null)?.code

/** True when `path` is a folder (a dangling symlink in the way is not). */
function isFolderSync(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  )
}

/**
 * Makes the folder `path` and any missing parents (each with `mode` when given); an existing
 * folder is fine.
 *
 * @throws the mkdir error (ENOENT, EACCES, ENOTDIR, EEXIST for a file or a dangling symlink in
 * the way, as `mkdir -p` says).
 */
export function makeFolderSync(path: string, mode?: number): void {
  try {
    mkdirSync(path, mode === undefined ? {} : { mode })
  } catch (error) {
    if (codeOf(error) === 'EEXIST' && isFolderSync(path)) return
    const parent = dirname(path)
    if (codeOf(error) !== 'ENOENT' || parent === path) throw error
    makeFolderSync(parent, mode)
    try {
      mkdirSync(path, mode === undefined ? {} : { mode })
    } catch (again) {
      // Made by someone else meanwhile is fine; anything else, a second ENOENT too, is final.
      if (codeOf(again) === 'EEXIST' && isFolderSync(path)) return
      throw again
    }
  }
}

/** `makeFolderSync`, without blocking the event loop. */
export async function makeFolder(path: string, mode?: number): Promise<void> {
  try {
    await mkdir(path, mode === undefined ? {} : { mode })
  } catch (error) {
    if (codeOf(error) === 'EEXIST' && (await isFolder(path))) return
    const parent = dirname(path)
    if (codeOf(error) !== 'ENOENT' || parent === path) throw error
    await makeFolder(parent, mode)
    try {
      await mkdir(path, mode === undefined ? {} : { mode })
    } catch (again) {
      if (codeOf(again) === 'EEXIST' && (await isFolder(path))) return
      throw again
    }
  }
}
