/**
 * The contract capability: load (YAML/JSON), check against the format, resolve local `$ref`s,
 * compile validators; lint and diff build on it. The only door other folders use.
 */
export { loadContract } from './load-contract.js'
export type { LoadOptions } from './load-options.js'
export { analyzeContracts, loadContracts } from './load-contracts.js'
export type { ContractAnalysis } from './analyze-contract.js'
export { createAjv } from './create-ajv.js'
export { compileShape } from './compile-shape.js'
export { cachedCompileOf, compiledCheckOf, compilerOf } from './build-contract.js'
export type { CachedCompile } from './compiled-cache.js'
export { understandOpenApi, withoutNullable } from './openapi-keywords.js'
export type { AjvInstance } from './create-ajv.js'
export { linearRegExp } from './linear-regexp.js'
export { ContractError } from './contract-error.js'
export { contractFormatSchema } from './load-session.js'
export { schemaAtPath, typesOf } from './schema-at-path.js'
export { readDataFile } from './read-data-file.js'
export { didYouMean } from './did-you-mean.js'
export type {
  BehaviourCheck,
  Contract,
  ChatSettings,
  ContractChecks,
  CompareChecks,
  DriftChecks,
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
export { defaultCacheDir } from './registry-source.js'
export type { RegistryLoadOptions } from './registry-source.js'
