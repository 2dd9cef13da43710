/**
 * The database drivers are optional peer dependencies: the registry runs on one machine, and
 * PGlite alone is ~27 MB that no one who only mocks and verifies should install. They load on
 * first use; a missing one is one line naming the package, the range and the command to install
 * it (`peer.missing`).
 */
import type * as Pglite from '@electric-sql/pglite'
import type Pg from 'pg'
import { StandinError } from '../../errors.js'

/** The drivers and the versions the registry works with (package.json's peerDependencies). */
export const registryPeerRanges = {
  '@electric-sql/pglite': '^0.5.17',
  pg: '^8.23.1',
} as const

function missing(error: unknown, name: keyof typeof registryPeerRanges, needed: string): unknown {
  const code = (error as { code?: unknown } | null)?.code
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return error
  return new StandinError(
    'peer.missing',
    `registry: ${name} is not installed; it is an optional peer dependency, needed for ${needed}. Install it in your project: npm install ${name}@'${registryPeerRanges[name]}'.`,
  )
}

/** @electric-sql/pglite's module. */
export async function loadPglite(): Promise<typeof Pglite> {
  try {
    return await import('@electric-sql/pglite')
  } catch (error) {
    throw missing(error, '@electric-sql/pglite', "the registry's embedded database (--data)")
  }
}

/** pg's module. */
export async function loadPg(): Promise<typeof Pg> {
  try {
    return (await import('pg')).default
  } catch (error) {
    throw missing(error, 'pg', 'a registry on PostgreSQL (--database)')
  }
}
