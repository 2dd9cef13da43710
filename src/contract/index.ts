/**
 * The contract capability: load (YAML/JSON), check against the format, resolve local `$ref`s,
 * compile validators; lint and diff build on it. The only door other folders use.
 */
export { loadContract } from './load-contract.js'
export type { LoadOptions } from './load-options.js'
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
export { schemaAtPath, typesOf } from './schema-at-path.js'
export { walkSchema, subschemasOf } from './schema-keywords.js'
export { didYouMean } from './did-you-mean.js'
export type {
  BehaviourCheck,
  Contract,
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
export { findRefCycles } from './find-ref-cycles.js'
export type { RefCycle } from './find-ref-cycles.js'
