/** Helpers of the traffic tests: valid inputs of a contract, and sending them through a URL. */
import type { Contract } from '../../src/contract/contract-types.js'
import { compileContractGenerator, createRng, seedFor } from '../../src/generate/index.js'
import { getProtocol } from '../../src/protocol/index.js'

/** `count` valid inputs of `contract`, seeded. */
export function inputsOf(contract: Contract, count: number, seed = 5): unknown[] {
  const generate = compileContractGenerator(contract, 'input')
  return Array.from({ length: count }, (_, i) => generate(createRng(seedFor(seed, `t:${i}`))))
}

/** What came back for one record. */
export interface Sent {
  readonly status: number
  readonly violations: string | null
  readonly body: string
}

/** Sends one record per request to `base` in the contract's protocol. */
export async function sendRecord(contract: Contract, base: string, record: unknown): Promise<Sent> {
  const request = getProtocol(contract.protocol).encodeRequest(contract, [record])
  const response = await fetch(`${base}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: JSON.stringify(request.body),
  })
  return {
    status: response.status,
    violations: response.headers.get('x-standin-violations'),
    body: await response.text(),
  }
}
