/**
 * Opens the store where the user said: a PostgreSQL URL (`--database`, or STANDIN_DATABASE_URL)
 * or else the PGlite folder (`--data`, default `.standin/registry`), migrated.
 */
import { resolve } from 'node:path'
import { DatabaseUnavailableError, hidePassword } from './database.js'
import type { Database } from './database.js'
import { openPglite } from './pglite-database.js'
import { openPostgres } from './postgres-database.js'
import { createStore } from './store.js'
import type { Store } from './store.js'

/** Where the registry keeps its data. */
export interface StoreLocation {
  /** A `postgres://` URL: PostgreSQL through `pg`. */
  readonly database?: string
  /** The PGlite folder (used when `database` is absent). */
  readonly data?: string
  /** Relative `data` resolves against this. */
  readonly cwd?: string
}

/** The default PGlite folder. */
export const defaultDataFolder = '.standin/registry'

/** How the location reads in messages: `pglite: .standin/registry` or the URL without password. */
export function describeLocation(location: StoreLocation): string {
  return location.database !== undefined
    ? `postgres: ${hidePassword(location.database)}`
    : `pglite: ${location.data ?? defaultDataFolder}`
}

/**
 * Opens and migrates the store: PGlite in the folder `data` (made when missing), or the
 * PostgreSQL at `database`. Close it with `store.close()` once no server uses it.
 *
 * @example
 * const store = await openStore({ data: '.standin/registry' })
 * const token = await store.createToken('ci', 'admin', 'setup') // the secret, shown once
 *
 * @throws {DatabaseUnavailableError} when the database cannot be reached or opened, is damaged,
 * or is held by another registry.
 */
export async function openStore(location: StoreLocation): Promise<Store> {
  let db: Database
  if (location.database !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(location.database))
      throw new DatabaseUnavailableError(
        `expected a postgres://user:password@host:5432/database URL, not '${hidePassword(location.database)}'`,
      )
    db = await openPostgres(location.database)
  } else
    db = await openPglite(
      resolve(location.cwd ?? process.cwd(), location.data ?? defaultDataFolder),
    )
  try {
    return await createStore(db)
  } catch (error) {
    await db.close()
    throw error
  }
}
