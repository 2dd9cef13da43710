/**
 * Shared by the adapter tests: the same requests for every protocol, and the answer of the real
 * node:http server to compare each adapter with. msw and nock patch the same Node internals, so
 * each gets its own test file (vitest runs files in separate processes).
 */
import type { Contract } from '../../src/contract/contract-types.js'
import { getProtocol, type EncodedRequest } from '../../src/protocol/index.js'
import { startServer, type ServeOptions } from '../../src/serve/index.js'
import { bundledContracts, viaFetch, type Answer } from './bundled.js'

/** The options every adapter gets: same seed, no latency. */
export const options: ServeOptions = { seed: 7, latency: 0, errorRate: 0 }

/** One request per bundled contract (its examples as a batch, plus a varied record, where the protocol takes batches), and a bad one. */
export interface AdapterCase {
  readonly name: string
  readonly contract: Contract
  readonly request: EncodedRequest
  readonly body: string
  /** Records the request carries. */
  readonly count: number
}

function varied(record: unknown): unknown {
  const copy = { ...(record as Record<string, unknown>) }
  for (const key of ['narration', 'headline', 'subject'])
    if (typeof copy[key] === 'string') copy[key] = `${String(copy[key])} (2)`
  if (typeof copy.deadweight_t === 'number') copy.deadweight_t += 1
  return copy
}

/** The cases, and the real server's answer to each. */
export async function adapterCases(): Promise<{
  contracts: Contract[]
  cases: AdapterCase[]
  expected: Answer[]
}> {
  const contracts = await bundledContracts()
  const cases: AdapterCase[] = contracts.map((contract) => {
    const inputs = contract.examples.map((e) => e.input)
    const protocol = getProtocol(contract.protocol)
    // One record where the protocol takes no batches for this contract (json without endpoint.batch).
    const records = protocol.batches(contract)
      ? [...inputs, varied(inputs[0])]
      : [varied(inputs[0])]
    const request = protocol.encodeRequest(contract, records)
    return {
      name: `${contract.name} (${contract.protocol})`,
      contract,
      request,
      body: JSON.stringify(request.body),
      count: records.length,
    }
  })
  const ticket = contracts.find((c) => c.protocol === 'kserve-v2') as Contract
  const bad = getProtocol('kserve-v2').encodeRequest(ticket, [{ ticket_id: 'nope' }])
  cases.push({
    name: 'a bad kserve-v2 request',
    contract: ticket,
    request: bad,
    body: JSON.stringify(bad.body),
    count: 1,
  })
  const server = await startServer(contracts, { ...options, port: 0 })
  try {
    const expected: Answer[] = []
    for (const c of cases)
      expected.push(
        await viaFetch(
          `${server.url}${c.request.path}`,
          c.request.method,
          c.request.headers,
          c.body,
        ),
      )
    return { contracts, cases, expected }
  } finally {
    await server.close()
  }
}
