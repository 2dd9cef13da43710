/**
 * `registry://host:port/name@range` contracts, against a real node:http server on a loopback port
 * that answers `/api/contracts/{name}/resolve` as the registry does: loaded, cached, taken from
 * the cache (with its age) when the registry is down, and refused with one clear line otherwise.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { ContractError, loadContract } from '../../src/index.js'
import { runInProcess, root } from '../helpers/run-cli.js'

const document = parse(
  readFileSync(join(root, 'contracts/transaction-classifier.contract.yaml'), 'utf8'),
) as Record<string, unknown>
const seen: string[] = []
let server: Server
let port: number
let cacheDir: string
let mode: 'up' | '503' = 'up'

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '')
    const url = new URL(req.url ?? '', 'http://x')
    const problem = (status: number, code: string, detail: string): void => {
      res.writeHead(status, { 'content-type': 'application/problem+json' })
      res.end(JSON.stringify({ type: 'about:blank', title: 'x', status, code, detail }))
    }
    if (mode === '503') return problem(503, 'registry.database-unavailable', 'the database is down')
    if (
      url.pathname === '/api/contracts/transaction-classifier/resolve' ||
      url.pathname === '/api/contracts/other/resolve'
    ) {
      if (url.searchParams.get('range') === '^9')
        return problem(
          404,
          'registry.no-matching-version',
          'no version of transaction-classifier in ^9 (have 1.2.0)',
        )
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          name: 'transaction-classifier',
          version: document.version,
          digest: 'ab'.repeat(32),
          publishedAt: '2026-12-01T10:00:00.000Z',
          publishedBy: 'data-team',
          contract: document,
        }),
      )
      return
    }
    if (url.pathname === '/api/contracts/huge/resolve') {
      // 40 MiB, chunked (no Content-Length): only reading can find it too large.
      res.writeHead(200, { 'content-type': 'application/json' })
      res.on('error', () => undefined)
      const piece = Buffer.alloc(1024 * 1024, 0x20)
      let sent = 0
      const more = (): void => {
        while (sent < 40 && !res.destroyed) {
          sent++
          if (!res.write(piece)) return void res.once('drain', more)
        }
        res.end()
      }
      res.write('{"name":"huge","version":"1.0.0","contract":{"name":"huge"},"pad":"')
      more()
      return
    }
    problem(404, 'registry.unknown-contract', 'no contract named "x"')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

beforeEach(() => {
  mode = 'up'
  cacheDir = mkdtempSync(join(tmpdir(), 'standin-registry-cache-'))
  return () => rmSync(cacheDir, { recursive: true, force: true })
})

async function closedPort(): Promise<number> {
  const closed = createServer()
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
  const free = (closed.address() as AddressInfo).port
  await new Promise((resolve) => closed.close(resolve))
  return free
}

async function loadError(source: string, options = {}): Promise<ContractError> {
  const error: unknown = await loadContract(source, { registry: { cacheDir }, ...options }).catch(
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ContractError)
  return error as ContractError
}

it('loads the highest version in range from the registry, and caches it', async () => {
  const source = `registry://127.0.0.1:${port}/transaction-classifier@^1`
  const contract = await loadContract(source, { registry: { cacheDir } })
  expect(contract.name).toBe('transaction-classifier')
  expect(contract.file).toBe(source)
  expect(seen.at(-1)).toBe('/api/contracts/transaction-classifier/resolve?range=%5E1')
  const folder = join(cacheDir, `127.0.0.1_${port}`, 'transaction-classifier')
  expect(readdirSync(folder)).toEqual([`${String(document.version)}.json`])
})

it('asks for the latest version when no range is given', async () => {
  await loadContract(`registry://127.0.0.1:${port}/transaction-classifier`, {
    registry: { cacheDir },
  })
  expect(seen.at(-1)).toBe('/api/contracts/transaction-classifier/resolve?range=*')
})

it('uses the cached version when the registry is unreachable, and says how old it is', async () => {
  await loadContract(`registry://127.0.0.1:${port}/transaction-classifier@^1`, {
    registry: { cacheDir },
  })
  // The same cache, as if it had been written three hours ago by a registry now gone.
  const down = await closedPort()
  const from = join(cacheDir, `127.0.0.1_${port}`)
  const to = join(cacheDir, `127.0.0.1_${down}`, 'transaction-classifier')
  const file = `${String(document.version)}.json`
  const entry = JSON.parse(
    readFileSync(join(from, 'transaction-classifier', file), 'utf8'),
  ) as Record<string, unknown>
  entry.fetchedAt = new Date(Date.now() - 3 * 3600_000 - 60_000).toISOString()
  await import('node:fs/promises').then((fs) => fs.mkdir(to, { recursive: true }))
  writeFileSync(join(to, file), JSON.stringify(entry))
  const warnings: string[] = []
  const contract = await loadContract(`registry://127.0.0.1:${down}/transaction-classifier@^1.0`, {
    registry: { cacheDir, onWarning: (m) => warnings.push(m) },
  })
  expect(contract.name).toBe('transaction-classifier')
  expect(warnings).toEqual([
    `using the cached transaction-classifier@${String(document.version)} from registry://127.0.0.1:${down} (cached 3 h ago; the registry is unreachable: connect ECONNREFUSED 127.0.0.1:${down})`,
  ])
})

it('uses the cache when the registry answers 5xx', async () => {
  const source = `registry://127.0.0.1:${port}/transaction-classifier@^1`
  await loadContract(source, { registry: { cacheDir } })
  mode = '503'
  const warnings: string[] = []
  await loadContract(source, { registry: { cacheDir, onWarning: (m) => warnings.push(m) } })
  expect(warnings).toEqual([
    `using the cached transaction-classifier@${String(document.version)} from registry://127.0.0.1:${port} (cached 0 s ago; the registry is unreachable: it answered HTTP 503 (registry.database-unavailable: the database is down))`,
  ])
})

it('fails like a missing file when the registry is unreachable and nothing is cached', async () => {
  const down = await closedPort()
  const error = await loadError(`registry://127.0.0.1:${down}/transaction-classifier@^1`)
  expect(error.code).toBe('contract.unreadable')
  expect(error.message).toBe(
    `registry://127.0.0.1:${down}/transaction-classifier@^1#: the registry at http://127.0.0.1:${down} cannot be reached (connect ECONNREFUSED 127.0.0.1:${down}), and no version of transaction-classifier@^1 is cached. Start the registry (standin registry serve), or load the contract once while it is reachable: standin caches what it loads.`,
  )
})

it('exits 2 with that one line from a command', async () => {
  const down = await closedPort()
  const source = `registry://127.0.0.1:${down}/transaction-classifier@^1`
  const run = await runInProcess(['verify', source, '--target', 'mock'], root, {
    STANDIN_CACHE_DIR: cacheDir,
  })
  expect(run.code).toBe(2)
  expect(run.stderr.trim().split('\n')).toHaveLength(1)
  expect(run.stderr).toContain(
    `${source}#: the registry at http://127.0.0.1:${down} cannot be reached`,
  )
})

it('says what is wrong with an address that is not one', async () => {
  const cases: [string, string][] = [
    [
      'registry://127.0.0.1:4400',
      'is not a registry address: write registry://host[:port]/name@range, such as registry://127.0.0.1:4400/transaction-classifier@^1.2',
    ],
    [
      'registry://127.0.0.1:4400/Transaction_Classifier@1',
      'names the contract "Transaction_Classifier", but contract names are lowercase words joined by dashes (transaction-classifier)',
    ],
    [
      'registry://127.0.0.1:4400/transaction-classifier@banana',
      'asks for the range "banana", which is not a semver range (^1.2, ~1.2.3, 1.x, >=1.0.0 <2)',
    ],
    ['registry://127.0.0.1:99999/transaction-classifier', 'has the port 99999, outside 1..65535'],
  ]
  for (const [source, message] of cases) {
    const error = await loadError(source)
    expect(error.message).toBe(`${source}#: ${message}. Fix the address.`)
  }
})

it('refuses an address with a user or password, and never shows the secret', async () => {
  const error = await loadError('registry://ci:s3cr3t@127.0.0.1:4400/transaction-classifier@^1')
  expect(error.message).toBe(
    'registry://***@127.0.0.1:4400/transaction-classifier@^1#: carries a user or password, which a registry address never does: give the token in STANDIN_REGISTRY_TOKEN. Fix the address.',
  )
  expect(JSON.stringify(error.problems)).not.toContain('s3cr3t')
})

it('names the range when no published version is in it', async () => {
  const source = `registry://127.0.0.1:${port}/transaction-classifier@^9`
  const error = await loadError(source)
  expect(error.message).toBe(
    `${source}#: the registry at http://127.0.0.1:${port} has no version of transaction-classifier@^9 (registry.no-matching-version: no version of transaction-classifier in ^9 (have 1.2.0)). See what is published at http://127.0.0.1:${port}/contracts/transaction-classifier, or widen the range.`,
  )
})

it('is taken by types, sample and lint wherever a contract path is', async () => {
  const source = `registry://127.0.0.1:${port}/transaction-classifier@^1`
  const env = { STANDIN_CACHE_DIR: cacheDir }
  const types = await runInProcess(['types', source, '--out', '-'], root, env)
  expect(types.code, types.stderr).toBe(0)
  expect(types.stdout).toContain("'transaction-classifier'")
  const sample = await runInProcess(['sample', source, '-n', '1'], root, env)
  expect(sample.code, sample.stderr).toBe(0)
  expect(JSON.parse(sample.stdout)).toHaveProperty('category')
  const lint = await runInProcess(['lint', source], root, env)
  expect(lint).toEqual({ code: 0, stdout: '1 contract checked: no problems.\n', stderr: '' })
})

it('refuses an answer that is not the contract asked for', async () => {
  const source = `registry://127.0.0.1:${port}/other@^1`
  const error = await loadError(source)
  expect(error.message).toBe(
    `${source}#: http://127.0.0.1:${port} answered other@^1 with transaction-classifier@${String(document.version)}, which is not what was asked for. Check that the address is a standin registry.`,
  )
})

it('makes lint exit 2, not 1, when the registry cannot give the contract', async () => {
  const down = await closedPort()
  const env = { STANDIN_CACHE_DIR: cacheDir }
  const unreachable = `registry://127.0.0.1:${down}/transaction-classifier@^1`
  const noMatch = `registry://127.0.0.1:${port}/transaction-classifier@^9`
  const badAddress = 'registry://127.0.0.1:4400/Transaction_Classifier@1'
  for (const source of [unreachable, noMatch, badAddress]) {
    const lint = await runInProcess(['lint', source], root, env)
    expect([lint.code, lint.stdout], source).toEqual([2, ''])
    expect(lint.stderr.trim().split('\n'), source).toHaveLength(1)
    expect(lint.stderr).toContain(`${source}#: `)
  }
})

it('refuses a chunked answer over 32 MiB while reading it, and caches nothing', async () => {
  const source = `registry://127.0.0.1:${port}/huge`
  const error = await loadError(source)
  expect(error.message).toBe(
    `${source}#: the registry at http://127.0.0.1:${port} cannot be reached (its answer is over 32 MiB), and no version of huge@latest is cached. Start the registry (standin registry serve), or load the contract once while it is reachable: standin caches what it loads.`,
  )
  expect(readdirSync(cacheDir)).toEqual([])
})
