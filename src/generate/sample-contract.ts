/**
 * `sampleContract`: the values `standin sample` prints. Inputs are drawn from the input schema;
 * an output is what the stand-in answers for an input, seeded by `seedFor(seed, input)` so the
 * same seed and input give the same output in any process and any order.
 */
import { createAjv } from '../contract/index.js'
import type { Contract } from '../contract/index.js'
import { errorFromProblems } from '../errors.js'
import { seedFor } from './canonical-json.js'
import { compileGenerator } from './compile-generator.js'
import type { Generator } from './compile-generator.js'
import { createRng } from './rng.js'

/** Options of `sampleContract`. */
export interface SampleOptions {
  /** Run seed (default: the contract's `mock.seed`, else 1). */
  readonly seed?: number
  /** How many values (default 1; ignored when `input` is given). */
  readonly count?: number
  /** `output` (default) or `input`. */
  readonly side?: 'input' | 'output'
  /** Answer this one input instead of drawing inputs (output side only). */
  readonly input?: unknown
}

/** Both generators of a contract, compiled once. */
export interface ContractGenerators {
  readonly input: Generator
  readonly output: Generator
}

/**
 * Compiles the input and output generators of a contract (problem pointers under `/input` and
 * `/output` of the contract file).
 *
 * @example
 * const { input, output } = compileContractGenerators(contract)
 *
 * @throws UnsatisfiableSchemaError when either schema can produce no value.
 */
export function compileContractGenerators(contract: Contract): ContractGenerators {
  const base = {
    draft: contract.draft,
    ajv: createAjv(contract.draft),
    ...(contract.file !== undefined ? { file: contract.file } : {}),
  }
  return {
    input: compileGenerator(contract.input, { ...base, pointer: '/input' }),
    output: compileGenerator(contract.output, { ...base, pointer: '/output' }),
  }
}

/**
 * The output the stand-in gives for one input under a seed: the rng is seeded with
 * `seedFor(seed, input)`, so it depends on nothing but the seed and the canonical input.
 *
 * @example
 * outputFor(compileContractGenerators(contract), 7, input) // the same in every process
 *
 * @throws never for a valid input (values are checked against the output schema).
 */
export function outputFor(generators: ContractGenerators, seed: number, input: unknown): unknown {
  return generators.output(createRng(seedFor(seed, input)), { input })
}

/**
 * Draws inputs or outputs of a contract. For outputs without `input`, each output answers a
 * freshly drawn input (outputs may echo or follow the input through `copy` / `lengthOf`).
 *
 * @example
 * sampleContract(contract, { seed: 7, count: 3, side: 'input' }) // three valid inputs, the same every run
 *
 * @throws UnsatisfiableSchemaError (`schema.unsatisfiable` / `schema.unsupported`) when a schema
 *   can produce no value; StandinError `input.invalid` when `input` breaks the input schema.
 */
export function sampleContract(contract: Contract, options: SampleOptions = {}): unknown[] {
  const seed = options.seed ?? contract.mock.seed ?? 1
  const generators = compileContractGenerators(contract)
  if (options.input !== undefined) {
    const problems = contract.validateInput(options.input)
    if (problems.length > 0) {
      throw errorFromProblems(
        'input.invalid',
        problems.map((p) => ({
          ...p,
          file: p.file ?? '<input>',
          hint: p.hint ?? 'Fix the input record.',
        })),
      )
    }
    return [outputFor(generators, seed, options.input)]
  }
  const count = options.count ?? 1
  const rng = createRng(seed)
  const values: unknown[] = []
  for (let i = 0; i < count; i++) {
    const input = generators.input(rng.fork(`input:${i}`))
    values.push(options.side === 'input' ? input : outputFor(generators, seed, input))
  }
  return values
}
