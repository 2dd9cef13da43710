/**
 * Reads, checks and compiles one contract, gathering every problem instead of stopping at the
 * first. `loadContract` throws when an error is among them; `standin lint` prints them all.
 */
import { dirname, resolve } from 'node:path'
import type { ValidateFunction } from 'ajv'
import type { Problem } from '../errors.js'
import { buildContract } from './build-contract.js'
import { bundleSchema } from './bundle-schema.js'
import type { BundleResult } from './bundle-schema.js'
import { checkContradictions } from './check-contradictions.js'
import { checkChat } from './check-chat.js'
import { checkEndpoint } from './check-endpoint.js'
import { checkExamples } from './check-examples.js'
import { checkHints } from './check-hints.js'
import { checkPaths } from './check-paths.js'
import { checkSchemaKeywords } from './check-schema-keywords.js'
import { cloneJson } from './clone-json.js'
import type { Contract, SchemaDraft } from './contract-types.js'
import { createAjv } from './create-ajv.js'
import { detectDraft } from './detect-draft.js'
import { familyOf, type Dialect } from './schema-keywords.js'
import { translateSchema } from './translate-draft.js'
import { fakerChecker } from './faker-checker.js'
import { findRefCycles } from './find-ref-cycles.js'
import { joinPointer, resolvePointer } from './json-pointer.js'
import type { LoadOptions } from './load-contract.js'
import { withoutNullable } from './openapi-keywords.js'
import type { LoadSession } from './load-session.js'
import { readDataFile } from './read-data-file.js'
import { toJsonData } from './to-json-data.js'
import { BudgetExceeded, createBudget } from './work-budget.js'
import type { WorkBudget } from './work-budget.js'
import { isObject, subschemasOf, walkSchema } from './schema-keywords.js'
import { formatProblems, metaSchemaProblems, typeName } from './translate-ajv-errors.js'

/**
 * The deepest nesting of subschemas standin compiles. ajv generates code recursively, one level
 * of nesting per few stack frames, and overflows the stack at a few hundred levels; the limit
 * leaves room for that and for the recursion of callers.
 */
export const MAX_DEPTH = 128

/** Everything known about one contract after checking it. */
export interface ContractAnalysis {
  /** The file as the user named it (undefined when loaded from an object). */
  readonly file: string | undefined
  /** The parsed file, before any checking (undefined when it could not be read or parsed). */
  readonly data: unknown
  /** The loaded contract, when no error was found. */
  readonly contract: Contract | undefined
  /** Every problem found, errors and warnings, in a stable order. */
  readonly problems: readonly Problem[]
  /** True when the file could not be read at all (missing, a folder, no permission). */
  readonly fatal: boolean
  /** The bundled input and output schemas (when they could be bundled), for further checks. */
  readonly bundled: { readonly input?: BundleResult; readonly output?: BundleResult }
  /** The draft both schemas are written in. */
  readonly draft: SchemaDraft
  /**
   * Which schemas compiled and are sound: no error of their own (in the schema, the files and
   * $defs it imports, its $schema, its x-standin hints). Lint runs the checks that need only these
   * (the generator proof, the argmax warning) even when another part of the contract has errors.
   */
  readonly compiled: { readonly input: boolean; readonly output: boolean }
}

/**
 * Analyses a contract file (path relative to `cwd`) or an already parsed contract object: every
 * problem, errors and warnings, and the contract when there is no error.
 *
 * @example
 * const analysis = await analyzeContract('contracts/ticket-router.contract.yaml', { cwd, session: createLoadSession() })
 * analysis.problems // []
 *
 * @throws never for a bad contract: problems are data.
 */
export async function analyzeContract(
  source: string | object,
  options: AnalyzeOptions,
): Promise<ContractAnalysis> {
  const budget = createBudget(options.budgetMs)
  const file = typeof source === 'string' ? (options.file ?? source) : undefined
  const failed = (
    problems: readonly Problem[],
    fatal: boolean,
    data?: unknown,
  ): ContractAnalysis => ({
    file,
    data,
    contract: undefined,
    problems,
    fatal,
    bundled: {},
    draft: '2020-12',
    compiled: { input: false, output: false },
  })
  try {
    let raw: unknown = source
    let path: string | undefined
    if (typeof source === 'string') {
      path = resolve(options.cwd, source)
      const read = await readDataFile(path, file ?? source, {
        named: true,
        ...(options.maxFileBytes !== undefined ? { maxBytes: options.maxFileBytes } : {}),
      })
      if (!read.ok) return failed(read.problems, read.fatal)
      raw = read.data
    }
    // Whatever the source, from here on the data is plain JSON: no cycle, no NaN, no getter.
    const copied = toJsonData(raw, file, budget)
    if (copied.problems.length > 0) return failed(copied.problems, false)
    return await analyzeData(copied.data, file, path, options, budget)
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error
    return failed([tooSlow(error, file)], false)
  }
}

