/**
 * The stand-in model in-process: validates an input against the contract, replays a matching
 * example, otherwise generates the output seeded by the seed and the canonical input (same input,
 * same output, in any process). Latency and failures are injected on demand.
 */
import type { Problem } from '../errors.js'
import type { Contract, ContractExample, ContractTypes } from '../contract/index.js'
import {
  DEFAULT_SEED,
  canonicalJson,
  compileContractGenerator,
  createRng,
  seedFor,
} from '../generate/index.js'
import { completeExample } from './complete-example.js'
import { createFaults, type Faults } from './create-faults.js'
import { invalidOutput } from './invalid-output.js'
import { streamTiming } from './stream-timing.js'
import { InjectedFaultError, InputValidationError } from './mock-errors.js'
import { isObject } from '../json/index.js'
import type { LatencySpec } from './parse-latency.js'

/** Options of a stand-in; each overrides the contract's `mock:` default. */
export interface MockOptions {
  /** Seed of every random choice (default: the contract's `mock.seed`, else `DEFAULT_SEED`, 1). */
  readonly seed?: number
  /** Latency of `predict`/`predictBatch` and of served requests (default: the contract's). */
  readonly latency?: LatencySpec
  /** Share of requests that fail on purpose, 0..1 (default: the contract's, else 0). */
  readonly errorRate?: number
  /** Streamed answers: ms before the first token (default: `streamTiming` of the contract). */
  readonly timeToFirstToken?: number
  /** Streamed answers: tokens per second (default: `streamTiming` of the contract). */
  readonly tokensPerSecond?: number
}

/** A stand-in model; `T` types `predict` and friends (from the contract's `Contract<T>`). */
export interface MockModel<T extends ContractTypes = ContractTypes> {
  /** The contract it stands in for. */
  readonly contract: Contract<T>
  /** The seed in use. */
  readonly seed: number
  /** Its latency and failure streams (shared by `predict` and the server). */
  readonly faults: Faults
  /** Validates `input`, waits the injected latency, maybe fails on purpose, and answers. */
  readonly predict: (input: T['input']) => Promise<T['output']>
  /** `predict` for a batch: one latency and one failure draw, N outputs, each as if sent alone. */
  readonly predictBatch: (inputs: readonly T['input'][]) => Promise<T['output'][]>
  /** Validates and answers at once: no latency, no injected failure. */
  readonly predictSync: (input: T['input']) => T['output']
  /** The problems of one input (empty when valid), by pointer into the input. */
  readonly check: (input: unknown) => readonly Problem[]
  /** The output for an input already checked: example replay or the seeded output. */
  readonly answer: (input: T['input']) => T['output']
  /** A deliberately invalid output for `input` (the `invalid-output` scenario). */
  readonly invalidAnswer: (input: unknown) => unknown
}

/**
 * A cheap pre-check for example replay: a top-level key every example input has with a scalar
 * value, and those values. An input whose value for that key is not among them cannot equal an
 * example, so the hot path skips canonicalising it. Undefined when no such key exists.
 */
function replayProbe(
  inputs: readonly unknown[],
): { key: string; values: ReadonlySet<unknown> } | undefined {
  if (inputs.length === 0 || !inputs.every(isObject)) return undefined
  const objects = inputs as Record<string, unknown>[]
  const first = objects[0] as Record<string, unknown>
  for (const key of Object.keys(first).sort()) {
    const values = objects.map((o) =>
      Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined,
    )
    if (values.every((v) => v !== null && v !== undefined && typeof v !== 'object'))
      return { key, values: new Set(values) }
  }
  return undefined
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()
}

/**
 * Makes the stand-in model of a contract. The output generator is compiled once, here; each
 * example's output is completed once, on its first use.
 *
 * @example
 * const model = createMock(contract, { seed: 7 })
 * const output = await model.predict({ narration: 'POS TESCO', amount: 23.1 })
 *
 * @throws {StandinError} `schema.unsatisfiable` / `schema.unsupported` when the output schema
 * cannot be generated; `mock.latency` / `mock.error-rate` for bad options. `predict` rejects
 * with `InputValidationError` (`mock.invalid-input`) or `InjectedFaultError` (`mock.injected-fault`).
 */
export function createMock<T extends ContractTypes = ContractTypes>(
  contract: Contract<T>,
  options: MockOptions = {},
): MockModel<T> {
  const seed = options.seed ?? contract.mock.seed ?? DEFAULT_SEED
  const generate = compileContractGenerator(contract, 'output')
  const faults = createFaults({
    seed,
    latency: options.latency ?? contract.mock.latency,
    errorRate: options.errorRate ?? contract.mock.errorRate,
    ...streamTiming(contract, options),
  })
  // Example replay: the completed output of each example is worked out on its first hit, so a
  // server starts without paying for examples nobody asks for.
  const examples = new Map<string, ContractExample>()
  for (const example of contract.examples) {
    const key = canonicalJson(example.input)
    if (!examples.has(key)) examples.set(key, example)
  }
  const replayed = new Map<string, unknown>()
  const probe = replayProbe(contract.examples.map((e) => e.input))
  const validate = contract.validateInput
  const answer = (input: unknown): unknown => {
    const candidate =
      examples.size > 0 && (!probe || (isObject(input) && probe.values.has(input[probe.key])))
    if (candidate) {
      const key = canonicalJson(input)
      const example = examples.get(key)
      if (example) {
        let output = replayed.get(key)
        if (output === undefined) {
          output = completeExample(contract, generate, example, seed)
          replayed.set(key, output)
        }
        return structuredClone(output)
      }
    }
    return generate(createRng(seedFor(seed, input)), { input })
  }
  const predictSync = (input: unknown): unknown => {
    const problems = validate(input)
    if (problems.length > 0) throw new InputValidationError(problems)
    return answer(input)
  }
  const model: MockModel = {
    contract,
    seed,
    faults,
    async predict(input) {
      const output = predictSync(input)
      await sleep(faults.delay())
      if (faults.fails()) throw new InjectedFaultError(contract.name)
      return output
    },
    async predictBatch(inputs) {
      const problems = inputs.flatMap((input, i) =>
        validate(input).map((p) => ({ ...p, pointer: `/${i}${p.pointer}` })),
      )
      if (problems.length > 0) throw new InputValidationError(problems)
      const outputs = inputs.map(answer)
      await sleep(faults.delay())
      if (faults.fails()) throw new InjectedFaultError(contract.name)
      return outputs
    },
    predictSync,
    check: validate,
    answer,
    invalidAnswer: (input) => invalidOutput(contract, answer(input)),
  }
  // Outputs are drawn from the output schema and inputs validated against the input schema, of
  // which T is the TypeScript form.
  return model as unknown as MockModel<T>
}
