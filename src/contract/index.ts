/**
 * The contract capability: load (YAML/JSON), check against the format, resolve local `$ref`s,
 * compile validators; lint and diff build on it. The only door other folders use.
 */
export { loadContract } from './load-contract.js'
export type { LoadOptions } from './load-contract.js'
export { analyzeContracts, loadContracts } from './load-contracts.js'
export { analyzeContract } from './analyze-contract.js'
export type { ContractAnalysis } from './analyze-contract.js'
export { createAjv, ajvOptions, problemsFromAjv } from './create-ajv.js'
export { understandOpenApi, withoutNullable } from './openapi-keywords.js'
export type { AjvInstance } from './create-ajv.js'
export {
  BacktrackingPatternError,
  backtrackingAllowed,
  linearRegExp,
  linearRegExpEngine,
  toRe2,
} from './linear-regexp.js'
export type { RegExpLike, Re2Translation } from './linear-regexp.js'
export { ContractError } from './contract-error.js'
export { contractFormatSchema, createLoadSession } from './load-session.js'
export { parseDuration } from './parse-duration.js'
export { findContractFiles, CONTRACT_FILE } from './find-contract-files.js'
export { schemaAtPath } from './schema-at-path.js'
export { walkSchema, subschemasOf, isObject } from './schema-keywords.js'
export { didYouMean } from './did-you-mean.js'
export { joinPointer, parsePointer, resolvePointer } from './json-pointer.js'
export type {
  BehaviourCheck,
  Contract,
  ChatSettings,
  ContractChecks,
  ContractExample,
  ContractTypes,
  DistributionCheck,
  Expectation,
  JsonSchema,
  LatencyCheck,
  Millis,
  MockDefaults,
  PartialOutput,
  Perturbation,
  ProtocolName,
  SchemaDraft,
  ValidateFn,
} from './contract-types.js'
export { lintContracts } from './lint-contracts.js'
export type { ContractCheck, LintOptions, LintReport, LintedContract } from './lint-contracts.js'
export { cloneJson } from './clone-json.js'
export { findRefCycles } from './find-ref-cycles.js'
export type { RefCycle } from './find-ref-cycles.js'
export { diffContracts } from './diff-contracts.js'
export type { ContractChange, ContractDiff } from './diff-contracts.js'
