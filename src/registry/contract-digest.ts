/**
 * A contract version's identity: the sha256 of its bundled document's canonical JSON. The
 * registry stores it with each published version; `verify --publish` sends the digest of the
 * contract it ran, so a verification counts only for the content it tested.
 */
import { createHash } from 'node:crypto'
import { canonicalJson } from '../generate/index.js'

/**
 * The sha256 (hex) of a bundled contract's canonical JSON (key order does not matter).
 *
 * @example
 * digestOf((await bundleContract('contracts/transaction-classifier.contract.yaml')).document) // '3f1c...'
 */
export function digestOf(contract: unknown): string {
  return createHash('sha256').update(canonicalJson(contract), 'utf8').digest('hex')
}
