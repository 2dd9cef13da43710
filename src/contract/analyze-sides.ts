/**
 * The input and output schemas of one contract, side by side: each resource checked in its own
 * dialect, bundled with the files and `$defs` it imports, searched for `$ref` cycles, and
 * compiled, with a side that has an error of its own left uncompiled (the other still is).
 */
import { dirname, resolve } from 'node:path'
import type { ValidateFunction } from 'ajv'
import type { Problem, ProblemCode } from '../errors.js'
import {
  cloneJson,
  isObject,
  isUnder,
  joinPointer,
  resolvePointer,
  subschemasOf,
} from '../json/index.js'
import { walkSchema } from '../json/index.js'
import { bundleSchema } from './bundle-schema.js'
import type { BundleResult } from './bundle-schema.js'
import { checkContradictions } from './check-contradictions.js'
import { checkSchemaKeywords } from './check-schema-keywords.js'
import type { SchemaDraft } from './contract-types.js'
import { ajvOptions, createAjv } from './create-ajv.js'
import { cachedCompiler, compiledCacheKey } from './compiled-cache.js'
import type { CachedCompile } from './compiled-cache.js'
import { backtrackingAllowed, linearRegExpEngine } from './linear-regexp.js'
import type { AjvInstance } from './create-ajv.js'
import { fakerChecker } from './faker-checker.js'
import { findRefCycles } from './find-ref-cycles.js'
import type { LoadOptions } from './load-options.js'
import type { LoadSession } from './load-session.js'
import { withoutNullable } from './openapi-keywords.js'
import { familyOf, type Dialect } from './schema-keywords.js'
import { metaSchemaProblems } from './translate-ajv-errors.js'
import { translateSchema } from './translate-draft.js'
import type { WorkBudget } from './work-budget.js'

/**
 * The deepest nesting of subschemas standin compiles. ajv generates code recursively, one level
 * of nesting per few stack frames, and overflows the stack at a few hundred levels; the limit
 * leaves room for that and for the recursion of callers.
 */
export const MAX_DEPTH = 128

export const SIDES = ['input', 'output'] as const
type Side = (typeof SIDES)[number]

/** The bundled sides (a side that could not be bundled is absent). */
export type Bundled = { input?: BundleResult; output?: BundleResult }
/**
 * The compiled validators (a side with an error of its own is absent), and the ajv instance they
 * were compiled in (`compilerOf` hands it to the generator).
 */
export type Validators = {
  input?: ValidateFunction
  output?: ValidateFunction
  ajv?: AjvInstance
  /** With `compiledCacheDir`: compiles in `ajv` through the cache (compiled-cache.ts). */
  compile?: CachedCompile
}
/** The faker method checker the hint checks share. */
export type CheckFaker = Awaited<ReturnType<typeof fakerChecker>>

/** One analysis of a contract's sides: what it reads, and where problems go. */
export interface SidesRun {
  readonly data: Record<string, unknown>
  readonly file: string | undefined
  readonly path: string | undefined
  readonly options: LoadOptions & { readonly cwd: string; readonly session: LoadSession }
  readonly budget: WorkBudget
  readonly problems: Problem[]
  readonly error: (pointer: string, code: ProblemCode, message: string, hint: string) => void
  readonly draft: SchemaDraft
  readonly dialects: Readonly<Record<Side, Dialect>>
  /** Set once both sides compiled: the hint checks' faker checker. */
  checkFaker?: CheckFaker
}

/**
 * Checks, bundles and compiles both sides. `hasOwnError(side)` tells, at any later time, whether
 * an error lies in that side's schema or in what it imports.
 */
export async function analyzeSides(run: SidesRun): Promise<{
  bundled: Bundled
  validators: Validators
  hasOwnError: (side: Side) => boolean
}> {
  const sharedBroken = checkSharedDefs(run)
  const { bundled, broken } = await bundleSides(run)
  // Decided once both sides are read: a schema may import a part of the other one.
  const hasOwnError = (side: Side): boolean => ownError(run, bundled, side)
  for (const side of SIDES) if (sharedBroken || hasOwnError(side)) broken[side] = true
  checkRefCycles(run, bundled, broken)
  const validators = compileSides(run, bundled, broken)
  if (bundled.input && bundled.output && validators.input && validators.output) {
    run.checkFaker = await fakerChecker(bundled.input.schema, bundled.output.schema)
  }
  return { bundled, validators, hasOwnError }
}

/**
 * Checks one schema resource in its own dialect: draft-06 and -07 as draft-07, draft-04 and
 * 2019-09 after translating them to 2020-12. Keywords, the meta-schema node by node, and
 * contradictions.
 */
