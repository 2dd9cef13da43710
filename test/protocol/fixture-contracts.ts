/** The bundled contracts, loaded by the real contract loader, for protocol tests. */
import { loadContract } from '../../src/contract/index.js'
import type { Contract } from '../../src/contract/contract-types.js'
import { root } from '../helpers/run-cli.js'

/** The four bundled contracts' names, one per protocol. */
export const bundled = [
  'transaction-classifier',
  'ticket-router',
  'fuel-consumption',
  'news-signals',
] as const

/** A bundled contract by name. */
export function fixtureContract(name: string): Promise<Contract> {
  return loadContract(`contracts/${name}.contract.yaml`, { cwd: root })
}

/** A small kserve-v2 contract whose one input is a fixed-width vector. */
export function vectorContract(): Promise<Contract> {
  return loadContract({
    contract: 1,
    name: 'vector',
    version: '1.0.0',
    protocol: 'kserve-v2',
    input: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      required: ['v'],
      properties: { v: { type: 'array', items: { type: 'number' }, minItems: 3, maxItems: 3 } },
    },
    output: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      required: ['y'],
      properties: { y: { type: 'number' } },
    },
  })
}

/** A bundled contract whose json endpoint declares batches (`endpoint.batch: true`). */
export async function batchingContract(name: string): Promise<Contract> {
  const contract = await fixtureContract(name)
  return { ...contract, endpoint: { ...contract.endpoint, batch: true } }
}
