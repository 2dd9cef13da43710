/**
 * The typed, immutable form of a loaded contract (format 1). `loadContract` returns it; every
 * other capability (generate, mock, serve, verify, types) takes it.
 */
import type { Problem } from '../errors.js'

/** A JSON Schema (draft 2020-12 or draft-07) as a plain object, or a boolean schema. */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown }

/** The wire protocols a contract can be served with. */
export type ProtocolName = 'json' | 'kserve-v2' | 'v1' | 'mlflow' | 'openai-chat'

/** The JSON Schema dialects standin accepts. */
export type SchemaDraft = '2020-12' | 'draft-07'

/** A compiled ajv validator: returns the problems (empty when valid), pointers into the value. */
export type ValidateFn = (value: unknown) => readonly Problem[]

/** A duration in milliseconds (contracts write `50ms`, `2s`, `1m`; loaded as numbers). */
export type Millis = number

/** A golden input/output pair. */
/**
 * The TypeScript types of one contract's input and output record: an entry of the `Contracts`
 * map that `standin types` writes. It types the library's generics: `loadContract<T>` gives a
 * `Contract<T>`, from which `createMock`, `verify` and `contractTests` take their types.
 *
 * @example
 * import type { Contracts } from './generated/contracts.js'
 * const contract = await loadContract<Contracts['transaction-classifier']>('contracts/transaction-classifier.contract.yaml')
 * const output = await createMock(contract).predict(input) // typed TransactionClassifierOutput
 */
export interface ContractTypes {
  readonly input: unknown
  readonly output: unknown
}

/** An expected output as examples give it: any part of the output (nested keys optional). */
export type PartialOutput<O> = O extends readonly (infer E)[]
  ? readonly PartialOutput<E>[]
  : O extends object
    ? { readonly [K in keyof O]?: PartialOutput<O[K]> }
    : O

export interface ContractExample<I = unknown, O = unknown> {
  /** Unique name within the contract. */
  readonly name: string
  /** Why this example matters (optional). */
  readonly description?: string
  /** A full, valid input record. */
  readonly input: I
  /** The expected output: a partial match (only the keys given are compared). */
  readonly output?: PartialOutput<O>
  /** Absolute tolerance for numbers in `output` (default 1e-6). */
  readonly tolerance?: number
}

/** Latency promises, in milliseconds. */
export interface LatencyCheck {
  readonly p50?: Millis
  readonly p95?: Millis
  readonly p99?: Millis
  /** openai-chat streams: time from sending the request to the first content token, in ms. */
  readonly timeToFirstToken?: {
    readonly p50?: Millis
    readonly p95?: Millis
    readonly p99?: Millis
  }
  /**
   * openai-chat streams: content tokens per second after the first. `p95: 20` promises that 95%
   * of streams reach 20 tokens per second (the 5th percentile of the rates is at least 20).
   */
  readonly tokensPerSecond?: {
    readonly p50?: number
    readonly p95?: number
    readonly p99?: number
  }
}

/** A perturbation of one input field: `lowercase`, `uppercase`, `whitespace`, `punctuation`, `typo`, `scale:k`, `add:k`, `set:value`, `noise:sigma`. */
export interface Perturbation {
  readonly path: string
  readonly op: string
}

/** What a perturbation must (not) do to one output field. */
export interface Expectation {
  readonly path: string
  readonly equal?: boolean
  readonly increases?: boolean
  readonly decreases?: boolean
  readonly within?: number
}

/** An invariance (INV) or directional (DIR) behaviour check. */
export interface BehaviourCheck {
  readonly name: string
  readonly perturb: Perturbation
  readonly expect: Expectation
  /** Share of cases that must pass (0..1, default 1). */
  readonly threshold?: number
}

/** A check on the distribution of one output field over generated inputs. */
export interface DistributionCheck {
  readonly path: string
  /** No single class above this share (0..1). */
  readonly maxShare?: number
  /** At least this many distinct classes. */
  readonly minDistinct?: number
  /** Expected class shares (0..1), compared with a proper statistic. */
  readonly shares?: Readonly<Record<string, number>>
  /** Tolerance for `shares` (default 0.1). */
  readonly tolerance?: number
  /** Numeric range every value must fall in. */
  readonly min?: number
  readonly max?: number
  /** Numeric quantile bounds, e.g. `{ q: 0.5, min: 1, max: 3 }`. */
  readonly quantiles?: readonly {
    readonly q: number
    readonly min?: number
    readonly max?: number
  }[]
}

/** Thresholds of `standin drift`, and the distribution part of `standin compare`'s. */
export interface DriftThresholdSet {
  /** Largest PSI per field (0.25 when not set). */
  readonly maxPsi?: number
  /** Smallest p-value per field (chi-square or Kolmogorov–Smirnov); not judged when not set. */
  readonly minPValue?: number
}

