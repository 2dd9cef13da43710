import type { Contract, ContractTypes } from './contract-types.js'
import { analyzeContract } from './analyze-contract.js'
import { ContractError } from './contract-error.js'
import { createLoadSession } from './load-session.js'

/** Options of `loadContract` and `loadContracts`. */
export interface LoadOptions {
  /** The folder relative paths resolve against (default `process.cwd()`). */
  readonly cwd?: string
}

/**
 * Loads one contract from a YAML or JSON file, or from an object already in memory: checks it
 * against the contract format, resolves and bundles its `$ref`s (never over the network),
 * compiles the input and output validators once, checks every example, and returns it typed and
 * deeply frozen.
 *
 * @example
 * const contract = await loadContract('contracts/transaction-classifier.contract.yaml')
 * contract.validateInput({ narration: 'POS TESCO' }) // [{ code: 'schema.required', pointer: '/request_id', ... }, ...]
 * // With the types `standin types` wrote, the contract carries them to createMock, verify, ...:
 * const typed = await loadContract<Contracts['transaction-classifier']>('contracts/transaction-classifier.contract.yaml')
 *
 * @throws {ContractError} `contract.not-found` (no such file), `contract.unreadable` (cannot be
 * read), `contract.invalid` (anything wrong inside; `problems` lists every problem).
 */
export async function loadContract<T extends ContractTypes = ContractTypes>(
  pathOrObject: string | object,
  options: LoadOptions = {},
): Promise<Contract<T>> {
  const analysis = await analyzeContract(pathOrObject, {
    cwd: options.cwd ?? process.cwd(),
    session: createLoadSession(),
  })
  if (!analysis.contract) throw new ContractError(analysis.problems)
  // The schemas were checked here; T is the caller's word that it holds their types.
  return analysis.contract as Contract<T>
}
