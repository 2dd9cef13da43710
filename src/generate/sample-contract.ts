/**
 * `sampleContract`: the values `standin sample` prints. Inputs are drawn from the input schema;
 * an output is what the stand-in answers for an input, seeded by `seedFor(seed, input)` so the
 * same seed and input give the same output in any process and any order.
 */
import { cachedCompileOf, compiledCheckOf, compilerOf, createAjv } from '../contract/index.js'
import type { AjvInstance, Contract } from '../contract/index.js'
import { errorFromProblems } from '../errors.js'
import { seedFor } from './canonical-json.js'
import { compileGeneratorWith } from './compile-generator.js'
import type { Generator, LoadedCompiler } from './compile-generator.js'
import { DEFAULT_SEED, createRng } from './rng.js'

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
  /** Where `input` came from, as its problems name it (default `<input>`; the CLI: the file). */
  readonly inputFile?: string
}

/** Both generators of a contract, compiled once. */
export interface ContractGenerators {
  readonly input: Generator
  readonly output: Generator
}

/**
 * Compiles the generator of one side of a loaded contract (problem pointers under `/input` or
 * `/output` of the contract file). A loaded contract's schemas were checked node by node against
 * the node meta-schema, so its ajv skips compiling the draft's meta-schema (~30 ms per instance).
 *
 * @example
 * const generate = compileContractGenerator(contract, 'output')
 * generate(createRng(1), { input })
 *
 * @throws UnsatisfiableSchemaError when the schema can produce no value.
 */
export function compileContractGenerator(
  contract: Pick<Contract, 'input' | 'output' | 'draft' | 'file'>,
  side: 'input' | 'output',
  ajv?: AjvInstance,
): Generator {
  const schema = contract[side]
  const key = `${side}|${contract.draft}|${contract.file ?? ''}`
  // A contract's schemas are frozen once loaded: the generator of the same schema object is the
  // same function, so it is compiled once per process (a verify run, then another, and the
  // stand-in in between, share it). Only with a fresh ajv: a caller's own instance is its own.
  const cacheable = ajv === undefined && typeof schema === 'object' && Object.isFrozen(schema)
  const cached = cacheable ? compiled.get(schema)?.get(key) : undefined
  if (cached) return cached
  // The instance the loaded contract was compiled in has these options: no need for another,
  // nor to compile the side's schema again (its validator is the whole-value check).
  const loaded = ajv === undefined ? compilerOf(contract) : undefined
  const generator = compileGeneratorWith(
    schema,
    {
      draft: contract.draft,
      ajv: ajv ?? loaded ?? createAjv(contract.draft, GENERATOR_AJV),
      ...(contract.file !== undefined ? { file: contract.file } : {}),
      pointer: `/${side}`,
    },
    loaded ? loadedCompiler(contract, side) : {},
  )
  if (cacheable) {
    let bySchema = compiled.get(schema)
    if (!bySchema) compiled.set(schema, (bySchema = new Map<string, Generator>()))
    bySchema.set(key, generator)
  }
  return generator
}

/** What the loaded contract's ajv instance holds for the generator of `side`. */
function loadedCompiler(contract: object, side: 'input' | 'output'): LoadedCompiler {
  const rootCheck = compiledCheckOf(contract, side)
  const compile = cachedCompileOf(contract)
  return { ...(rootCheck ? { rootCheck } : {}), ...(compile ? { compile } : {}) }
}

/** Generators compiled by `compileContractGenerator`, by frozen schema object. */
const compiled = new WeakMap<object, Map<string, Generator>>()

/**
 * The generator's ajv options. `inlineRefs: false`: to decide whether a `$ref` target can be
 * inlined, ajv scans it, arrays twice per level (its `hasRef`), so an `examples` or `enum` value
 * nested 40 deep takes minutes; compiled apart, each target is scanned once.
 */
export const GENERATOR_AJV = { validateSchema: false, inlineRefs: false } as const

/**
 * Compiles the input and output generators of a contract, in one ajv instance.
 *
 * @example
 * const { input, output } = compileContractGenerators(contract)
 * const value = input(createRng(1))
 *
 * @throws UnsatisfiableSchemaError when either schema can produce no value.
 */
export function compileContractGenerators(contract: Contract): ContractGenerators {
  const ajv = createAjv(contract.draft, GENERATOR_AJV)
  return {
    input: compileContractGenerator(contract, 'input', ajv),
    output: compileContractGenerator(contract, 'output', ajv),
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
  return [...eachSample(contract, options)]
}

/**
 * `sampleContract`'s values one at a time, drawn as they are taken: `standin sample --count`
 * streams any count in bounded memory, and stops drawing when its reader goes. The schemas are
 * compiled (and `input` checked) when it is called, not on the first value.
 *
 * @throws as `sampleContract`.
 */
export function eachSample(contract: Contract, options: SampleOptions = {}): Iterable<unknown> {
  const seed = options.seed ?? contract.mock.seed ?? DEFAULT_SEED
  const generators = compileContractGenerators(contract)
  if (options.input !== undefined) {
    const problems = contract.validateInput(options.input)
    if (problems.length > 0) {
      throw errorFromProblems(
        'input.invalid',
        problems.map((p) => ({
          ...p,
          file: p.file ?? options.inputFile ?? '<input>',
          hint: p.hint ?? 'Fix the input record.',
        })),
      )
    }
    return [outputFor(generators, seed, options.input)]
  }
  return drawSamples(generators, seed, options.count ?? 1, options.side === 'input')
}

function* drawSamples(
  generators: ContractGenerators,
  seed: number,
  count: number,
  inputs: boolean,
): IterableIterator<unknown> {
  const rng = createRng(seed)
  for (let i = 0; i < count; i++) {
    const input = generators.input(rng.fork(`input:${i}`))
    yield inputs ? input : outputFor(generators, seed, input)
  }
}
