import type { Contract } from './contract-types.js'
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
 *
 * @throws {ContractError} `contract.not-found` (no such file), `contract.unreadable` (cannot be
 * read), `contract.invalid` (anything wrong inside; `problems` lists every problem).
 */
export async function loadContract(
  pathOrObject: string | object,
  options: LoadOptions = {},
): Promise<Contract> {
  const analysis = await analyzeContract(pathOrObject, {
    cwd: options.cwd ?? process.cwd(),
    session: createLoadSession(),
  })
  if (!analysis.contract) throw new ContractError(analysis.problems)
  return analysis.contract
}
