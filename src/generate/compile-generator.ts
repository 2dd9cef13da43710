/**
 * `compileGenerator`: walks a JSON Schema once and returns a function that draws valid values
 * from a seeded rng. Every value is checked with ajv (configured as `createAjv`) before it
 * leaves, unless the schema's plan is proven exact and the draw stayed on the proven path
 * (exact-proof.ts); a failed draw is redrawn within a bound, then replaced by a value found
 * valid at compile time, so an invalid value never escapes.
 */
import { createAjv, findRefCycles, understandOpenApi, withoutNullable } from '../contract/index.js'
import type { AjvInstance, CachedCompile, JsonSchema, SchemaDraft } from '../contract/index.js'
import type { Problem } from '../errors.js'
import { createChecks, guarded, nodeKey } from './compiler.js'
import type { Check, Compiler } from './compiler.js'
import { compileNode } from './compile-node.js'
import { Redraw } from './draw-state.js'
import { runFixups } from './lte-fixup.js'
import { cloneJson } from '../json/index.js'
import type { DrawState, GenNode } from './draw-state.js'
import { createFakeText } from './fake-text.js'
import { createRng } from './rng.js'
import type { Rng } from './rng.js'
import { normalizeRefs } from './normalize-refs.js'
import { unevaluatedItemsCheck } from './unevaluated-items.js'
import { ROOT_URI, indexSchema, isRecord } from './schema-index.js'
import type { SchemaIndex, SchemaRef } from './schema-index.js'
import { SchemaProblem, UnsatisfiableSchemaError } from './unsatisfiable-schema-error.js'

/** What a generator may read while drawing: the input record, for `copy` and `lengthOf` hints. */
export interface GenerateContext {
  readonly input?: unknown
}

/** Draws one valid value from the rng (and the input, for hints). */
export type Generator = (rng: Rng, context?: GenerateContext) => unknown

/** Options of `compileGenerator`. */
export interface GeneratorOptions {
  /** The schema's draft (default: from `$schema`, else 2020-12). */
  readonly draft?: SchemaDraft
  /** The file problems are reported against. */
  readonly file?: string
  /** Prefix of problem pointers, for example `/output` (default ''). */
  readonly pointer?: string
  /** Honour `x-standin` hints (default true). */
  readonly hints?: boolean
  /**
   * An ajv instance from `createAjv` (same draft) to compile the checks in, shared between
   * generators to save compiling the meta-schema each time (default: a fresh instance).
   */
  readonly ajv?: AjvInstance
  /** Draws per value before the compile-time fallback is used (default 25). */
  readonly attempts?: number
  /**
   * Milliseconds compiling may take (default 10,000): past it, compiling stops with a
   * `schema.unsupported` problem at the subschema it had reached (issue 11), never a hang.
   */
  readonly budgetMs?: number
}

/** The draft a schema declares with `$schema` (2020-12 when it declares none). */
export function draftOf(schema: JsonSchema): SchemaDraft {
  const declared = isRecord(schema) && typeof schema.$schema === 'string' ? schema.$schema : ''
  return /draft-0[4-7]/.test(declared) ? 'draft-07' : '2020-12'
}

const PROBES = 80

/**
 * The compile ran out of time. Not a `SchemaProblem`: those are caught per branch and per type
 * (one failing anyOf branch is fine), and a budget must stop the whole compile.
 */
class OverBudget extends Error {
  readonly problem: SchemaProblem
  constructor(...args: ConstructorParameters<typeof SchemaProblem>) {
    super(args[2])
    this.problem = new SchemaProblem(...args)
  }
}

/**
 * Compiles a JSON Schema into a seeded generator of valid values.
 *
 * @example
 * const generate = compileGenerator({ type: 'integer', minimum: 1, maximum: 6 })
 * generate(createRng(7)) // the same die roll for seed 7 in every process
 *
 * @throws UnsatisfiableSchemaError `schema.unsatisfiable` when no value can satisfy the schema
 *   (`minimum` above `maximum`, a contradictory allOf, an impossible oneOf, a recursion with no
 *   finite value), `schema.unsupported` when standin cannot make one (a size past its limits,
 *   a pattern it cannot draw from); each problem names the pointer and the keyword.
 */
