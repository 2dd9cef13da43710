/**
 * Opens one file the way a contract may be read: a regular file only (a FIFO, a device, a socket
 * or a folder is refused before it is opened: a FIFO would block the read forever, a device never
 * ends), no larger than a size limit, and, for a file a `$ref` names, only inside a folder tree
 * after every symbolic link is followed. The checks run on the real path; the file is then opened
 * without following links and checked again through its handle, so a file swapped between the
 * check and the read is refused too.
 */
import { constants, lstat, open, realpath } from 'node:fs/promises'
import { basename, isAbsolute, relative, sep } from 'node:path'
import { byteOrderMarkLength } from '../byte-order-mark.js'

/** The largest contract or `$ref` file standin reads by default: 32 MiB. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024

/** Why a file was not read: a stable code and the reason, worded to follow "which ...". */
export interface FileRefusal {
  readonly code: 'contract.not-found' | 'contract.unreadable' | 'contract.outside-root'
  /** Completes "<file>, which ...": for example "is outside the contract's folder tree (/x)". */
  readonly reason: string
  readonly hint: string
}

/** What `readTextFile` gave. */
export type TextRead =
  | { readonly ok: true; readonly text: string; readonly realPath: string }
  | { readonly ok: false; readonly refusal: FileRefusal }

/** Where a file may be read from, and how much of it. */
export interface ReadLimits {
  /** The folder tree the file must be in, after links are followed; undefined: anywhere. */
  readonly root?: string
  /** Bytes at most (default `MAX_FILE_BYTES`). */
  readonly maxBytes?: number
}

/**
 * Reads `path` as UTF-8 text within `limits`, or says why not. Never throws for a file problem.
 *
 * @example
 * const read = await readTextFile('/work/contracts/shared/money.json', { root: '/work/contracts' })
 * if (!read.ok) console.log(read.refusal.reason) // "is outside the contract's folder tree (/work/contracts)"
 */
export async function readTextFile(path: string, limits: ReadLimits = {}): Promise<TextRead> {
  const maxBytes = limits.maxBytes ?? MAX_FILE_BYTES
  const refuse = (code: FileRefusal['code'], reason: string, hint: string): TextRead => ({
    ok: false,
    refusal: { code, reason, hint },
  })
  const root = limits.root
  if (root !== undefined && !isInside(root, path)) return outside(root)
  let real: string
  try {
    real = await realpath(path)
    if (root !== undefined) {
      const realRoot = await realpath(root).catch(() => root)
      if (!isInside(realRoot, real)) {
        return refuse(
          'contract.outside-root',
          `is a link to a file outside the contract's folder tree (${root})`,
          'Copy the schema into the contract folder; standin follows no link out of it.',
        )
      }
    }
    const info = await lstat(real)
    const kind = info.isDirectory()
      ? 'is a folder, not a file'
      : info.isFIFO()
        ? 'is a named pipe (FIFO), not a regular file'
        : info.isCharacterDevice() || info.isBlockDevice()
          ? 'is a device, not a regular file'
          : info.isSocket()
            ? 'is a socket, not a regular file'
            : info.isFile()
              ? undefined
              : 'is not a regular file'
    if (kind !== undefined) {
      return refuse(
        info.isDirectory() ? 'contract.not-found' : 'contract.unreadable',
        kind,
        info.isDirectory()
          ? 'Name a file, or use a command that takes folders.'
          : 'Name a regular file.',
      )
    }
    if (info.size > maxBytes) return tooLarge(info.size, maxBytes)
    return await readOpened(real, info, maxBytes)
  } catch (error) {
    return refuse(...errnoRefusal(error, path))
  }

  function outside(at: string): TextRead {
    return refuse(
      'contract.outside-root',
      `is outside the contract's folder tree (${at})`,
      'Keep $ref files in the folder of the contract or below it (a library caller may widen this with the root option).',
    )
  }

  function tooLarge(size: number, limit: number): TextRead {
    return refuse(
      'contract.unreadable',
      `is ${megabytes(size)}, over the ${megabytes(limit)} standin reads`,
      'Split it into smaller files, or raise the limit (the maxFileBytes option).',
    )
  }
}

async function readOpened(
  real: string,
  checked: { dev: number; ino: number },
  maxBytes: number,
): Promise<TextRead> {
  // O_NONBLOCK: should a FIFO take the file's place after the check, opening it does not block.
  const handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
  try {
    const info = await handle.stat()
    if (!info.isFile() || info.dev !== checked.dev || info.ino !== checked.ino) {
      return {
        ok: false,
        refusal: {
          code: 'contract.unreadable',
          reason: 'changed while it was being read',
          hint: 'Run the command again once the file is written.',
        },
      }
    }
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1)
    let length = 0
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null)
      if (bytesRead === 0) break
      length += bytesRead
      if (length > maxBytes) {
        return {
          ok: false,
          refusal: {
            code: 'contract.unreadable',
            reason: `is over the ${megabytes(maxBytes)} standin reads`,
            hint: 'Split it into smaller files, or raise the limit (the maxFileBytes option).',
          },
        }
      }
      if (length === buffer.length) break
    }
    const start = byteOrderMarkLength(buffer.subarray(0, length))
    return { ok: true, text: buffer.toString('utf8', start, length), realPath: real }
  } finally {
    await handle.close()
  }
}

/** True when `path` is `root` or below it (lexically: both are absolute and normalised). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`))
}

function errnoRefusal(error: unknown, path: string): [FileRefusal['code'], string, string] {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return [
      'contract.not-found',
      'file not found',
      // `-` is standard input to many tools; a contract's $refs need the folder of a file.
      basename(path) === '-'
        ? "Contracts are read from files, not from standard input: save it as a file first (its $refs resolve against that file's folder)."
        : 'Check the path (contracts are usually contracts/<name>.contract.yaml).',
    ]
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return [
      'contract.unreadable',
      'cannot be read (permission denied)',
      'Check the file permissions.',
    ]
  }
  if (code === 'ELOOP') {
    return [
      'contract.unreadable',
      'cannot be read (it became a symbolic link while being read)',
      'Run the command again once the file is written.',
    ]
  }
  // Anything else says itself what went wrong (standin/browser's file system says it has none).
  const message = error instanceof Error ? error.message : String(error)
  return [
    'contract.unreadable',
    `cannot be read: ${message}`,
    'Check that the file can be read where standin runs.',
  ]
}

function megabytes(bytes: number): string {
  const trim = (x: number): string => x.toFixed(1).replace(/\.0$/, '')
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${trim(bytes / 1024)} KB`
  return `${trim(bytes / (1024 * 1024))} MB`
}
