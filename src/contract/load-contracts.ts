import { resolve } from 'node:path'
import type { Problem } from '../errors.js'
import { analyzeContract } from './analyze-contract.js'
import type { ContractAnalysis } from './analyze-contract.js'
import { ContractError } from './contract-error.js'
import type { Contract } from './contract-types.js'
import { findContractFiles } from './find-contract-files.js'
import type { LoadOptions } from './load-options.js'
import { createLoadSession } from './load-session.js'

/**
 * Analyses every contract named by `paths` (files, or folders of `*.contract.{yaml,yml,json}`),
 * gathering every problem, including duplicate names. Used by `loadContracts` and `standin lint`.
 *
 * @example
 * const { analyses } = await analyzeContracts(['contracts/'])
 *
 * @throws never for a bad contract: problems are data.
 */
export async function analyzeContracts(
  paths: readonly string[],
  options: LoadOptions = {},
): Promise<{ analyses: ContractAnalysis[]; problems: Problem[] }> {
  const cwd = options.cwd ?? process.cwd()
  const { files, problems } = await findContractFiles(paths, cwd)
  const session = createLoadSession(options.onFileRead)
  const analyses: ContractAnalysis[] = []
  const seen = new Set<string>()
  for (const file of files) {
    const absolute = resolve(cwd, file)
    if (seen.has(absolute)) continue
    seen.add(absolute)
    analyses.push(await analyzeContract(file, { ...options, cwd, session }))
  }
  const byName = new Map<string, string | undefined>()
  for (const analysis of analyses) {
    const data = analysis.data as { name?: unknown } | undefined
    const name = data && typeof data === 'object' ? data.name : undefined
    if (typeof name !== 'string') continue
    if (byName.has(name)) {
      problems.push({
        code: 'contract.duplicate-name',
        severity: 'error',
        file: analysis.file,
        pointer: '/name',
        message: `the name "${name}" is also used by ${byName.get(name) ?? 'another contract'}`,
        hint: 'Give each contract in a folder its own name.',
      })
    } else byName.set(name, analysis.file)
  }
  return { analyses, problems }
}

/**
 * Loads every contract named by `paths`: files, or folders (every `*.contract.{yaml,yml,json}`
 * in them). Names must be unique. Every problem of every file is reported at once.
 *
 * @example
 * const contracts = await loadContracts(['contracts/'])
 * contracts.map((c) => c.name) // ['fuel-consumption', 'news-signals', 'ticket-router', 'transaction-classifier']
 *
 * @throws {ContractError} `contract.not-found`, `contract.unreadable` or `contract.invalid`
 * (including `contract.duplicate-name` problems).
 */
export async function loadContracts(
  paths: readonly string[],
  options: LoadOptions = {},
): Promise<Contract[]> {
  const { analyses, problems } = await analyzeContracts(paths, options)
  const all = [...problems, ...analyses.flatMap((a) => a.problems)]
  const contracts = analyses.map((a) => a.contract)
  if (all.some((p) => p.severity === 'error') || contracts.some((c) => c === undefined)) {
    throw new ContractError(all)
  }
  return contracts as Contract[]
}