export function compileGenerator(raw: JsonSchema, options: GeneratorOptions = {}): Generator {
  return compileGeneratorWith(raw, options, {})
}

/** What a loaded contract's `options.ajv` already holds for the generator (sample-contract.ts). */
export interface LoadedCompiler {
  /**
   * A validator `options.ajv` compiled from this very schema (the contract loader's,
   * `compiledCheckOf`): the whole-value check, instead of compiling the schema again.
   */
  readonly rootCheck?: RootCheck
  /** Compiles in `options.ajv` through the loader's cache of compiled validators. */
  readonly compile?: CachedCompile
}

/**
 * `compileGenerator`, with what a loaded contract's ajv instance already holds (`loaded`), used
 * only when the schema is compiled in that instance. For this folder only (sample-contract.ts).
 */
export function compileGeneratorWith(
  raw: JsonSchema,
  options: GeneratorOptions,
  loaded: LoadedCompiler,
): Generator {
  const draft = options.draft ?? draftOf(raw)
  const fail = locatedFailure(options)
  const hints = options.hints ?? true
  const attempts = options.attempts ?? 25
  let compiled: Compiled
  try {
    compiled = compileSchema(raw, draft, hints, options, loaded)
  } catch (error) {
    if (error instanceof OverBudget) throw fail(error.problem)
    if (error instanceof SchemaProblem) throw fail(error)
    throw error
  }
  const { validate, exact } = compiled
  const draw = drawFrom(compiled.root, hints, compiled.lteByHolder)
  const fallbackValue = probeFallback(draw, validate, fail)
  const generator: Generator = (rng, context) => {
    const input = context?.input
    for (let attempt = 0; attempt < attempts; attempt++) {
      try {
        const drawn = draw(rng, input)
        // A proven draw is valid by construction (the property tests hold ajv to that).
        if ((exact && !drawn.unproven) || validate(drawn.value)) return drawn.value
      } catch (error) {
        if (!(error instanceof Redraw)) throw error
      }
    }
    return cloneJson(fallbackValue)
  }
  if (exact) provenGenerators.add(generator)
  return generator
}

const provenGenerators = new WeakSet<Generator>()

/** True when the generator's plan is proven exact (its proven draws skip the ajv check). */
export function isProvenExact(generator: Generator): boolean {
  return provenGenerators.has(generator)
}

/** Turns a `SchemaProblem` into the error `compileGenerator` throws, located in the file. */
function locatedFailure(
  options: GeneratorOptions,
): (problem: SchemaProblem) => UnsatisfiableSchemaError {
  const prefix = options.pointer ?? ''
  return (problem) => {
    const located: Problem = {
      code: problem.code,
      severity: 'error',
      ...(options.file !== undefined ? { file: options.file } : {}),
      pointer: `${prefix}${problem.pointer}`,
      message: problem.reason,
      hint: problem.hint,
    }
    return new UnsatisfiableSchemaError([located])
  }
}

/** What compiling a schema gives: the whole-value check, the root node, and whether it is proven. */
interface Compiled {
  readonly validate: (value: unknown) => boolean
  readonly root: GenNode
  /** The root node is proven exact (exact-proof.ts), and no check beside ajv's applies. */
  readonly exact: boolean
  /** `lte` swaps may be recorded by holder (`DrawState.lteByHolder`). */
  readonly lteByHolder: boolean
}

/**
 * The schema as the generator reads it: `$ref`s normalised to the root URI, OpenAPI's nullable
 * read and dropped, and a `$ref` loop that never descends into the value refused (it makes every
 * validation recurse until the stack overflows, so each check takes ~100 ms and a draw minutes).
 */
