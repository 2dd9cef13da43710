import type { Contract, ContractTypes } from './contract-types.js'
import { analyzeContract } from './analyze-contract.js'
import { ContractError } from './contract-error.js'
import { createLoadSession } from './load-session.js'

/** Options of `loadContract` and `loadContracts`. */
export interface LoadOptions {
  /** The folder relative paths resolve against (default `process.cwd()`). */
  readonly cwd?: string
  /**
   * The folder tree files named by `$ref` may come from, relative to `cwd`. Default: the folder
   * of the contract file that holds the `$ref` (for a contract passed as an object, `cwd`). A
   * `$ref` reaching outside it, by `..` or through a symbolic link, is refused by pointer before
   * the file is opened. Give a wider folder, such as the repository root, to share schemas
   * between contract folders.
   */
  readonly root?: string
  /** The largest contract or `$ref` file read, in bytes (default 32 MiB); larger ones are refused. */
  readonly maxFileBytes?: number
  /**
   * The time one contract may take to load, check and compile, in milliseconds (default 10,000).
   * Past it the load stops with a `contract.too-slow` problem naming the place it had reached.
   */
  readonly budgetMs?: number
}

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
    session: createLoadSession(),
  })
  if (!analysis.contract) throw new ContractError(analysis.problems)
  // The schemas were checked here; T is the caller's word that it holds their types.
  return analysis.contract as Contract<T>
}
