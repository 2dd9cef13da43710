/**
 * The diff capability: how a contract changed between two versions (breaking, compatible or
 * patch-level, by JSON pointer) and the semver bump that covers it. Sits above contract/.
 * The only door other folders use.
 */
export { diffContracts } from './diff-contracts.js'
export type { ContractChange, ContractDiff } from './diff-contracts.js'
export { renderDiff } from './render-diff.js'
export { brokenFields, outputFieldOf, touchesField } from './consumer-fields.js'
export type { BrokenField } from './consumer-fields.js'
