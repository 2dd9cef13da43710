/**
 * The embedded backend: PGlite (PostgreSQL compiled to WebAssembly) in a folder, no setup. One
 * process owns the folder: a lock file with its pid refuses a second (a dead owner's lock, left
 * by a crash, is taken over; PostgreSQL's own recovery then replays the log).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { makeFolderSync } from '../../make-folder.js'
import { join, resolve } from 'node:path'
import { classify, DatabaseUnavailableError, guard } from './database.js'
import type { Database, Sql } from './database.js'
import { loadPglite } from './load-driver.js'
import { writeFailure } from '../../write-text-file.js'

interface PGliteLike {
  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }>
  exec(text: string): Promise<unknown>
  transaction<T>(work: (tx: PGliteTx) => Promise<T>): Promise<T>
  close(): Promise<void>
}
interface PGliteTx {
  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }>
  exec(text: string): Promise<unknown>
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'
  }
}

function takeLock(folder: string): string {
  const lock = join(folder, 'standin-registry.pid')
  const held = Number(readFileSync(lock, { encoding: 'utf8', flag: 'a+' }).trim())
  if (Number.isSafeInteger(held) && held > 0 && held !== process.pid && alive(held))
    throw new DatabaseUnavailableError(
      `the folder is in use by process ${held} (a running \`standin registry serve\`?); stop it first, or use --database postgres://...`,
    )
  writeFileSync(lock, `${process.pid}\n`)
  return lock
}

function wrapTx(tx: PGliteTx): Sql {
  return {
    query: async <R>(text: string, params: readonly unknown[] = []) =>
      (await guard(() => tx.query<R>(text, [...params]))).rows,
  }
}

/** Opens (creating when missing) the PGlite database in `folder`. */
export async function openPglite(folder: string): Promise<Database> {
  const path = resolve(folder)
  try {
    makeFolderSync(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new DatabaseUnavailableError(
      code === 'EEXIST'
        ? `${folder} is a file, not a folder (EEXIST); give --data a folder (it is made when missing)`
        : code === 'ENOTDIR'
          ? `a part of ${folder} is a file, not a folder (ENOTDIR); give --data a folder (it is made when missing)`
          : `cannot create the folder (${writeFailure(error)})`,
    )
  }
  const { PGlite } = await loadPglite()
  const lock = takeLock(path)
  let db: PGliteLike
  try {
    db = await PGlite.create(join(path, 'pgdata'))
  } catch (error) {
    rmSync(lock, { force: true })
    throw new DatabaseUnavailableError((error as Error).message)
  }
  const txs = new Map<Sql, PGliteTx>()
  let closed = false
  return {
    kind: 'pglite',
    where: folder,
    query: async <R>(text: string, params: readonly unknown[] = []) => {
      if (closed) throw new DatabaseUnavailableError('the embedded database is closed')
      return (await guard(() => db.query<R>(text, [...params]))).rows
    },
    transaction: async <T>(work: (tx: Sql) => Promise<T>) => {
      if (closed) throw new DatabaseUnavailableError('the embedded database is closed')
      // The work's own errors (refusals, classified query errors) pass through as they are.
      let thrown: { error: unknown } | undefined
      try {
        return await db.transaction(async (raw) => {
          const tx = wrapTx(raw)
          txs.set(tx, raw)
          try {
            return await work(tx)
          } catch (error) {
            thrown = { error }
            throw error
          } finally {
            txs.delete(tx)
          }
        })
      } catch (error) {
        throw thrown && thrown.error === error ? error : classify(error)
      }
    },
    exec: async (tx, text) => {
      const raw = txs.get(tx)
      await guard(() => (raw ?? db).exec(text))
    },
    close: async () => {
      if (closed) return
      closed = true
      await db.close().catch(() => undefined)
      rmSync(lock, { force: true })
    },
  }
}
