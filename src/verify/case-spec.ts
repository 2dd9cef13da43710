/** The cases verify plans before sending anything (internal to verify). */
import type { BehaviourCheck, ContractExample } from '../contract/index.js'
import type { InputViolation } from '../protocol/index.js'
import type { CaseKind } from './result-types.js'

/** How a negative case breaks the wire instead of the record. */
export type WireBreak = 'malformed-json' | 'wrong-content-type' | 'wrong-envelope'

/** One planned case. */
export interface CaseSpec {
  /** Stable id (see `CaseResult.id`). */
  readonly id: string
  readonly kind: CaseKind
  readonly description: string
  /** The records to send. */
  readonly records: readonly unknown[]
  /** `valid`: the model must answer; `reject`: it must refuse with a 4xx. */
  readonly expect: 'valid' | 'reject'
  /** Record-level negative cases: the one rule the record breaks (pointer into it, keyword). */
  readonly violates?: InputViolation
  /** Wire-level negative cases: how the request is broken. */
  readonly wire?: WireBreak
  /** Example cases: the example. */
  readonly example?: ContractExample
  /** Perturbed cases: the behaviour check, its kind and index in the contract, and the original case. */
  readonly behaviour?: {
    readonly kind: 'invariance' | 'directional'
    /** The check's index in `checks.invariance` or `checks.directional`. */
    readonly index: number
    readonly check: BehaviourCheck
    readonly baseId: string
    readonly clamped: boolean
  }
}

/** Turns a name into an id part: `Grocery card payment` -> `grocery-card-payment`. */
export function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'unnamed'
  )
}
