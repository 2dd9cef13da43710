/**
 * A PGlite data folder that is not whole is never started over: a `pgdata` without PG_VERSION is
 * refused (PGlite would run initdb over it and lose every contract, token and audit row), a
 * damaged one says so in one line, and a lock held by a live process names its lock file.
 */
import { existsSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { runBin } from '../helpers/run-cli.js'
import { backends } from './backends.js'

const pglite = backends[0]

async function token(data: string) {
  return runBin(['registry', 'token', '--role', 'admin', '--name', 'me', '--data', data], {
    env: { STANDIN_DATABASE_URL: '' },
    timeoutMs: 60_000,
  })
}

it('refuses a pgdata without PG_VERSION, and leaves it as it was', async () => {
  const data = (await pglite?.fresh())?.data ?? ''
  const pgdata = join(data, 'pgdata')
  rmSync(join(pgdata, 'PG_VERSION'))
  const before = readdirSync(pgdata).sort()
  const run = await token(data)
  expect(run).toEqual({
    code: 2,
    stdout: '',
    stderr: `registry: cannot reach the embedded database in ${data}: ${pgdata} exists but is not a complete database (it has no PG_VERSION); restore it from a backup, or move it away to start an empty registry\n`,
  })
  expect(existsSync(join(pgdata, 'PG_VERSION'))).toBe(false)
  expect(readdirSync(pgdata).sort()).toEqual(before)
})

it('says a database that PGlite cannot start is damaged, in one line without its abort text', async () => {
  const data = (await pglite?.fresh())?.data ?? ''
  const pgdata = join(data, 'pgdata')
  truncateSync(join(pgdata, 'global', 'pg_control'), 0)
  const run = await token(data)
  expect(run.code).toBe(2)
  expect(run.stderr).toMatch(
    new RegExp(
      `^registry: cannot reach the embedded database in ${data}: the database in ${pgdata} is damaged: PGlite cannot start it( \\([^\\n]*\\))?; restore it from a backup\\n$`,
    ),
  )
  expect(run.stderr).not.toContain('Aborted')
})

it('names the lock file of a folder a live process holds, and how to tell a stale lock', async () => {
  const data = (await pglite?.fresh())?.data ?? ''
  const lock = join(data, 'standin-registry.pid')
  writeFileSync(lock, `${process.pid}\n`) // alive, and no registry
  const run = await token(data)
  expect(run).toEqual({
    code: 2,
    stdout: '',
    stderr: `registry: cannot reach the embedded database in ${data}: the folder is in use by process ${process.pid}, named in its lock file ${lock} (a running \`standin registry serve\`?); stop it first, or use --database postgres://... If process ${process.pid} is no standin registry (\`ps -p ${process.pid}\` shows what it is), the lock is stale, left by a crash: delete ${lock}\n`,
  })
})
