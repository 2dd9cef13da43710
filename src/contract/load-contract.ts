import type { Contract, ContractTypes } from './contract-types.js'
import { analyzeContract } from './analyze-contract.js'
import { ContractError } from './contract-error.js'
import { createLoadSession } from './load-session.js'
import type { LoadOptions } from './load-options.js'

export type { LoadOptions } from './load-options.js'

/**
 * Loads one contract from a YAML or JSON file, or from an object already in memory: checks it
 * against the contract format, resolves and bundles its `$ref`s (never over the network, never
 * outside the contract's folder tree), compiles the input and output validators once, checks
 * every example, and returns it typed and deeply frozen. An object must be plain JSON data: a
 * cycle, a BigInt, NaN, a function or a getter that throws is refused by pointer.
 *
 * @example
 * const contract = await loadContract('contracts/transaction-classifier.contract.yaml')
 * contract.validateInput({ narration: 'POS TESCO' }) // [{ code: 'schema.required', pointer: '/request_id', ... }, ...]
 * // With the types `standin types` wrote, the contract carries them to createMock, verify, ...:
 * const typed = await loadContract<Contracts['transaction-classifier']>('contracts/transaction-classifier.contract.yaml')
 *
 * @throws {ContractError} `contract.not-found` (no such file), `contract.unreadable` (cannot be
 * read: a folder, a device, too large, no permission), `contract.invalid` (anything wrong
 * inside, a `$ref` outside the folder tree included; `problems` lists every problem).
 */
export async function loadContract<T extends ContractTypes = ContractTypes>(
  pathOrObject: string | object,
  options: LoadOptions = {},
): Promise<Contract<T>> {
  const analysis = await analyzeContract(pathOrObject, {
    ...options,
    cwd: options.cwd ?? process.cwd(),
    session: createLoadSession(options.onFileRead),
  })
  if (!analysis.contract) throw new ContractError(analysis.problems)
  // The schemas were checked here; T is the caller's word that it holds their types.
  return analysis.contract as Contract<T>
}