function prepareSchema(raw: JsonSchema, draft: SchemaDraft, defaultUri: string): JsonSchema {
  let schema = normalizeRefs(raw, draft, defaultUri) as JsonSchema
  if (JSON.stringify(schema).includes('"nullable"')) {
    // OpenAPI 3.0's nullable, read as the contract loader reads it, then dropped for ajv.
    if (schema === raw) schema = cloneJson(raw)
    understandOpenApi(schema)
    schema = withoutNullable(schema) as JsonSchema
  }
  const loop = findRefCycles(schema).find((cycle) => cycle.kind === 'in-place')
  if (loop)
    throw new SchemaProblem(
      'schema.unsupported',
      loop.pointer,
      `$ref loops back to ${loop.chain.join(' -> ')} without descending into the value, so validating it recurses forever`,
      'Make the recursion go through properties or items, or remove it.',
    )
  return schema
}

/** An ajv validator of a whole schema, compiled in the generator's ajv instance. */
export type RootCheck = (value: unknown) => unknown

/**
 * Adds the schema to ajv under `rootUri` and returns its guarded whole-value check. With
 * `rootCheck` (compiled from the same schema in this ajv instance), ajv's entry for the root
 * takes it as its compiled form: ajv compiles a root when a subschema check first refers into
 * it (its `resolveSchema` compiles an entry that has no `validate`), and need not here.
 */
function registerRoot(
  ajv: AjvInstance,
  schema: JsonSchema,
  rootUri: string,
  rootCheck: RootCheck | undefined,
): (value: unknown) => boolean {
  // A boolean root is registered as its object form, so subschema checks can refer to it.
  const registered =
    typeof schema === 'boolean'
      ? { $id: rootUri, ...(schema ? {} : { not: {} }) }
      : isRecord(schema) && typeof schema.$id !== 'string'
        ? { ...schema, $id: rootUri }
        : schema
  try {
    ajv.addSchema(registered)
    if (rootCheck) adoptCompiled(ajv, rootUri, registered, rootCheck)
    const compiled = ajv.getSchema(rootUri)
    if (!compiled) throw new Error('schema not registered')
    return guarded((v) => compiled(v) as boolean)
  } catch (error) {
    ajv.removeSchema(rootUri)
    const message = error instanceof Error ? error.message : String(error)
    throw new SchemaProblem(
      'schema.unsupported',
      '',
      `ajv cannot compile the schema: ${message}`,
      'Fix the schema.',
    )
  }
}

/**
 * Hands ajv's entry of the root (`ajv.schemas[rootUri]`, the `SchemaEnv` that `addSchema` made)
 * the validator already compiled from the same schema, as `getSchema` would have stored it. An
 * entry not found as expected (another ajv release) is left alone: ajv compiles it itself.
 */
function adoptCompiled(
  ajv: AjvInstance,
  rootUri: string,
  registered: unknown,
  rootCheck: RootCheck,
): void {
  const entry: unknown = (ajv.schemas as Record<string, unknown>)[rootUri]
  if (isRecord(entry) && entry.schema === registered && entry.validate === undefined)
    entry.validate = rootCheck
}

