/**
 * The generate capability: JSON Schema -> compiled, seeded value generator; ML hints; seeding.
 * The only door other folders use.
 */
export { compileGenerator } from './compile-generator.js'
export type { GenerateContext, Generator, GeneratorOptions } from './compile-generator.js'
export { createRng, DEFAULT_SEED } from './rng.js'
export type { Rng } from './rng.js'
export { canonicalJson, seedFor } from './canonical-json.js'
export { UnsatisfiableSchemaError } from './unsatisfiable-schema-error.js'
export {
  compileContractGenerator,
  compileContractGenerators,
  outputFor,
  sampleContract,
  eachSample,
} from './sample-contract.js'
export type { ContractGenerators, SampleOptions } from './sample-contract.js'
