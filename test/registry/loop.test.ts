/**
 * The whole swap-gate loop through the real CLI as child processes, on a bundled contract and the
 * transaction-categorizer example's model, against the real registry (`standin registry serve`)
 * on PGlite and on a real PostgreSQL: token, publish, consume, serve from registry://, verify
 * with --publish, approve, can-swap (no before the verification and the approval, yes after),
 * and a publish refused because it breaks a consumer's field.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { binPath, root, runBin } from '../helpers/run-cli.js'
import { startProcess } from '../helpers/start-bin.js'
import type { Started } from '../helpers/start-bin.js'
import { backends } from './backends.js'

const contractFile = join(root, 'contracts/transaction-classifier.contract.yaml')
const model = 'txn-logreg@2024.11'
const started: Started[] = []
const folders: string[] = []

afterAll(async () => {
  for (const child of started) await child.stop()
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
})

describe.each(backends)('the swap gate on $name', (backend) => {
  it('publishes, consumes, serves from the registry, verifies with publish, approves, and gates the swap', async () => {
    const work = mkdtempSync(join(tmpdir(), 'standin-loop-'))
    folders.push(work)
    const location = await backend.fresh()
    const where =
      location.database !== undefined
        ? ['--database', location.database]
        : ['--data', location.data ?? '']
    const env = {
      STANDIN_CACHE_DIR: join(work, 'cache'),
      STANDIN_REGISTRY_TOKEN: '',
      STANDIN_REGISTRY_URL: '',
    }

    // Tokens are written to the database directly, before the server holds it.
    const token = async (role: string): Promise<string> => {
      const made = await runBin(
        ['registry', 'token', '--role', role, '--name', `${role}-bot`, ...where],
        { env },
      )
      expect(made.code, made.stderr).toBe(0)
      const secret = made.stdout.trim()
      expect(secret).toMatch(/^stk_[A-Za-z0-9_-]{43}$/)
      return secret
    }
    const tokens = {
      publish: await token('publish'),
      verify: await token('verify'),
      approve: await token('approve'),
    }

    const registry = await startProcess(
      process.execPath,
      [binPath, 'registry', 'serve', '--port', '0', ...where],
      /registry on (http:\/\/127\.0\.0\.1:[0-9]+)/,
      { env, timeoutMs: 120_000 },
    )
    started.push(registry)
    const url = registry.match[1] ?? ''
    const cli = (argv: string[], secret?: string) =>
      runBin([...argv, '--registry', url, ...(secret ? ['--token', secret] : [])], {
        env,
        timeoutMs: 180_000,
      })

    const published = await cli(['publish', contractFile], tokens.publish)
    expect(published.stderr).toBe('')
    expect(published.code).toBe(0)
    expect(published.stdout).toMatch(
      new RegExp(
        `^standin publish: published transaction-classifier@1\\.2\\.0 to ${url}, digest [0-9a-f]{64}\\n$`,
      ),
    )
    const again = await cli(['publish', contractFile], tokens.publish)
    expect(again.stdout).toMatch(/is already published with the same content/)

    const consumed = await cli(
      [
        'consume',
        'transaction-classifier@^1.2',
        '--service',
        'checkout',
        '--fields',
        '/category,/confidence',
      ],
      tokens.publish,
    )
    expect(consumed.stdout).toBe(
      `standin consume: checkout depends on transaction-classifier@^1.2 and reads /category, /confidence (${url})\n`,
    )

    const gate = () =>
      cli(['can-swap', model, '--contract', 'transaction-classifier', '--require-approval'])
    const before = await gate()
    expect(before.code).toBe(1)
    expect(before.stdout).toContain(
      'missing:\n  no passing verification of txn-logreg@2024.11 against transaction-classifier@1.2.0 (read by checkout)\n',
    )

    // The stand-in, served from the registry (and cached for offline use).
    const source = `registry://${url.replace('http://', '')}/transaction-classifier@^1.2`
    const standIn = await startProcess(
      process.execPath,
      [binPath, 'serve', source, '--port', '0'],
      /standin serving 1 contract at (http:\/\/127\.0\.0\.1:[0-9]+)/,
      { env, timeoutMs: 60_000 },
    )
    started.push(standIn)
    const example = (await import('yaml')).parse(readFileSync(contractFile, 'utf8')) as {
      examples: { input: unknown }[]
    }
    const answer = await fetch(`${standIn.match[1] ?? ''}/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(example.examples[0]?.input),
    })
    expect(answer.status).toBe(200)
    expect(Object.keys((await answer.json()) as object)).toContain('category')
    await standIn.stop()

    // The real model, verified against the contract from the registry, the result recorded.
    const real = await startProcess(
      process.execPath,
      ['--import', 'tsx', 'examples/transaction-categorizer/model/server.ts', '--port', '0'],
      /listening on (http:\/\/127\.0\.0\.1:[0-9]+)/,
      { cwd: root, env, timeoutMs: 120_000 },
    )
    started.push(real)
    const report = join(work, 'report.json')
    const verified = await runBin(
      [
        'verify',
        source,
        '--target',
        real.match[1] ?? '',
        '--seed',
        '7',
        '--cases',
        '40',
        '--reporter',
        `json:${report}`,
        '--publish',
        url,
        '--model',
        model,
        '--token',
        tokens.verify,
      ],
      { env, timeoutMs: 240_000 },
    )
    await real.stop()
    expect(verified.code, verified.stderr).toBe(0)
    const recorded =
      /recorded verification (\S+) \(passed\) of txn-logreg@2024\.11 against transaction-classifier@1\.2\.0 at \S+, report sha256 ([0-9a-f]{64})\n/.exec(
        verified.stderr,
      )
    expect(recorded, verified.stderr).not.toBeNull()
    const hash = recorded?.[2] ?? ''
    const { createHash } = await import('node:crypto')
    expect(createHash('sha256').update(readFileSync(report)).digest('hex')).toBe(hash)

    const stillNo = await gate()
    expect(stillNo.code).toBe(1)
    expect(stillNo.stdout).toContain(
      'missing:\n  no approval of txn-logreg@2024.11 against transaction-classifier@1.2.0 (read by checkout)\n',
    )
    expect((await cli(['can-swap', model, '--contract', 'transaction-classifier'])).code).toBe(0)

    const approved = await cli(
      [
        'approve',
        model,
        '--contract',
        'transaction-classifier@1.2.0',
        '--by',
        'A. Jones',
        '--note',
        'drift checked',
      ],
      tokens.approve,
    )
    expect(approved.code, approved.stderr).toBe(0)
    expect(approved.stdout).toContain(`report sha256 ${hash}`)

    const after = await gate()
    expect(after.code, after.stdout).toBe(0)
    expect(after.stdout.split('\n')[0]).toBe(
      'can txn-logreg@2024.11 serve transaction-classifier (approval required): yes',
    )

    // A major version is semver-right for its breaking change, but a service whose range takes it reads that field.
    const ledger = await cli(
      ['consume', 'transaction-classifier@>=1.0.0', '--service', 'ledger', '--fields', '/category'],
      tokens.publish,
    )
    expect(ledger.code, ledger.stderr).toBe(0)
    const next = join(work, 'transaction-classifier.contract.yaml')
    writeFileSync(
      next,
      readFileSync(contractFile, 'utf8')
        .replace(/^version: 1\.2\.0$/m, 'version: 2.0.0')
        .replace(
          'enum: [groceries, dining, transport, utilities, rent, income, transfers, shopping, other]',
          'enum: [groceries, dining, transport, utilities, rent, income, transfers, shopping, other, fees]',
        ),
    )
    const refused = await cli(['publish', next], tokens.publish)
    expect(refused.stdout).toBe('')
    expect(refused.stderr).toMatch(
      /^standin publish: the registry refused transaction-classifier@2\.0\.0 \(registry\.consumer-broken\): .*service "ledger" reads \/category.*\n$/,
    )
    expect(refused.code).toBe(1)

    // The registry is gone: serve still starts from the cache, and says how old it is.
    await registry.stop()
    const offline = await runBin(['lint', source], { env })
    expect(offline.stderr).toMatch(
      new RegExp(
        `^standin: warning: using the cached transaction-classifier@1\\.2\\.0 from ${source.replace(/[.^$]/g, (c) => `\\${c}`).replace('/transaction-classifier@\\^1\\.2', '')} \\(cached [0-9]+ (s|min) ago; the registry is unreachable: connect ECONNREFUSED [0-9.:]+\\)\\n`,
      ),
    )
  }, 600_000)
})
