/**
 * The embedded backend: PGlite (PostgreSQL compiled to WebAssembly) in a folder, no setup. One
 * process owns the folder: a lock file with its pid refuses a second (a dead owner's lock, left
 * by a crash, is taken over; PostgreSQL's own recovery then replays the log).
 */
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
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
      `the folder is in use by process ${held}, named in its lock file ${lock} (a running \`standin registry serve\`?); stop it first, or use --database postgres://... If process ${held} is no standin registry (\`ps -p ${held}\` shows what it is), the lock is stale, left by a crash: delete ${lock}`,
    )
  writeFileSync(lock, `${process.pid}\n`)
  return lock
}

/**
 * Refuses a `pgdata` folder that has files but no `PG_VERSION`: PGlite would run initdb over it
 * and start an empty registry where the data was (every contract, token and audit row gone).
 * Returns whether a database is there to open.
 */
function checkDataFolder(pgdata: string): boolean {
  if (existsSync(join(pgdata, 'PG_VERSION'))) return true
  let entries: string[]
  try {
    entries = readdirSync(pgdata)
  } catch {
    return false // missing: a new registry
  }
  if (entries.length === 0) return false
  throw new DatabaseUnavailableError(
    `${pgdata} exists but is not a complete database (it has no PG_VERSION); restore it from a backup, or move it away to start an empty registry`,
  )
}

/** A PGlite start-up failure, in words: an existing database that does not start is damaged. */
function startFailure(pgdata: string, existed: boolean, error: unknown): DatabaseUnavailableError {
  const message = error instanceof Error ? error.message : String(error)
  // WebAssembly's abort text ("Aborted(). Build with -sASSERTIONS for more info.") says nothing.
  const reason = /^Aborted\(/.test(message) ? '' : ` (${message.split('\n')[0] ?? ''})`
  return new DatabaseUnavailableError(
    existed
      ? `the database in ${pgdata} is damaged: PGlite cannot start it${reason}; restore it from a backup`
      : `PGlite cannot create a database in ${pgdata}${reason || ' (it aborted)'}`,
  )
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
  const pgdata = join(path, 'pgdata')
  let db: PGliteLike
  let existed = false
  try {
    existed = checkDataFolder(pgdata)
    db = await PGlite.create(pgdata)
  } catch (error) {
    rmSync(lock, { force: true })
    throw error instanceof DatabaseUnavailableError ? error : startFailure(pgdata, existed, error)
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
