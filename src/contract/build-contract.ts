import type { ValidateFunction } from 'ajv'
import type {
  ChatSettings,
  Contract,
  ContractChecks,
  ContractExample,
  JsonSchema,
  MockDefaults,
  ProtocolName,
  SchemaDraft,
} from './contract-types.js'
import { problemsFromAjv } from './create-ajv.js'
import type { AjvInstance } from './create-ajv.js'
import type { CachedCompile } from './compiled-cache.js'
import { deepFreeze } from '../json/index.js'
import { parseDuration } from './parse-duration.js'
import { isObject } from '../json/index.js'

/** The compiled parts `buildContract` puts together with the checked data. */
export interface CompiledParts {
  readonly draft: SchemaDraft
  readonly file: string | undefined
  readonly input: unknown
  readonly output: unknown
  readonly validateInput: ValidateFunction
  readonly validateOutput: ValidateFunction
  /**
   * The ajv instance the validators were compiled in (options `{ validateSchema: false,
   * inlineRefs: false, meta: false }`), for the generator to compile its checks in (`compilerOf`).
   */
  readonly ajv?: AjvInstance
  /** Compiles in `ajv` through the cache of compiled validators, when the load had one. */
  readonly compile?: CachedCompile
}

/** The ajv instance each loaded contract was compiled in, by contract. */
const compilers = new WeakMap<Contract, AjvInstance>()

/** The validators each loaded contract's sides were compiled to (in `compilers`' instance). */
const compiledChecks = new WeakMap<
  Contract,
  { readonly input: ValidateFunction; readonly output: ValidateFunction }
>()

/** The cached compile of each contract loaded with a `compiledCacheDir`. */
const cachedCompiles = new WeakMap<Contract, CachedCompile>()

/**
 * Compiles a schema in the instance `compilerOf` gives, through the cache of compiled validators
 * the contract was loaded with (`LoadOptions.compiledCacheDir`); undefined without one. The
 * generator compiles its subschema checks with it.
 *
 * @example
 * const compile = cachedCompileOf(contract) ?? ((schema) => ajv.compile(schema))
 */
export function cachedCompileOf(contract: object): CachedCompile | undefined {
  return cachedCompiles.get(contract as Contract)
}

/**
 * The ajv instance a loaded contract's validators were compiled in (options `{ validateSchema:
 * false, inlineRefs: false, meta: false }`), or undefined for a contract not built here. The generator
 * compiles its checks in it rather than in a new instance: a new one costs ~5 ms of a start
 * (formats, keywords and the draft's meta-schema added again).
 *
 * @example
 * const ajv = compilerOf(contract) ?? createAjv(contract.draft, GENERATOR_AJV)
 */
export function compilerOf(contract: object): AjvInstance | undefined {
  return compilers.get(contract as Contract)
}

/**
 * The ajv validator a loaded contract's `side` schema (`contract.input` or `contract.output`,
 * the same object) was compiled to, in the instance `compilerOf` gives; undefined for a contract
 * not built here. The generator reuses it as its whole-value check rather than compiling the
 * schema a second time (~8 ms of a start).
 *
 * @example
 * const validate = compiledCheckOf(contract, 'output')
 */
export function compiledCheckOf(
  contract: object,
  side: 'input' | 'output',
): ValidateFunction | undefined {
  return compiledChecks.get(contract as Contract)?.[side]
}

/**
 * The typed, deeply frozen `Contract` from data that passed every check: defaults filled in
 * (protocol json, endpoint POST /predict), durations in milliseconds.
 */
export function buildContract(data: Record<string, unknown>, parts: CompiledParts): Contract {
  const endpoint = isObject(data.endpoint) ? data.endpoint : {}
  const { validateInput, validateOutput } = parts
  const contract: Contract = {
    contract: 1,
    name: String(data.name),
    version: String(data.version),
    ...(typeof data.description === 'string' ? { description: data.description } : {}),
    ...(typeof data.owner === 'string' ? { owner: data.owner } : {}),
    protocol: (data.protocol ?? 'json') as ProtocolName,
    endpoint: {
      method: typeof endpoint.method === 'string' ? endpoint.method : 'POST',
      path: typeof endpoint.path === 'string' ? endpoint.path : '/predict',
      ...(endpoint.batch === true ? { batch: true } : {}),
      ...(typeof endpoint.model === 'string' ? { model: endpoint.model } : {}),
      ...(typeof endpoint.version === 'string' ? { version: endpoint.version } : {}),
    },
    ...(data.protocol === 'openai-chat' ? { chat: chatOf(data) } : {}),
    input: parts.input as JsonSchema,
    output: parts.output as JsonSchema,
    examples: (Array.isArray(data.examples) ? data.examples : []) as ContractExample[],
    checks: checksOf(data.checks),
    mock: mockOf(data.mock),
    draft: parts.draft,
    ...(parts.file !== undefined ? { file: parts.file } : {}),
    validateInput: (value) => (validateInput(value) ? [] : problemsFromAjv(validateInput.errors)),
    validateOutput: (value) =>
      validateOutput(value) ? [] : problemsFromAjv(validateOutput.errors),
  }
  const frozen = deepFreeze(contract)
  if (parts.ajv) {
    compilers.set(frozen, parts.ajv)
    compiledChecks.set(frozen, { input: validateInput, output: validateOutput })
    if (parts.compile) cachedCompiles.set(frozen, parts.compile)
  }
  return frozen
}

function durations<T extends Record<string, unknown>>(value: unknown): T | undefined {
  if (!isObject(value)) return undefined
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, parseDuration(v) ?? v]),
  ) as T
}

/** The openai-chat settings, defaults filled in (the model id is the contract's name). */
function chatOf(data: Record<string, unknown>): ChatSettings {
  const chat = isObject(data.chat) ? data.chat : {}
  return {
    model: typeof chat.model === 'string' ? chat.model : String(data.name),
    ...(typeof chat.tool === 'string' ? { tool: chat.tool } : {}),
  }
}

function checksOf(value: unknown): ContractChecks {
  if (!isObject(value)) return {}
  const checks: Record<string, unknown> = { ...value }
  if (isObject(value.latency)) {
    const latency: Record<string, unknown> = durations(value.latency) ?? {}
    // Durations one level down: the streaming promise's percentiles (tokensPerSecond is a rate).
    if (isObject(value.latency.timeToFirstToken))
      latency.timeToFirstToken = durations(value.latency.timeToFirstToken)
    if (isObject(value.latency.tokensPerSecond))
      latency.tokensPerSecond = { ...value.latency.tokensPerSecond }
    checks.latency = latency
  }
  if (isObject(value.load)) {
    checks.load = { ...value.load, duration: parseDuration(value.load.duration) }
  }
  return checks
}

function mockOf(value: unknown): MockDefaults {
  if (!isObject(value)) return {}
  const mock: Record<string, unknown> = { ...value }
  if (isObject(value.latency)) mock.latency = durations(value.latency)
  if (value.timeToFirstToken !== undefined)
    mock.timeToFirstToken = parseDuration(value.timeToFirstToken)
  return mock
}
