/**
 * The `protocol` check's bad input and the stand-in's identity (issue 10): a metadata endpoint
 * that answers HTML or hangs fails the check with the reason and the run ends within its
 * timeouts; a stand-in served over HTTP is recognised by `x-standin` and its model quality is
 * skipped with that reason unless forced.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { createMockApp, startServer } from '../../src/serve/index.js'
import { standinVersion } from '../../src/version.js'
import { verify } from '../../src/verify/index.js'
import { ticketBrain } from '../models/brains.js'
import { startModel } from '../models/serve-model.js'
import { runInProcess } from '../helpers/run-cli.js'

const file = fileURLToPath(new URL('../../contracts/ticket-router.contract.yaml', import.meta.url))
const contract = await loadContract(file)
/** The contract with latency promises that leave room for a busy machine (verdicts here are not about latency). */
const roomy = {
  ...contract,
  checks: { ...contract.checks, latency: { p50: 2000, p95: 4000, p99: 8000 } },
}

it('fails the protocol check with the reason when the model metadata answers HTML', async () => {
  const model = await startModel(ticketBrain, 'metadata-not-json')
  try {
    const result = await verify(contract, { target: model.url, cases: 5 })
    const check = result.checks.find((c) => c.kind === 'protocol')
    expect(check?.status).toBe('failed')
    expect(check?.summary).toBe(
      'model metadata: answered text/html that is not JSON: "<html><body>Model dashboard</body></html>"',
    )
    expect(check?.cases.find((c) => c.status === 'failed')?.caseId).toBe(
      'GET /v2/models/ticket-router',
    )
  } finally {
    await model.close()
  }
})

it('fails the protocol check, without a stack overflow, when the metadata nests 100,000 deep', async () => {
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
  const server = createServer((req, res) => {
    req.resume()
    res.writeHead(200, { 'content-type': 'application/json' }).end(deep)
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  try {
    const result = await verify(roomy, { target: `http://127.0.0.1:${port}`, cases: 2 })
    const check = result.checks.find((c) => c.kind === 'protocol')
    expect(check?.status).toBe('failed')
    expect(check?.summary).toMatch(
      /^server metadata: answered application\/json that is not JSON: "\[\[\[/,
    )
  } finally {
    await new Promise((done) => server.close(done))
  }
})

it('fails the protocol check when the model metadata hangs, and still ends within the timeout', async () => {
  const model = await startModel(ticketBrain, 'metadata-hangs')
  const started = performance.now()
  try {
    const result = await verify(contract, { target: model.url, cases: 5, timeoutMs: 1000 })
    expect(result.checks.find((c) => c.kind === 'protocol')?.summary).toBe(
      'model metadata: no answer within 1000 ms',
    )
    expect(result.cases.length).toBeGreaterThan(5)
  } finally {
    await model.close()
  }
  // One probe timeout plus the cases; generous for a busy machine, far below a hang.
  expect(performance.now() - started).toBeLessThan(15_000)
})

it('recognises the stand-in served over HTTP and skips model quality with the reason', async () => {
  const server = await startServer([contract], { port: 0, latency: 'none', errorRate: 0 })
  try {
    const result = await verify(roomy, { target: server.url, cases: 5 })
    const examples = result.checks.find((c) => c.kind === 'examples')
    expect(examples?.status).toBe('skipped')
    expect(examples?.reason).toBe(
      `the target answers as the stand-in (x-standin: standin/${standinVersion()}): model quality is judged against the real model at swap time; force it with --force-quality`,
    )
    expect(result.cases.filter((c) => c.kind === 'perturbed')).toEqual([])
    expect(result.checks.find((c) => c.kind === 'protocol')?.status).toBe('passed')
    expect(result.verdict).toBe('passed')

    const forced = await verify(contract, { target: server.url, cases: 5, forceQuality: true })
    expect(forced.checks.find((c) => c.kind === 'examples')?.status).not.toBe('skipped')
    expect(forced.cases.some((c) => c.kind === 'perturbed')).toBe(true)
  } finally {
    await server.close()
  }
})

it('takes --force-quality on the command line', async () => {
  const server = await startServer([contract], { port: 0, latency: 'none', errorRate: 0 })
  try {
    const args = ['verify', file, '--target', server.url, '--cases', '5']
    const plain = await runInProcess(args)
    expect(plain.stdout).toMatch(/SKIP {2}examples +skipped: the target answers as the stand-in/)
    const forced = await runInProcess([...args, '--force-quality'])
    expect(forced.stdout).not.toMatch(/SKIP {2}examples/)
  } finally {
    await server.close()
  }
})

it('answers every request of the stand-in with x-standin naming standin and its version', async () => {
  const server = await startServer([contract], { port: 0, latency: 'none' })
  try {
    for (const path of ['/v2', '/v2/models/ticket-router', '/nowhere']) {
      const response = await fetch(`${server.url}${path}`)
      expect(response.headers.get('x-standin')).toBe(`standin/${standinVersion()}`)
    }
  } finally {
    await server.close()
  }
})

it('recognises the stand-in as an express app too (createMockApp)', async () => {
  const result = await verify(roomy, { target: createMockApp([contract]), cases: 5 })
  expect(result.target.kind).toBe('app')
  expect(result.checks.find((c) => c.kind === 'examples')?.reason).toMatch(
    /^the target answers as the stand-in \(x-standin: standin\//,
  )
  expect(result.verdict).toBe('passed')
})
