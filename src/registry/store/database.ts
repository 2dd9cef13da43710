/**
 * The one thing the store needs from a database: parameterised queries, a transaction, and
 * close. Two backends give it: PGlite (embedded, a folder) and PostgreSQL through `pg`. A failure
 * to reach the database is a `DatabaseUnavailableError` (the server answers 503); a broken
 * unique constraint is a `UniqueViolation` (the store turns it into 409).
 */
import { mask } from '../../redacted-target.js'
import { migrations } from './migrations.js'

/** Queries, inside or outside a transaction. */
export interface Sql {
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>
}

/** A database backend. */
export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgres'
  /** Where the data is, for messages: the folder, or the URL without its password. */
  readonly where: string
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>
  /** Runs several statements at once (migrations). */
  exec(tx: Sql, text: string): Promise<void>
  close(): Promise<void>
}

/** The database could not be reached, or went away during a request. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError'
}

/** A unique constraint refused a row (two writers raced for one key). */
export class UniqueViolation extends Error {
  override readonly name = 'UniqueViolation'
}

/**
 * Sorts a driver's error: SQLSTATE 23505 (unique violation) is a `UniqueViolation`; classes 42
 * (a mistake in standin's SQL) and 22/23 (bad data) stay as they are; anything else (refused
 * connections, a server shut down, a closed PGlite) means the database is unavailable.
 */
export function classify(error: unknown): Error {
  const code = (error as { code?: unknown } | null)?.code
  const message = error instanceof Error ? error.message : String(error)
  if (code === '23505') return new UniqueViolation(message)
  if (typeof code === 'string' && /^(42|22|23|P0|40)/.test(code) && code.length === 5)
    return error instanceof Error ? error : new Error(message)
  return new DatabaseUnavailableError(message || 'unknown error')
}

/** Runs a driver call, its error sorted by `classify`. */
export async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw classify(error)
  }
}

/** Applies the migrations not yet applied, in one transaction; returns the schema version. */
export async function migrate(db: Database): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7447184018)')
    await db.exec(
      tx,
      `CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`,
    )
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations')
    const applied = new Set(rows.map((r) => Number(r.version)))
    let version = Math.max(0, ...applied)
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue
      await db.exec(tx, migration.sql)
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ])
      version = Math.max(version, migration.version)
    }
    return version
  })
}

/** Query parameters libpq reads a password from (`?password=...`, `?sslpassword=...`). */
const PASSWORD_PARAMETER = /^(ssl)?password$/i

/** True when `url` carries a password that `hidePassword` hides. */
export function hasPassword(url: string): boolean {
  try {
    const parsed = new URL(url)
    return (
      parsed.password !== '' ||
      [...parsed.searchParams.keys()].some((key) => PASSWORD_PARAMETER.test(key))
    )
  } catch {
    return hidePassword(url) !== url
  }
}

/**
 * `postgres://user:secret@host/db` shown as `postgres://user@host/db`, and `?password=secret` as
 * `?password=***`. A URL that does not parse (a password with a `/` in it, not percent-encoded)
 * loses everything between `://user:` and its last `@`.
 */
export function hidePassword(url: string): string {
  try {
    const parsed = new URL(url)
    parsed.password = ''
    for (const key of [...parsed.searchParams.keys()])
      if (PASSWORD_PARAMETER.test(key)) parsed.searchParams.set(key, mask)
    return parsed.toString().replace(/\/$/, '')
  } catch {
    return url
      .replace(/:\/\/([^:@/]*):.*@/, '://$1@')
      .replace(/([?&](?:ssl)?password=)[^&#]*/gi, `$1${mask}`)
  }
}
