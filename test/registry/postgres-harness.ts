/**
 * A real PostgreSQL for the registry tests: Debian's `postgresql` binaries
 * (/usr/lib/postgresql/<major>/bin), a cluster initialised in a temporary folder, started on a
 * free port of 127.0.0.1 with its unix socket in that folder, one database per test file, stopped
 * and removed after. initdb refuses to run as root: as root, the cluster runs as the `postgres`
 * user (or `nobody`) through runuser, in a folder it owns. `.ci/run` installs the package.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

/** A started cluster. */
export interface Postgres {
  /** `postgres://standin:secret@127.0.0.1:PORT/DB` for a new empty database. */
  readonly createDatabase: (name: string) => Promise<string>
  readonly port: number
  /** Stops the server at once (`immediate`), as a crash or an outage would. */
  readonly halt: () => Promise<void>
  /** Starts it again on the same port and folder, after `halt`. */
  readonly restart: () => Promise<void>
  /** Stops it and removes the folder. */
  readonly stop: () => Promise<void>
}

/** The newest installed PostgreSQL's bin folder, or undefined. */
export function postgresBin(): string | undefined {
  const base = '/usr/lib/postgresql'
  if (!existsSync(base)) return undefined
  const majors = readdirSync(base)
    .filter((v) => /^[0-9]+$/.test(v) && existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return majors[0] === undefined ? undefined : join(base, majors[0], 'bin')
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** As root: the user the cluster runs as, and its uid/gid. */
function runAs(): { user: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined
  for (const user of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim())
      const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim())
      return { user, uid, gid }
    } catch {
      // next
    }
  }
  throw new Error('running as root, and neither the postgres nor the nobody user exists')
}

function command(
  as: { user: string } | undefined,
  file: string,
  args: readonly string[],
): [string, string[]] {
  return as ? ['runuser', ['-u', as.user, '--', file, ...args]] : [file, [...args]]
}

/** Initialises and starts a cluster. Throws when PostgreSQL is not installed. */
export async function startPostgres(): Promise<Postgres> {
  const bin = postgresBin()
  if (!bin)
    throw new Error(
      "PostgreSQL is not installed: run 'apt-get install -y postgresql' (the registry tests need it)",
    )
  const as = runAs()
  const dir = mkdtempSync(join(tmpdir(), 'standin-pg-'))
  if (as) chownSync(dir, as.uid, as.gid)
  const data = join(dir, 'data')
  const [initFile, initArgs] = command(as, join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'standin',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ])
  execFileSync(initFile, initArgs, { stdio: 'pipe' })
  const port = await freePort()
  let child: ChildProcess | undefined
  const start = async (): Promise<void> => {
    const [file, args] = command(as, join(bin, 'postgres'), [
      '-D',
      data,
      '-p',
      String(port),
      '-h',
      '127.0.0.1',
      '-k',
      dir,
      '-c',
      'fsync=off',
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=32MB',
    ])
    const started = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    child = started
    let log = ''
    started.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()))
    const deadline = Date.now() + 30_000
    for (;;) {
      const client = new pg.Client({
        host: '127.0.0.1',
        port,
        user: 'standin',
        database: 'postgres',
      })
      try {
        await client.connect()
        await client.end()
        return
      } catch {
        await client.end().catch(() => undefined)
        if (started.exitCode !== null || Date.now() > deadline)
          throw new Error(`PostgreSQL did not start:\n${log}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    }
  }
  const halt = async (): Promise<void> => {
    const running = child
    if (!running || running.exitCode !== null || running.signalCode !== null) return
    const exited = new Promise<void>((r) => running.once('exit', () => r()))
    // Immediate shutdown, as when the server goes away under a running request. (runuser does
    // not pass signals on to postgres, so pg_ctl, as the cluster's user, sends it.)
    const [file, args] = command(as, join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate'])
    execFileSync(file, args, { stdio: 'pipe' })
    await exited
  }
  await start()
  return {
    port,
    createDatabase: async (name) => {
      const client = new pg.Client({
        host: '127.0.0.1',
        port,
        user: 'standin',
        database: 'postgres',
      })
      await client.connect()
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`)
      await client.end()
      return `postgres://standin:secret@127.0.0.1:${port}/${encodeURIComponent(name)}`
    },
    halt,
    restart: start,
    stop: async () => {
      await halt()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