/** Compiles the schema's check and its generator nodes (throws `SchemaProblem`, `OverBudget`). */
function compileSchema(
  raw: JsonSchema,
  draft: SchemaDraft,
  hints: boolean,
  options: GeneratorOptions,
  loaded: LoadedCompiler,
): Compiled {
  // A shared ajv (options.ajv) saves compiling the meta-schema again; each schema then gets
  // its own root URI in it. A schema with its own $id already there gets a fresh instance.
  let ajv = options.ajv ?? createAjv(draft, { inlineRefs: false })
  const taken = (uri: string): boolean => uri in ajv.schemas || uri in ajv.refs
  let defaultUri = ROOT_URI
  for (let n = 1; options.ajv && taken(defaultUri); n++) {
    defaultUri = ROOT_URI.replace('.json', `-${n}.json`)
  }
  const schema = prepareSchema(raw, draft, defaultUri)
  const index = indexSchema(schema, draft, defaultUri)
  const rootUri = index.root.base
  for (const { ref, from } of index.refs) index.resolve(ref, from)
  if (options.ajv && isRecord(schema) && typeof schema.$id === 'string' && taken(rootUri)) {
    ajv = createAjv(draft, { inlineRefs: false })
  }
  // What the loader compiled stands only in the instance it was compiled in.
  const shared = ajv === options.ajv
  let validate = registerRoot(ajv, schema, rootUri, shared ? loaded.rootCheck : undefined)
  const { compile } = loaded
  // A check's code depends on the root it refers into: the root's text is part of its key.
  let rootText: string | undefined
  const checks = createChecks(
    ajv,
    rootUri,
    shared && compile
      ? (subschema) =>
          compile(
            subschema,
            `check ${JSON.stringify(subschema)}`,
            (rootText ??= `${rootUri}\n${JSON.stringify(schema)}`),
          )
      : undefined,
  )
  const text = JSON.stringify(schema)
  const unevaluated = text.includes('"unevaluatedItems"')
  // A subschema's own check may differ from its verdict inside the whole value where dynamic
  // scope or unevaluated* reach across subschemas: no proof is trusted there.
  const contextual = /"(\$dynamicRef|\$recursiveRef|unevaluatedItems|unevaluatedProperties)"/.test(
    text,
  )
  if (unevaluated) {
    const byAjv = validate
    const unevaluated = unevaluatedItemsCheck(index, checks, draft)
    validate = (value) => byAjv(value) && unevaluated(value)
  }
  const build = createCompiler(index, draft, hints, checks, options.budgetMs ?? 10_000)
  const root = build.compiler.node([index.root])
  const lteByHolder = build.done() && !swapsByPathOnly
  return { validate, root, exact: root.exact === true && !contextual, lteByHolder }
}

let swapsByPathOnly = false

/**
 * For the equivalence test only (not exported from the folder): `on` makes generators compiled
 * from now on record every `lte` swap by path, as before swaps were recorded by holder.
 */
export function recordSwapsByPath(on: boolean): void {
  swapsByPathOnly = on
}

/**
 * The compiler of one schema: each node memoised by its refs (so recursion goes through the memo
 * slot), every check and node compiled one bounded step, the deadline looked at between them.
 */
function createCompiler(
  index: SchemaIndex,
  draft: SchemaDraft,
  hints: boolean,
  checks: (refs: readonly SchemaRef[]) => Check,
  budgetMs: number,
): { compiler: Compiler; done: () => boolean } {
  const memo = new Map<string, GenNode>()
  let lteByHolder = true
  const deadline = performance.now() + budgetMs
  let compiling = true
  const inBudget = (refs: readonly SchemaRef[]): void => {
    if (compiling && performance.now() > deadline) {
      throw new OverBudget(
        'schema.unsupported',
        refs[0]?.pointer ?? '',
        `compiling the generator took longer than its ${budgetMs / 1000} s budget, and had reached this point`,
        'Make the schema here smaller or simpler (fewer anyOf/oneOf branches, smaller enums inside them).',
      )
    }
  }
  const compiler: Compiler = {
    index,
    draft,
    hints,
    fake: createFakeText(),
    holdersMove: () => {
      lteByHolder = false
    },
    check: (refs) => {
      inBudget(refs)
      return checks(refs)
    },
    node(refs, name, resolved = new Set()) {
      const key = nodeKey(refs, name, resolved)
      let node = memo.get(key)
      if (node) return node
      inBudget(refs)
      node = {
        gen: () => {
          throw new Redraw('recursive node used before compiled', refs[0]?.pointer ?? '')
        },
      }
      memo.set(key, node)
      try {
        compileNode(compiler, node, refs, name, resolved)
      } catch (error) {
        memo.delete(key)
        throw error
      }
      return node
    },
  }
  const done = (): boolean => {
    compiling = false
    return lteByHolder
  }
  return { compiler, done }
}

