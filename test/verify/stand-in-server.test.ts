/**
 * The stand-in served over HTTP (standin serve) and as an express app speaks every bundled
 * contract's protocol: it answers valid inputs by the contract and refuses every negative case.
 */
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { createMockApp, startServer } from '../../src/serve/index.js'
import { verify } from '../../src/verify/index.js'
import type { VerifyResult } from '../../src/verify/index.js'

const names = ['transaction-classifier', 'ticket-router', 'fuel-consumption', 'news-signals']
const contracts = await Promise.all(
  names.map((n) =>
    loadContract(fileURLToPath(new URL(`../../contracts/${n}.contract.yaml`, import.meta.url))),
  ),
)

const wire = (r: VerifyResult): Record<string, string> =>
  Object.fromEntries(
    r.checks
      .filter((c) => c.kind === 'conformance' || c.kind === 'rejection')
      .map((c) => [c.kind, c.status]),
  )

it('finds the served stand-in conformant and refusing every negative case, on every protocol', async () => {
  const server = await startServer(contracts, { port: 0, latency: 'none', errorRate: 0 })
  try {
    for (const contract of contracts) {
      const result = await verify(contract, { target: server.url, cases: 20 })
      const failures = result.checks
        .filter((c) => c.kind === 'conformance' || c.kind === 'rejection')
        .flatMap((c) =>
          c.cases.filter((v) => v.status !== 'passed').map((v) => `${v.caseId}: ${v.message}`),
        )
      expect({ contract: contract.name, ...wire(result), failures }).toEqual({
        contract: contract.name,
        conformance: 'passed',
        rejection: 'passed',
        failures: [],
      })
    }
  } finally {
    await server.close()
  }
}, 60_000)

it('verifies an express app target the same way', async () => {
  const contract = contracts[0]
  if (!contract) throw new Error('no contract')
  const result = await verify(contract, {
    target: createMockApp([contract], { latency: 'none', errorRate: 0 }),
    cases: 10,
  })
  expect({ target: result.target, ...wire(result) }).toEqual({
    target: { kind: 'app', description: 'express app' },
    conformance: 'passed',
    rejection: 'passed',
  })
}, 30_000)