function checkRaw(
  run: SidesRun,
  raw: unknown,
  at: string,
  where: string | undefined,
  dialect: Dialect = run.draft,
): void {
  const { problems, options, budget } = run
  let schema = raw
  let draft: SchemaDraft = familyOf(dialect)
  if (dialect === 'draft-04' || dialect === '2019-09') {
    schema = cloneJson(raw)
    translateSchema(schema, dialect, '2020-12')
    draft = '2020-12'
  }
  problems.push(
    ...checkSchemaKeywords(schema, {
      draft,
      file: where,
      base: at,
      validateHint: options.session.validateHint,
    }),
  )
  const validateNode = options.session.validateNode(draft)
  walkSchema(schema, at, (node, pointer) => {
    budget.check(pointer, where)
    if (!validateNode(node)) {
      problems.push(...metaSchemaProblems(validateNode.errors ?? [], where, pointer, draft))
    }
  })
  problems.push(...checkContradictions(schema, where, at))
}

/**
 * Checks the contract's shared `$defs`. True when an error makes every schema unsafe to compile:
 * one in the `$defs`, or an unknown contract format (nothing else can be read then). An error
 * elsewhere (a misspelled top-level key, a bad value in checks or endpoint) leaves the schemas to
 * be compiled and the checks that need them to run.
 */
function checkSharedDefs(run: SidesRun): boolean {
  const { data, file, problems } = run
  const start = problems.length
  if (isObject(data.$defs)) {
    for (const [name, schema] of Object.entries(data.$defs))
      checkRaw(run, schema, joinPointer('/$defs', name), file)
  }
  return (
    errorSince(problems, start) ||
    problems.some(
      (p) =>
        p.severity === 'error' &&
        p.file === file &&
        (isUnder(p.pointer, '/contract') || isUnder(p.pointer, '/$defs')),
    )
  )
}

/** Bundles each side with what it imports, checking each imported resource once. */
async function bundleSides(
  run: SidesRun,
): Promise<{ bundled: Bundled; broken: Record<Side, boolean> }> {
  const { data, file, path, options, budget, problems, draft, dialects } = run
  // $ref files come only from this folder tree (checked after links are followed).
  const root =
    options.root !== undefined
      ? resolve(options.cwd, options.root)
      : path !== undefined
        ? dirname(path)
        : options.cwd
  const readLimits = {
    root,
    ...(options.maxFileBytes !== undefined ? { maxBytes: options.maxFileBytes } : {}),
  }
  const bundled: Bundled = {}
  const broken = { input: false, output: false }
  for (const side of SIDES) {
    const raw = data[side]
    if (!isObject(raw) && typeof raw !== 'boolean') continue
    const start = problems.length
    checkRaw(run, raw, `/${side}`, file, dialects[side])
    const bundle = await bundleSchema(raw, {
      draft,
      dialect: dialects[side],
      contractData: data,
      contractPath: path,
      file,
      cwd: options.cwd,
      basePointer: `/${side}`,
      readDoc: (doc) => {
        budget.check(`/${side}`, file)
        return options.session.readDoc(doc, readLimits)
      },
    })
    // Both sides index the same documents: a problem found in a shared one is reported once.
    const seen = new Set(problems.map((p) => JSON.stringify(p)))
    problems.push(...bundle.problems.filter((p) => !seen.has(JSON.stringify(p))))
    for (const [, origin] of bundle.imported) {
      if (origin.file !== file || !origin.pointer.startsWith('/$defs/'))
        checkRaw(run, origin.raw, origin.pointer, origin.file, origin.dialect)
    }
    bundled[side] = bundle
    if (errorSince(problems, start) || bundle.problems.some((p) => p.severity === 'error'))
      broken[side] = true
  }
  return { bundled, broken }
}

/** True when an error lies in the side's schema or in a resource it imports. */
function ownError(run: SidesRun, bundled: Bundled, side: Side): boolean {
  const { file, problems } = run
  const parts = [
    { file, pointer: `/${side}` },
    ...[...(bundled[side]?.imported.values() ?? [])].map((o) => ({
      file: o.file,
      pointer: o.pointer,
    })),
  ].filter((o) => o.file !== file || o.pointer !== '')
  return problems.some(
    (p) =>
      p.severity === 'error' &&
      parts.some((o) => p.file === o.file && isUnder(p.pointer, o.pointer)),
  )
}

