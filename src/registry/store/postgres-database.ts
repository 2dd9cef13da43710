/**
 * The server backend: a real PostgreSQL through `pg`'s pool. Idle connections that the server
 * drops (a restart, a failover) are logged away rather than crashing the process; the next
 * request that needs the database gets a `DatabaseUnavailableError` (503) until it is back.
 */
import { DatabaseUnavailableError, guard, hidePassword } from './database.js'
import type { Database, Sql } from './database.js'
import { loadPg } from './load-driver.js'

interface PoolClientLike {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>
  release(error?: Error | boolean): void
}

/** Connects to `url` (checked with one query) and returns the backend. */
export async function openPostgres(url: string): Promise<Database> {
  const pg = await loadPg()
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 10_000,
  })
  pool.on('error', () => undefined)
  try {
    await pool.query('SELECT 1')
  } catch (error) {
    await pool.end().catch(() => undefined)
    const reason = error instanceof Error && error.message ? error.message : String(error)
    throw new DatabaseUnavailableError(
      reason.includes(url) ? reason.replaceAll(url, hidePassword(url)) : reason,
    )
  }
  const clients = new Map<Sql, PoolClientLike>()
  return {
    kind: 'postgres',
    where: hidePassword(url),
    query: async <R>(text: string, params: readonly unknown[] = []) =>
      (await guard(() => pool.query(text, [...params]))).rows as R[],
    transaction: async <T>(work: (tx: Sql) => Promise<T>) => {
      const client = (await guard(() => pool.connect())) as unknown as PoolClientLike
      const tx: Sql = {
        query: async <R>(text: string, params: readonly unknown[] = []) =>
          (await guard(() => client.query(text, [...params]))).rows as R[],
      }
      clients.set(tx, client)
      let broken = false
      try {
        await tx.query('BEGIN')
        const result = await work(tx)
        await tx.query('COMMIT')
        return result
      } catch (error) {
        try {
          await client.query('ROLLBACK')
        } catch {
          broken = true
        }
        throw error
      } finally {
        clients.delete(tx)
        client.release(broken)
      }
    },
    exec: async (tx, text) => {
      const client = clients.get(tx)
      await guard(() => (client ?? pool).query(text))
    },
    close: async () => {
      await pool.end().catch(() => undefined)
    },
  }
}
