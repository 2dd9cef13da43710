import { createServer } from 'node:http'
import type { RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { verify } from '../../src/verify/index.js'
import type { VerifyResult } from '../../src/verify/index.js'

const contract = await loadContract(
  fileURLToPath(new URL('../../contracts/transaction-classifier.contract.yaml', import.meta.url)),
)

async function against(listener: RequestListener, timeoutMs = 300): Promise<VerifyResult> {
  const server = createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    return await verify(contract, {
      target: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      cases: 10,
      timeoutMs,
    })
  } finally {
    server.closeAllConnections()
    server.close()
  }
}

const status = (r: VerifyResult): Record<string, string> =>
  Object.fromEntries(
    r.checks
      .filter((c) => ['conformance', 'rejection', 'failureRate'].includes(c.kind))
      .map((c) => [c.kind, c.status]),
  )

it('finishes against a server that never answers, every case a timeout the target could not be reached for', async () => {
  const started = Date.now()
  const result = await against(() => undefined, 200)
  expect(Date.now() - started).toBeLessThan(5000)
  expect(status(result)).toEqual({
    conformance: 'error',
    rejection: 'error',
    failureRate: 'failed',
  })
  expect(result.unreachable).toBe(result.cases.length)
  expect(result.verdict).toBe('failed')
  expect(result.checks.find((c) => c.kind === 'conformance')?.reason).toBe(
    'no case got an answer from the target',
  )
}, 10_000)

it('judges HTML error pages with 5xx as failures of the failure rate, and 200 HTML as a conformance failure', async () => {
  const fiveHundred = await against((_req, res) => {
    res.writeHead(503, { 'content-type': 'text/html' })
    res.end('<html><body>Service unavailable</body></html>')
  })
  expect(status(fiveHundred)).toEqual({
    conformance: 'error',
    rejection: 'failed',
    failureRate: 'failed',
  })
  const html = await against((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end('<html><body>It works!</body></html>')
  })
  expect(status(html)).toEqual({
    conformance: 'failed',
    rejection: 'failed',
    failureRate: 'passed',
  })
  expect(html.checks.find((c) => c.kind === 'conformance')?.cases[0]?.message).toBe(
    'answered 200 with text/html that is not JSON: "<html><body>It works!</body></html>"',
  )
})

it('counts dropped connections as unreachable, apart from answers that broke the contract', async () => {
  const result = await against((req) => req.socket.destroy())
  expect(result.cases.every((c) => c.exchange.kind === 'unreachable')).toBe(true)
  expect(result.cases[0]?.exchange).toMatchObject({ kind: 'unreachable', reason: 'reset' })
  expect(status(result)).toEqual({
    conformance: 'error',
    rejection: 'error',
    failureRate: 'failed',
  })
})
