import type { Problem, ProblemCode } from '../errors.js'
import type { ContractAnalysis } from '../contract/index.js'
import type { Contract, JsonSchema } from '../contract/index.js'
import type { LoadOptions } from '../contract/index.js'
import { checkGenerable } from './check-generable.js'
import { analyzeContracts } from '../contract/index.js'

/** A check lint runs on every contract that loads (for example: can its output be generated?). */
export type ContractCheck = (contract: Contract) => readonly Problem[] | Promise<readonly Problem[]>

/** Options of `lintContracts`. */
export interface LintOptions extends LoadOptions {
  /** Extra checks run on each contract that loads. */
  readonly checks?: readonly ContractCheck[]
  /**
   * Prove that the stand-in can generate a valid input and output for each contract (default
   * true): an unsatisfiable schema is reported by pointer.
   */
  readonly generate?: boolean
}

/** What lint found in one contract file. */
export interface LintedContract {
  readonly file: string | undefined
  /** The contract's name, when the file has one. */
  readonly name: string | undefined
  readonly problems: readonly Problem[]
  /** The dialect each schema resource was read in (the input and output schemas, then each
   * imported file), for `lint --verbose`: drafts may mix in one contract. */
  readonly dialects: readonly {
    readonly file?: string
    readonly pointer: string
    readonly dialect: string
  }[]
}

/** The result of `lintContracts`. */
export interface LintReport {
  readonly contracts: readonly LintedContract[]
  /** Every problem, file by file, in the order found. */
  readonly problems: readonly Problem[]
  /** Problems that stopped a file from being read at all (missing, unreadable, empty folder). */
  readonly fatal: readonly Problem[]
  readonly errors: number
  readonly warnings: number
}

/**
 * Checks contracts (files or folders) and reports every problem in one pass: what stops a
 * contract from loading (errors) and what a reviewer would ask about (warnings: fields without a
 * description, output objects open to undeclared properties, patterns that can backtrack
 * catastrophically, required output fields no example exercises, ...), and whether the stand-in
 * can generate a valid input and output for each contract (an unsatisfiable schema is an error).
 *
 * @example
 * const report = await lintContracts(['contracts/'])
 * report.errors // 0
 *
 * @throws never for a bad contract: problems are data. Unexpected I/O errors propagate.
 */
export async function lintContracts(
  paths: readonly string[],
  options: LintOptions = {},
): Promise<LintReport> {
  const { analyses, problems: setProblems } = await analyzeContracts(paths, options)
  const checks = [
    ...(options.generate === false ? [] : [checkGenerable]),
    ...(options.checks ?? []),
  ]
  // Loaded here, not at the top: its ReDoS detector is lint-only weight `standin serve` never needs.
  const { reviewContract } = await import('./review-contract.js')
  const contracts: LintedContract[] = []
  for (const analysis of analyses) {
    const problems = [...analysis.problems]
    if (!analysis.fatal) problems.push(...reviewContract(analysis))
    if (analysis.contract) {
      for (const check of checks) problems.push(...(await check(analysis.contract)))
    } else if (options.generate !== false) {
      // The contract has errors, but a schema that compiled can still be proven generable: an
      // unsatisfiable output is reported in the same run as a misspelled key elsewhere.
      problems.push(...proveCompiledSides(analysis))
    }
    const data = analysis.data as { name?: unknown } | undefined
    const name =
      data !== null && typeof data === 'object' && typeof data.name === 'string'
        ? data.name
        : undefined
    const dialects = [analysis.bundled.input, analysis.bundled.output].flatMap(
      (b) => b?.dialects ?? [],
    )
    const seen = new Set<string>()
    contracts.push({
      file: analysis.file,
      name,
      problems: dedupe(problems),
      dialects: dialects.filter((d) => {
        const key = `${d.file ?? ''}#${d.pointer}`
        if (seen.has(key)) return false
        seen.add(key)
        return true
      }),
    })
  }
  for (const problem of setProblems) {
    const owner = contracts.find((c) => c.file === problem.file)
    if (owner) (owner.problems as Problem[]).push(problem)
  }
  const all = [
    ...setProblems.filter((p) => !contracts.some((c) => c.file === p.file)),
    ...contracts.flatMap((c) => c.problems),
  ]
  const fatal = all.filter((p) => FATAL_CODES.has(p.code))
  return {
    contracts,
    problems: all,
    fatal,
    errors: all.filter((p) => p.severity === 'error').length,
    warnings: all.filter((p) => p.severity === 'warning').length,
  }
}

/**
 * Problems that stop a contract from being read at all: lint could not run on it (exit 2), which
 * is not a contract with problems (exit 1). A `registry://` contract the registry did not give
 * (unreachable, a token it wants, an answer that is not a contract, no version in range, an
 * address that is not one) is as unread as a missing file.
 */
const FATAL_CODES: ReadonlySet<string> = new Set<ProblemCode>([
  'contract.not-found',
  'contract.unreadable',
  'registry-client.bad-url',
  'registry-client.unreachable',
  'registry-client.unauthorized',
  'registry-client.forbidden',
  'registry-client.bad-answer',
  'registry-client.no-match',
])

function proveCompiledSides(analysis: ContractAnalysis): readonly Problem[] {
  const sides = (['input', 'output'] as const).filter((side) => analysis.compiled[side])
  const data = analysis.data as { name?: unknown }
  const { input, output } = analysis.bundled
  if (sides.length === 0) return []
  return checkGenerable(
    {
      name: String(data.name),
      file: analysis.file,
      draft: analysis.draft,
      // Only the sides listed are read: a side that did not compile is never generated.
      input: (input?.schema ?? false) as JsonSchema,
      output: (output?.schema ?? false) as JsonSchema,
    },
    sides,
  )
}

function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>()
  return problems.filter((p) => {
    const key = `${p.file ?? ''}#${p.pointer}\u0000${p.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
