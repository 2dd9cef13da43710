/**
 * Reads, checks and compiles one contract, gathering every problem instead of stopping at the
 * first. `loadContract` throws when an error is among them; `standin lint` prints them all.
 */
import type { ProblemCode } from '../errors.js'
import { resolve } from 'node:path'
import type { Problem } from '../errors.js'
import { buildContract } from './build-contract.js'
import type { BundleResult } from './bundle-schema.js'
import { checkChat } from './check-chat.js'
import { checkEndpoint } from './check-endpoint.js'
import { checkExamples } from './check-examples.js'
import { checkHints } from './check-hints.js'
import { checkPaths } from './check-paths.js'
import type { Contract, SchemaDraft } from './contract-types.js'
import { detectDraft } from './detect-draft.js'
import type { LoadOptions } from './load-options.js'
import type { LoadSession } from './load-session.js'
import { readDataFile } from './read-data-file.js'
import { isRegistrySource, readRegistryContract } from './registry-source.js'
import { toJsonData } from '../json/index.js'
import { BudgetExceeded, createBudget } from './work-budget.js'
import type { WorkBudget } from './work-budget.js'
import { isObject, typeName } from '../json/index.js'
import { formatProblems } from './translate-ajv-errors.js'
import { SIDES, analyzeSides } from './analyze-sides.js'
import type { Bundled, CheckFaker, SidesRun, Validators } from './analyze-sides.js'

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
  if (typeof source === 'string' && isRegistrySource(source)) {
    // Fetched before the time budget starts: a slow registry is not a slow contract.
    const read = await readRegistryContract(source, options.registry ?? {})
    if (!read.ok) return { ...unread(source, read.problems), fatal: true }
    // A published contract stands alone: a `$ref` to a file may reach no further than its cache.
    return analyzeContract(read.data as object, {
      ...options,
      file: source,
      cwd: read.folder,
      root: read.folder,
    })
  }
  const budget = createBudget(options.budgetMs)
  const file = typeof source === 'string' ? (options.file ?? source) : options.file
  const failed = (
    problems: readonly Problem[],
    fatal: boolean,
    data?: unknown,
  ): ContractAnalysis => ({ ...unread(file, problems, data), fatal })
  try {
    let raw: unknown = source
    let path: string | undefined
    if (typeof source === 'string') {
      path = resolve(options.cwd, source)
      options.onFileRead?.(path)
      const read = await readDataFile(path, file ?? source, {
        named: true,
        parsedCacheDir: options.parsedCacheDir,
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

/** The analysis of a contract that could not be read or parsed. */
function unread(
  file: string | undefined,
  problems: readonly Problem[],
  data?: unknown,
): ContractAnalysis {
  return {
    file,
    data,
    contract: undefined,
    problems,
    fatal: false,
    bundled: {},
    draft: '2020-12',
    compiled: { input: false, output: false },
  }
}

/** What `analyzeContract` needs: the load options and the session shared by one load. */
export interface AnalyzeOptions extends LoadOptions {
  readonly cwd: string
  readonly session: LoadSession
  /** The file as the user named it, when it differs from the path given (or for an object). */
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
  const result = (extra: Partial<ContractAnalysis> = {}): ContractAnalysis => ({
    ...unread(file, problems, data),
    ...extra,
  })
  const error = (pointer: string, code: ProblemCode, message: string, hint: string): void => {
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
  const run: SidesRun = { data, file, path, options, budget, problems, error, draft, dialects }
  const { bundled, validators, hasOwnError } = await analyzeSides(run)
  checkCompiled(run, bundled, validators)
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
    ...(validators.ajv ? { ajv: validators.ajv } : {}),
    ...(validators.compile ? { compile: validators.compile } : {}),
  })
  return result({ bundled, draft, compiled, contract })
}

/**
 * The checks that need compiled sides, each reading only what it needs: the hints read both
 * schemas, an example's input needs the input validator and its output the output validator.
 */
function checkCompiled(run: SidesRun, bundled: Bundled, validators: Validators): void {
  const { data, file, problems } = run
  if (bundled.input && bundled.output && validators.input && validators.output) {
    const { input, output } = bundled
    for (const side of SIDES) {
      problems.push(
        ...checkHints({
          input: input.schema,
          output: output.schema,
          side,
          originOf: (side === 'input' ? input : output).originOf,
          checkFaker: run.checkFaker as CheckFaker,
        }),
      )
    }
  }
  checkExamples(data, validators.input, validators.output, problems, file, run.budget)
  checkPaths(
    data,
    validators.input ? bundled.input?.schema : undefined,
    validators.output ? bundled.output?.schema : undefined,
    run.error,
  )
  problems.push(...checkEndpoint(data, bundled.input?.schema, file))
  problems.push(...checkChat(data, bundled.output?.schema, file))
  problems.push(...ignoredEndpointKeys(data, file))
}

/** Which protocols read each endpoint key; the others ignore it. */
const endpointKeyProtocols: Readonly<Record<string, readonly string[]>> = {
  method: ['json'],
  path: ['json'],
  batch: ['json'],
  model: ['kserve-v2', 'v1'],
  version: ['kserve-v2'],
}

/** A warning for each endpoint key the contract's protocol does not read. */
function ignoredEndpointKeys(data: Record<string, unknown>, file: string | undefined): Problem[] {
  if (!isObject(data.endpoint)) return []
  const protocol = typeof data.protocol === 'string' ? data.protocol : 'json'
  return Object.keys(data.endpoint)
    .filter((key) => endpointKeyProtocols[key]?.includes(protocol) === false)
    .map((key) => ({
      code: 'contract.ignored-key' as const,
      severity: 'warning' as const,
      file,
      pointer: `/endpoint/${key}`,
      message: `endpoint.${key} is ignored for protocol ${JSON.stringify(protocol)}: only ${(endpointKeyProtocols[key] ?? []).join(' and ')} ${endpointKeyProtocols[key]?.length === 1 ? 'reads' : 'read'} it`,
      hint: 'Remove it.',
    }))
}
