/**
 * A contract as the registry stores it: one JSON document that stands alone. The file is loaded
 * and checked as every command loads it, and its input and output schemas are replaced by their
 * bundled forms, in which every `$ref` to another file is inlined under `$defs` (contract/'s
 * bundler). The rest of the document stays as written (durations as text, defaults unfilled).
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { ContractError, analyzeContracts } from '../../contract/index.js'
import type { LoadOptions } from '../../contract/index.js'
import { isObject } from '../../json/index.js'

/** A contract ready to publish. */
export interface BundledContract {
  readonly name: string
  readonly version: string
  /** The contract with its schemas bundled: loadContract(document) gives the same contract. */
  readonly document: Record<string, unknown>
  /** The file as written, for display. */
  readonly source: string
}

/**
 * Loads the contract file at `path` and bundles it into one standalone document.
 *
 * @example
 * const { name, version, document } = await bundleContract('contracts/transaction-classifier.contract.yaml')
 *
 * @throws {ContractError} as `loadContract` does, for a contract that does not load.
 */
export async function bundleContract(
  path: string,
  options: LoadOptions = {},
): Promise<BundledContract> {
  const { analyses, problems } = await analyzeContracts([path], options)
  const analysis = analyses[0]
  const all = [...problems, ...(analysis?.problems ?? [])]
  const contract = analysis?.contract
  if (!analysis || !contract || !isObject(analysis.data) || all.some((p) => p.severity === 'error'))
    throw new ContractError(all)
  const document = { ...analysis.data, input: contract.input, output: contract.output }
  const source = path.startsWith('registry://')
    ? `${JSON.stringify(document, null, 2)}\n`
    : await readFile(resolve(options.cwd ?? process.cwd(), path), 'utf8')
  return { name: contract.name, version: contract.version, document, source }
}
