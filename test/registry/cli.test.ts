/**
 * `standin registry serve|token` as real child processes of the built bin, on PGlite and on a real
 * PostgreSQL: a token printed once, serve until SIGTERM, a database unreachable at start (exit 2,
 * the URL without its password), and a server killed with SIGKILL during a stream of publishes
 * that restarts with each publish either fully there or fully absent.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../src/generate/index.js'
import { binPath, runBin } from '../helpers/run-cli.js'
import { backends } from './backends.js'
import { call, contract } from './fixtures.js'

interface Serving {
  readonly url: string
  readonly child: ChildProcess
  readonly output: () => string
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

function serve(args: readonly string[]): Promise<Serving> {
  const child = spawn(process.execPath, [binPath, 'registry', 'serve', '--port', '0', ...args], {
    env: { ...process.env, NO_COLOR: '1', STANDIN_DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`registry serve not ready in 60 s:\n${output}`))
    }, 60_000)
    const read = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /registry on (http:\/\/127\.0\.0\.1:[0-9]+) /.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve({ url: match[1], child, output: () => output, exited })
      }
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    void exited.then(({ code }) => {
      clearTimeout(timer)
      reject(new Error(`registry serve exited ${code} before it was ready:\n${output}`))
    })
  })
}

const digest = (value: unknown): string =>
  createHash('sha256').update(canonicalJson(value)).digest('hex')

describe.each(backends)('standin registry on $name', (backend) => {
  const where = async (): Promise<string[]> => {
    const location = await backend.fresh()
    return location.data !== undefined
      ? ['--data', location.data]
      : ['--database', location.database ?? '']
  }

  it('prints a token once, serves until SIGTERM, and stops cleanly', async () => {
    const args = await where()
    const token = await runBin(
      ['registry', 'token', '--role', 'publish', '--name', 'ci', ...args],
      {
        env: { STANDIN_DATABASE_URL: '' },
        timeoutMs: 60_000,
      },
    )
    expect([token.code, token.stderr]).toEqual([
      0,
      'registry: a publish token for ci; it is shown once, keep it (the registry stores only its sha256):\n',
    ])
    expect(token.stdout).toMatch(/^stk_[A-Za-z0-9_-]{43}\n$/)
    const server = await serve(args)
    expect(server.output()).toMatch(
      backend.name === 'pglite'
        ? /^registry on http:\/\/127\.0\.0\.1:[0-9]+ \(pglite: .+\)\n$/
        : /^registry on http:\/\/127\.0\.0\.1:[0-9]+ \(postgres: postgres:\/\/standin@127\.0\.0\.1:[0-9]+\/registry_[0-9_]+\)\n$/,
    )
    const published = await call(server.url, 'PUT', '/api/contracts/txn-clf/versions/1.0.0', {
      body: { contract: contract('1.0.0') },
      token: token.stdout.trim(),
    })
    expect(published.status).toBe(201)
    server.child.kill('SIGTERM')
    expect(await server.exited).toEqual({ code: 0, signal: null })
    expect(server.output()).toMatch(/registry: stopped\.\n$/)
  }, 120_000)

  it('exits 2 when the database cannot be reached at start, without showing the password', async () => {
    if (backend.name === 'postgres') {
      const cluster = await backend.cluster()
      const port = cluster.port === 1 ? 2 : 1
      const url = `postgres://standin:sekret@127.0.0.1:${port}/registry`
      const run = await runBin(['registry', 'serve', '--database', url], { timeoutMs: 60_000 })
      expect([run.code, run.stdout, run.stderr]).toEqual([
        2,
        '',
        `registry: cannot reach the database at postgres://standin@127.0.0.1:${port}/registry (password hidden): connect ECONNREFUSED 127.0.0.1:${port}\n`,
      ])
    } else {
      const [, data = ''] = await where()
      const file = join(data, '..', 'not-a-folder')
      writeFileSync(file, 'x')
      const run = await runBin(['registry', 'serve', '--data', file], {
        env: { STANDIN_DATABASE_URL: '' },
        timeoutMs: 60_000,
      })
      expect([run.code, run.stdout]).toEqual([2, ''])
      expect(run.stderr).toMatch(
        /^registry: cannot reach the embedded database in (.+not-a-folder): \1 is a file, not a folder \(EEXIST\); give --data a folder \(it is made when missing\)\n$/,
      )
    }
  }, 120_000)

  it('restarts after SIGKILL during a stream of publishes with each publish whole or absent', async () => {
    const args = await where()
    const token = (
      await runBin(['registry', 'token', '--role', 'admin', '--name', 'ci', ...args], {
        env: { STANDIN_DATABASE_URL: '' },
        timeoutMs: 60_000,
      })
    ).stdout.trim()
    const server = await serve(args)
    const acknowledged = new Set<string>()
    const sent = new Map<string, string>()
    let next = 0
    let killed = false
    const stream = async (): Promise<void> => {
      while (!killed) {
        const version = `1.0.${next++}`
        const body = contract(version, (c) => (c.description = `release ${version}`))
        sent.set(version, digest(body))
        try {
          const answer = await call(
            server.url,
            'PUT',
            `/api/contracts/txn-clf/versions/${version}`,
            {
              body: { contract: body },
              token,
            },
          )
          if (answer.status === 201) acknowledged.add(version)
          else if (!killed) throw new Error(`publish ${version}: ${answer.status} ${answer.text}`)
        } catch (error) {
          if (!killed) throw error
        }
      }
    }
    let failure: unknown
    const streams = [stream(), stream(), stream()].map((s) =>
      s.catch((error: unknown) => {
        failure = error
        killed = true
      }),
    )
    while (acknowledged.size < 15 && failure === undefined)
      await new Promise((r) => setTimeout(r, 20))
    if (failure !== undefined)
      throw failure instanceof Error ? failure : new Error(JSON.stringify(failure))
    killed = true
    server.child.kill('SIGKILL')
    expect((await server.exited).signal).toBe('SIGKILL')
    await Promise.all(streams)
    const again = await serve(args)
    try {
      const versions = (await call(again.url, 'GET', '/api/contracts/txn-clf')).json.versions as {
        version: string
        digest: string
      }[]
      const present = new Set(versions.map((v) => v.version))
      for (const version of acknowledged) expect(present.has(version), version).toBe(true)
      for (const v of versions) {
        expect(sent.get(v.version), v.version).toBe(v.digest)
        const stored = await call(again.url, 'GET', `/api/contracts/txn-clf/versions/${v.version}`)
        expect(digest(stored.json.contract)).toBe(v.digest)
      }
      const audit = (await call(again.url, 'GET', '/api/audit?limit=1000')).json as {
        action: string
        subject: string
      }[]
      expect(
        audit
          .filter((a) => a.action === 'publish')
          .map((a) => a.subject)
          .sort(),
      ).toEqual(versions.map((v) => `txn-clf@${v.version}`).sort())
    } finally {
      again.child.kill('SIGTERM')
      await again.exited
    }
  }, 180_000)
})
