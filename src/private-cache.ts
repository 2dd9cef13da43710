/**
 * The files standin keeps between runs (the code cache of the command, parsed YAML, compiled
 * validators) are read only when they are the user's own: the file and its folder owned by this
 * user and writable by no one else, the rule ssh applies to its keys. A cache another user could
 * write (a `STANDIN_CACHE_DIR` in a shared `/tmp`) would let them choose code this process runs,
 * so it is ignored, and nothing is written into it: standin just starts without a cache.
 */
import { closeSync, fstatSync, openSync, readFileSync, statSync, type Stats } from 'node:fs'
import { dirname } from 'node:path'
import { makeFolderSync } from './make-folder.js'

/** A short, stable hash of a short string (FNV-1a, 32 bits, hex): cache file names. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return (hash >>> 0).toString(16).padStart(8, '0')
}

/**
 * Owned by this user and writable by no one else. Windows has no owner id or mode bits here (its
 * ACLs decide, and the folders standin makes are in the user's profile): always true there.
 */
function isPrivate(stats: Stats): boolean {
  const uid = process.getuid?.()
  if (uid === undefined) return true
  return stats.uid === uid && (stats.mode & 0o022) === 0
}

/**
 * The bytes of the cache file at `path` when it and its folder are the user's own, else
 * undefined (as for a missing or unreadable file).
 */
export function readPrivateFile(path: string): Buffer | undefined {
  let fd: number | undefined
  try {
    if (!isPrivate(statSync(dirname(path)))) return undefined
    fd = openSync(path, 'r')
    if (!isPrivate(fstatSync(fd))) return undefined
    return readFileSync(fd)
  } catch {
    return undefined
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/**
 * Makes the cache folder `dir` (0700 when new) and answers whether it is the user's own, so that
 * a cache is written only where `readPrivateFile` will read it back. Never throws.
 */
export function privateFolder(dir: string): boolean {
  try {
    makeFolderSync(dir, 0o700)
    return isPrivate(statSync(dir))
  } catch {
    return false
  }
}