/** Reports `$ref` cycles of each sound side; a side with one is not compiled. */
function checkRefCycles(run: SidesRun, bundled: Bundled, broken: Record<Side, boolean>): void {
  for (const side of SIDES) {
    const bundle = bundled[side]
    if (!bundle || broken[side]) continue
    const start = run.problems.length
    for (const cycle of findRefCycles(bundle.schema)) {
      const origin = bundle.originOf(cycle.pointer)
      run.error(
        origin.pointer,
        'schema.ref-cycle',
        cycle.kind === 'in-place'
          ? `$ref ${refAt(bundle.schema, cycle.pointer)} loops back to itself without descending into the value`
          : 'this schema is recursive with no way out: every value would have to contain another one',
        cycle.kind === 'in-place'
          ? 'Break the loop: a recursive $ref must sit under properties or items.'
          : 'Make the recursive property optional, or allow an empty array.',
      )
    }
    if (errorSince(run.problems, start)) broken[side] = true
  }
}

/** The options of the instance contract schemas are compiled in (see compileSides). */
const COMPILE_OPTIONS = { validateSchema: false, inlineRefs: false, meta: false } as const

/**
 * Compiles each sound side once, within the nesting limit and the time budget; with
 * `compiledCacheDir`, a side compiled on an earlier run is read back (compiled-cache.ts).
 */
function compileSides(run: SidesRun, bundled: Bundled, broken: Record<Side, boolean>): Validators {
  // The schemas were checked node by node above; ajv need not compile the meta-schema again.
  // inlineRefs: false: deciding whether to inline a $ref target, ajv scans it, arrays twice per
  // level, so an `examples` value nested 40 deep takes minutes (ajv's hasRef). Compiled apart,
  // every target is scanned once by the linear json-schema-traverse. meta: false: with schemas
  // unchecked by ajv, and no $ref reaching a meta-schema (bundleSchema refuses network refs), the
  // draft's meta-schema would be added for nothing (~4 ms of every start). The generator
  // compiles its checks in this instance too (compilerOf): GENERATOR_AJV's options, and meta.
  const cacheDir = run.options.compiledCacheDir
  const backtracking = backtrackingAllowed()
  const ajv = createAjv(run.draft, {
    ...COMPILE_OPTIONS,
    // Standalone code for the cache of compiled validators (compiled-cache.ts); `code` replaces
    // createAjv's, so its pattern engine is given again.
    ...(cacheDir !== undefined
      ? { code: { regExp: linearRegExpEngine(backtracking), source: true } }
      : {}),
  })
  const compile =
    cacheDir !== undefined
      ? cachedCompiler(
          cacheDir,
          compiledCacheKey(
            run.draft,
            JSON.stringify({ ...ajvOptions, ...COMPILE_OPTIONS }),
            backtracking,
          ),
          ajv,
          run.path ?? '',
        )
      : undefined
  const validators: Validators = { ajv, ...(compile ? { compile } : {}) }
  for (const side of SIDES) {
    const bundle = bundled[side]
    if (!bundle || broken[side]) continue
    const depth = nestingDepth(bundle.schema)
    if (depth > MAX_DEPTH) {
      run.error(
        `/${side}`,
        'schema.too-deep',
        `the schema nests ${depth} levels deep, and standin compiles at most ${MAX_DEPTH}`,
        'Flatten it: model records are rarely more than a few levels deep.',
      )
      continue
    }
    run.budget.check(`/${side}`, run.file)
    const schema = withoutNullable(bundle.schema) as object
    try {
      validators[side] = compile ? compile(schema, side) : ajv.compile(schema)
    } catch (reason) {
      const tooDeep = reason instanceof RangeError
      run.error(
        `/${side}`,
        tooDeep ? 'schema.too-deep' : 'schema.invalid',
        tooDeep
          ? 'the schema is too deeply nested to compile'
          : `the schema does not compile: ${reason instanceof Error ? reason.message : String(reason)}`,
        tooDeep
          ? 'Flatten it: model records are rarely more than a few levels deep.'
          : 'Fix the schema as the message says.',
      )
    }
  }
  return validators
}

function errorSince(problems: readonly Problem[], start: number): boolean {
  return problems.slice(start).some((p) => p.severity === 'error')
}

function refAt(schema: unknown, pointer: string): string {
  const found = resolvePointer(schema, pointer)
  return found.found && isObject(found.value) ? JSON.stringify(found.value.$ref) : '""'
}

function nestingDepth(schema: unknown): number {
  let deepest = 0
  const stack: { node: unknown; depth: number }[] = [{ node: schema, depth: 0 }]
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number }
    if (depth > deepest) deepest = depth
    for (const child of subschemasOf(node)) stack.push({ node: child.schema, depth: depth + 1 })
  }
  return deepest
}