/** Thresholds of `standin compare` for one field, or for every field. */
export interface CompareThresholdSet extends DriftThresholdSet {
  /** Smallest share of inputs with the same label, per label field. */
  readonly minAgreement?: number
  /** Largest mean absolute difference, per number field. */
  readonly maxMeanAbsDiff?: number
  /** Largest absolute difference on any one input, per number field. */
  readonly maxAbsDiff?: number
  /** Smallest Pearson correlation, per number field. */
  readonly minCorrelation?: number
}

/** `checks.compare`: champion against challenger. */
export interface CompareChecks extends CompareThresholdSet {
  /** Largest ratio of the candidate's p99 latency to the baseline's. */
  readonly maxLatencyRatio?: number
  /** Per-field thresholds by output pointer, over the section's own. */
  readonly fields?: Readonly<Record<string, CompareThresholdSet>>
}

/** `checks.drift`: live traffic against a reference. */
export interface DriftChecks extends DriftThresholdSet {
  /** Per-field thresholds by input or output pointer, over the section's own. */
  readonly fields?: Readonly<Record<string, DriftThresholdSet>>
}

/** The behaviour the real model promises. Every key is optional. */
export interface ContractChecks {
  readonly latency?: LatencyCheck
  readonly failureRate?: { readonly max: number }
  readonly load?: { readonly rpm: number; readonly duration: Millis }
  readonly invariance?: readonly BehaviourCheck[]
  readonly directional?: readonly BehaviourCheck[]
  readonly distribution?: readonly DistributionCheck[]
  /** Thresholds of `standin compare`. */
  readonly compare?: CompareChecks
  /** Thresholds of `standin drift`. */
  readonly drift?: DriftChecks
}

/** Defaults for the stand-in; command-line flags and library options override them. */
export interface MockDefaults {
  /** Latency: a uniform range (`min`..`max`) or a log-normal fitted to `p50`/`p99`. */
  readonly latency?: {
    readonly min?: Millis
    readonly max?: Millis
    readonly p50?: Millis
    readonly p99?: Millis
  }
  /** Share of requests that fail with a 5xx (0..1). */
  readonly errorRate?: number
  /** Default seed. */
  readonly seed?: number
  /** openai-chat streams: delay of the first token in ms (default: half the promised p50). */
  readonly timeToFirstToken?: Millis
  /** openai-chat streams: content tokens per second (default: twice the promised p50, else no pacing). */
  readonly tokensPerSecond?: number
}

/**
 * The openai-chat protocol's settings: the model id the stand-in lists and answers as, and the
 * tool (function) whose arguments the output schema describes, when the service asks for a tool
 * call rather than structured content.
 */
export interface ChatSettings {
  /** The model id served at `GET /v1/models` and answered in `model` (default: the contract's name). */
  readonly model: string
  /** The function name whose `arguments` the output schema describes (absent: content only). */
  readonly tool?: string
}

/**
 * A loaded, validated, compiled contract. Deeply frozen. `T` holds the TypeScript types of its
 * input and output (`loadContract<T>`), `unknown` when not given.
 */
export interface Contract<T extends ContractTypes = ContractTypes> {
  /** Format version of the file (always 1 today). */
  readonly contract: 1
  /** `[a-z0-9-]+`, unique in a folder. */
  readonly name: string
  /** Semver of the model interface. */
  readonly version: string
  readonly description?: string
  readonly owner?: string
  readonly protocol: ProtocolName
  /**
   * The json protocol's endpoint (defaults to POST /predict); other protocols use their standard
   * paths. `batch: true` when it also takes a JSON array of records as a batch (absent: one
   * record per request).
   */
  readonly endpoint: {
    readonly method: string
    readonly path: string
    readonly batch?: boolean
    /** kserve-v2 and v1: the model's name on the wire, when it is not the contract's. */
    readonly model?: string
    /** kserve-v2: the model's version on the wire, when it is not the contract's. */
    readonly version?: string
  }
  /** The openai-chat protocol's model id and tool (present only for that protocol). */
  readonly chat?: ChatSettings
  /** JSON Schema of one input record, self-contained: every `$ref` resolves inside it. */
  readonly input: JsonSchema
  /** JSON Schema of one output record, self-contained: every `$ref` resolves inside it. */
  readonly output: JsonSchema
  readonly examples: readonly ContractExample<T['input'], T['output']>[]
  readonly checks: ContractChecks
  readonly mock: MockDefaults
  /** The dialect both schemas are written in. */
  readonly draft: SchemaDraft
  /** The file it was loaded from (as given), or undefined when loaded from an object. */
  readonly file?: string
  /** Validates one input record (compiled once). */
  readonly validateInput: ValidateFn
  /** Validates one output record (compiled once). */
  readonly validateOutput: ValidateFn
}
