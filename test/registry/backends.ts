/**
 * The two backends every registry test runs against: PGlite in a temporary folder, and a real
 * PostgreSQL (postgres-harness.ts). `describe.each(backends)` runs a file's tests on both; the
 * PostgreSQL cluster is started once per test file and stopped after.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll } from 'vitest'
import { openStore } from '../../src/registry/store/open-store.js'
import { schemaVersion } from '../../src/registry/store/migrations.js'
import { startPostgres, type Postgres } from './postgres-harness.js'

/** One backend: where a fresh, empty registry's data goes. */
export interface Backend {
  readonly name: 'pglite' | 'postgres'
  /** A fresh location: `{ data }` for PGlite, `{ database }` for PostgreSQL. */
  readonly fresh: () => Promise<{ data?: string; database?: string }>
  /** The PostgreSQL cluster (postgres only). */
  readonly cluster: () => Promise<Postgres>
}

let started: Promise<Postgres> | undefined
const folders: string[] = []
let count = 0

afterAll(async () => {
  if (started) await (await started).stop()
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
})

/**
 * PGlite's first start in a folder runs initdb in WebAssembly (5-15 s on a loaded machine); a
 * reopen takes under a second. So a migrated, empty registry folder is made once per machine
 * (per PGlite version and schema version) and copied for each fresh registry.
 */
let template: Promise<string> | undefined
function pgliteTemplate(): Promise<string> {
  template ??= (async () => {
    const require = createRequire(import.meta.url)
    const pkg = join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json')
    const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version
    const path = join(tmpdir(), `standin-pglite-template-${version}-${schemaVersion}`)
    if (existsSync(join(path, 'pgdata', 'PG_VERSION'))) return path
    const building = mkdtempSync(join(tmpdir(), 'standin-pglite-building-'))
    const store = await openStore({ data: building })
    await store.close()
    try {
      renameSync(building, path)
    } catch {
      rmSync(building, { recursive: true, force: true }) // another test file made it first
    }
    return path
  })()
  return template
}

function cluster(): Promise<Postgres> {
  started ??= startPostgres()
  return started
}

/** PGlite and PostgreSQL. */
export const backends: readonly Backend[] = [
  {
    name: 'pglite',
    fresh: async () => {
      const folder = mkdtempSync(join(tmpdir(), 'standin-registry-'))
      folders.push(folder)
      cpSync(await pgliteTemplate(), join(folder, 'registry'), { recursive: true })
      return { data: join(folder, 'registry') }
    },
    cluster,
  },
  {
    name: 'postgres',
    fresh: async () => ({
      database: await (await cluster()).createDatabase(`registry_${process.pid}_${++count}`),
    }),
    cluster,
  },
]