/** A value drawn, and whether the draw left the proven path (exact-proof.ts). */
interface Drawn {
  readonly value: unknown
  readonly unproven: boolean
}

/** One draw from the root node, then the fix-ups the hints left (`argmaxOf`, `lte`...). */
function drawFrom(
  root: GenNode,
  hints: boolean,
  lteByHolder: boolean,
): (rng: Rng, input: unknown) => Drawn {
  return (rng, input) => {
    const state: DrawState = {
      input,
      hints,
      depth: 0,
      path: [],
      fixups: [],
      unproven: false,
      containersMoved: false,
      lteByHolder,
      holder: undefined,
      holderAt: -1,
      lteHolders: [],
      lteHints: [],
      lteAt: [],
    }
    const value = root.gen(rng, state)
    runFixups(value, state)
    return { value, unproven: state.unproven }
  }
}

/**
 * Probes at compile time: a schema that yields nothing is reported now, by pointer, not at the
 * thousandth call; the first valid value is the fallback if a later draw runs out of attempts.
 */
function probeFallback(
  draw: (rng: Rng, input: unknown) => Drawn,
  validate: (value: unknown) => boolean,
  fail: (problem: SchemaProblem) => UnsatisfiableSchemaError,
): unknown {
  const probe = createRng('standin:probe')
  let lastRedraw: Redraw | undefined
  let depthFailures = 0
  let invalid: unknown
  for (let i = 0; i < PROBES; i++) {
    try {
      const { value } = draw(probe, undefined)
      if (validate(value)) return value
      invalid = value
    } catch (error) {
      if (!(error instanceof Redraw)) throw error
      lastRedraw = error
      if (error.depth) depthFailures++
    }
  }
  if (depthFailures > 0 && depthFailures >= PROBES / 2) {
    throw fail(
      new SchemaProblem(
        'schema.unsatisfiable',
        lastRedraw?.pointer ?? '',
        'the recursive $ref has no finite instance: every value nests without end',
        'Make the recursion optional (not required, minItems 0, or an anyOf branch without it).',
      ),
    )
  }
  if (invalid !== undefined || lastRedraw === undefined) {
    validate(invalid)
    throw fail(problemFromAjv(validate as unknown as { errors?: AjvError[] | null }))
  }
  const oneOf = lastRedraw.pointer.endsWith('oneOf')
  throw fail(
    new SchemaProblem(
      oneOf ? 'schema.unsatisfiable' : 'schema.unsupported',
      lastRedraw.pointer,
      oneOf
        ? 'no value was found for which exactly one branch of oneOf holds (impossible oneOf)'
        : `standin found no valid value here: ${lastRedraw.reason}`,
      'Simplify the schema, or check that a value can satisfy it.',
    ),
  )
}

interface AjvError {
  readonly keyword: string
  readonly schemaPath: string
  readonly message?: string
}

function problemFromAjv(validate: { errors?: AjvError[] | null }): SchemaProblem {
  const error = validate.errors?.[0]
  const pointer = error ? decodeURIComponent(error.schemaPath.replace(/^#/, '')) : ''
  const keyword = error?.keyword ?? 'schema'
  const impossible = ['oneOf', 'not', 'const', 'enum', 'false schema'].includes(keyword)
  return new SchemaProblem(
    impossible ? 'schema.unsatisfiable' : 'schema.unsupported',
    pointer,
    keyword === 'oneOf'
      ? 'no value was found for which exactly one branch of oneOf holds (impossible oneOf)'
      : `standin found no value that satisfies "${keyword}" here (${error?.message ?? 'invalid'})`,
    'Simplify the schema, or check that a value can satisfy it.',
  )
}