/** What `analyzeContract` needs: the load options and the session shared by one load. */
export interface AnalyzeOptions extends LoadOptions {
  readonly cwd: string
  readonly session: LoadSession
  /** The file as the user named it, when it differs from the path given. */
  readonly file?: string
}

function tooSlow(error: BudgetExceeded, file: string | undefined): Problem {
  const seconds = error.budgetMs / 1000
  return {
    code: 'contract.too-slow',
    severity: 'error',
    file: error.file ?? file,
    pointer: error.pointer,
    message: `checking the contract took longer than its ${seconds} s budget, and had reached this point`,
    hint: 'Make the schema here smaller or simpler, or give more time (the budgetMs option).',
  }
}

async function analyzeData(
  data: unknown,
  file: string | undefined,
  path: string | undefined,
  options: AnalyzeOptions,
  budget: WorkBudget,
): Promise<ContractAnalysis> {
  const problems: Problem[] = []
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
  const result = (extra: Partial<ContractAnalysis> = {}): ContractAnalysis => ({
    file,
    data,
    contract: undefined,
    problems,
    fatal: false,
    bundled: {},
    draft: '2020-12',
    compiled: { input: false, output: false },
    ...extra,
  })
  const error = (pointer: string, code: string, message: string, hint: string): void => {
    problems.push({ code, severity: 'error', file, pointer, message, hint })
  }
  if (!isObject(data)) {
    error(
      '',
      'contract.not-an-object',
      data === null || data === undefined
        ? 'the file is empty'
        : `a contract must be a mapping of keys, but this file holds ${typeName(data)}`,
      'Start from a bundled contract, for example contracts/transaction-classifier.contract.yaml.',
    )
    return result()
  }
  const { session } = options
  if (!session.validateFormat(data)) {
    problems.push(...formatProblems(session.validateFormat.errors ?? [], file))
  }
  const { draft, dialects } = detectDraft(data, error)
  const sides = ['input', 'output'] as const
  const bundled: { input?: BundleResult; output?: BundleResult } = {}
  // The schemas were checked node by node above; ajv need not compile the meta-schema again.
  // inlineRefs: false: deciding whether to inline a $ref target, ajv scans it, arrays twice per
  // level, so an `examples` value nested 40 deep takes minutes (ajv's hasRef). Compiled apart,
  // every target is scanned once by the linear json-schema-traverse.
  const ajv = createAjv(draft, { validateSchema: false, inlineRefs: false })
  const checkRaw = (
    raw: unknown,
    at: string,
    where: string | undefined,
    dialect: Dialect = draft,
  ): void => {
    // Each resource is checked in its own dialect: draft-06 and -07 as draft-07, draft-04 and
    // 2019-09 after translating them to 2020-12.
    let schema = raw
    let family: SchemaDraft = familyOf(dialect)
    if (dialect === 'draft-04' || dialect === '2019-09') {
      schema = cloneJson(raw)
      translateSchema(schema, dialect, '2020-12')
      family = '2020-12'
    }
    const draft = family
    problems.push(
      ...checkSchemaKeywords(schema, {
        draft,
        file: where,
        base: at,
        validateHint: session.validateHint,
      }),
    )
    const validateNode = session.validateNode(draft)
    walkSchema(schema, at, (node, pointer) => {
      budget.check(pointer, where)
      if (!validateNode(node)) {
        problems.push(...metaSchemaProblems(validateNode.errors ?? [], where, pointer, draft))
      }
    })
    problems.push(...checkContradictions(schema, where, at))
  }
  // Which errors make a schema unsafe to compile: those in the schema itself, in the files and
  // $defs it imports, in its $schema, and an unknown contract format (nothing else can be read
  // then). An error elsewhere (a misspelled top-level key, a bad value in checks or endpoint)
  // leaves the schemas to be compiled and the checks that need them to run.
  const errorAt = (start: number): boolean =>
    problems.slice(start).some((p) => p.severity === 'error')
  const broken = { input: false, output: false }
  const sharedStart = problems.length
  if (isObject(data.$defs)) {
    for (const [name, schema] of Object.entries(data.$defs))
      checkRaw(schema, joinPointer('/$defs', name), file)
  }
  const sharedBroken =
    errorAt(sharedStart) ||
    problems.some(
      (p) =>
        p.severity === 'error' &&
        p.file === file &&
        (within(p.pointer, '/contract') || within(p.pointer, '/$defs')),
    )
  for (const side of sides) {
    const raw = data[side]
    if (!isObject(raw) && typeof raw !== 'boolean') continue
    const start = problems.length
    checkRaw(raw, `/${side}`, file, dialects[side])
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
        return session.readDoc(doc, readLimits)
      },
    })
    // Both sides index the same documents: a problem found in a shared one is reported once.
    const seen = new Set(problems.map((p) => JSON.stringify(p)))
    problems.push(...bundle.problems.filter((p) => !seen.has(JSON.stringify(p))))
    for (const [, origin] of bundle.imported) {
      if (origin.file !== file || !origin.pointer.startsWith('/$defs/'))
        checkRaw(origin.raw, origin.pointer, origin.file, origin.dialect)
    }
    bundled[side] = bundle
    if (errorAt(start) || bundle.problems.some((p) => p.severity === 'error')) broken[side] = true
  }
  // Decided once both sides are read: a schema may import a part of the other one.
  const hasOwnError = (side: 'input' | 'output'): boolean => {
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
        parts.some((o) => p.file === o.file && within(p.pointer, o.pointer)),
    )
  }
  for (const side of sides) if (sharedBroken || hasOwnError(side)) broken[side] = true
  const validators: { input?: ValidateFunction; output?: ValidateFunction } = {}
  for (const side of sides) {
    const bundle = bundled[side]
    if (!bundle || broken[side]) continue
    const start = problems.length
    for (const cycle of findRefCycles(bundle.schema)) {
      const origin = bundle.originOf(cycle.pointer)
      error(
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
    if (errorAt(start)) broken[side] = true
  }
  for (const side of sides) {
    const bundle = bundled[side]
    if (!bundle || broken[side]) continue
    const depth = nestingDepth(bundle.schema)
    if (depth > MAX_DEPTH) {
      error(
        `/${side}`,
        'schema.too-deep',
        `the schema nests ${depth} levels deep, and standin compiles at most ${MAX_DEPTH}`,
        'Flatten it: model records are rarely more than a few levels deep.',
      )
      continue
    }
    budget.check(`/${side}`, file)
    try {
      validators[side] = ajv.compile(withoutNullable(bundle.schema) as object)
    } catch (reason) {
      const tooDeep = reason instanceof RangeError
      error(
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
  // Each check below needs only the compiled sides it reads: the hints read both schemas, an
  // example's input needs the input validator and its output the output validator.
  if (bundled.input && bundled.output && validators.input && validators.output) {
    const checkFaker = await fakerChecker(bundled.input.schema, bundled.output.schema)
    for (const side of sides) {
      const bundle = bundled[side] as BundleResult
      problems.push(
        ...checkHints({
          input: bundled.input.schema,
          output: bundled.output.schema,
          side,
          originOf: bundle.originOf,
          checkFaker,
        }),
      )
    }
  }
  checkExamples(data, validators.input, validators.output, problems, file, budget)
  checkPaths(
    data,
    validators.input ? bundled.input?.schema : undefined,
    validators.output ? bundled.output?.schema : undefined,
    error,
  )
  problems.push(...checkEndpoint(data, bundled.input?.schema, file))
  problems.push(...checkChat(data, bundled.output?.schema, file))
  if (isObject(data.endpoint) && data.protocol !== undefined && data.protocol !== 'json') {
    problems.push({
      code: 'contract.ignored-key',
      severity: 'warning',
      file,
      pointer: '/endpoint',
      message: `endpoint is ignored for protocol ${JSON.stringify(data.protocol)}, which uses its standard paths`,
      hint: 'Remove it.',
    })
  }
  // A side the hint checks found an error in is not sound either: lint does not generate from it.
  const compiled = {
    input: validators.input !== undefined && !hasOwnError('input'),
    output: validators.output !== undefined && !hasOwnError('output'),
  }
  if (problems.some((p) => p.severity === 'error') || !validators.input || !validators.output) {
    return result({ bundled, draft, compiled })
  }
  const contract = buildContract(data, {
    draft,
    file,
    input: bundled.input?.schema,
    output: bundled.output?.schema,
    validateInput: validators.input,
    validateOutput: validators.output,
  })
  return result({ bundled, draft, compiled, contract })
}

/** True when `pointer` is `base` or lies under it. */
function within(pointer: string, base: string): boolean {
  return pointer === base || pointer.startsWith(`${base}/`)
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
