/**
 * The case source of `--cases-from FILE`: real inputs instead of generated ones. FILE is a
 * recording (requests whose records break the input schema are skipped and counted: they were
 * the service's mistakes, not inputs to judge the model by), or a dataset of inputs as JSON Lines
 * or CSV, where a record that breaks the input schema is an error naming its row and field.
 * The cases take the place of the generated ones in the plan, so every check runs on them.
 */
import type { Contract } from '../contract/index.js'
import { StandinError } from '../errors.js'
import { noSkips, readInputs, skippedWarning } from '../recording/index.js'
import type { CaseSpec } from './case-spec.js'

/** Options of `realCases`. */
export interface RealCasesOptions {
  /** As the user wrote the path, for messages. */
  readonly shown?: string
  /** Take at most this many records (default: all). */
  readonly limit?: number
  /** Warnings: skipped lines and records. */
  readonly warn?: (message: string) => void
}

/**
 * The cases of a file of real inputs, ids `real:0`, `real:1`, ... in file order.
 *
 * @example
 * const cases = await realCases(contract, 'transactions.csv')
 *
 * @throws {StandinError} `dataset.invalid`, `dataset.empty`, `recording.other-contract`, `recording.unreadable`
 */
export async function realCases(
  contract: Contract,
  file: string,
  options: RealCasesOptions = {},
): Promise<CaseSpec[]> {
  const shown = options.shown ?? file
  const skipped = noSkips()
  const cases: CaseSpec[] = []
  let invalid = 0
  const invalidAt: string[] = []
  for await (const { source, record, recorded } of readInputs(file, contract, { shown, skipped })) {
    if (options.limit !== undefined && cases.length >= options.limit) break
    const problems = contract.validateInput(record)
    if (problems.length > 0) {
      // A recorded request that broke the schema is skipped; a dataset row is an error.
      const first = problems[0]
      if (!recorded || first === undefined)
        throw new StandinError(
          'dataset.invalid',
          `${source}: the record breaks the input schema at ${first?.pointer || '/'}: ${first?.message ?? 'invalid'}. Fix the row, or drop it from the file.`,
        )
      invalid++
      if (invalidAt.length < 10) invalidAt.push(source.slice(source.lastIndexOf(':') + 1))
      continue
    }
    const n = cases.length
    cases.push({
      id: `real:${n}`,
      kind: 'generated',
      description: `real input #${n} (${source})`,
      records: [record],
      expect: 'valid',
    })
  }
  const warning = skippedWarning(shown, skipped)
  if (warning) options.warn?.(warning)
  if (invalid > 0)
    options.warn?.(
      `${shown}: skipped ${invalid} recorded input${invalid === 1 ? '' : 's'} that break the input schema: line${invalidAt.length === 1 ? '' : 's'} ${invalidAt.join(', ')}${invalid > invalidAt.length ? ', ...' : ''}.`,
    )
  if (cases.length === 0)
    throw new StandinError(
      'dataset.empty',
      `${shown}: holds no input record that fits the input schema. Give a recording or a dataset of inputs.`,
    )
  return cases
}
