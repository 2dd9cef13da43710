/**
 * The case source of `--cases-from FILE`: real inputs instead of generated ones. FILE is a
 * recording (requests whose records break the input schema are skipped and counted: they were
 * the service's mistakes, not inputs to judge the model by), or a dataset of inputs as JSON Lines
 * or CSV, where a record that breaks the input schema is an error naming its row and field.
 * The first rows (all, `--cases` of them, or `loadSampleRows` with `--load`) take the place of
 * the generated inputs in the plan, so every check runs on them; the load stage streams every row
 * again through `realInputs`, one at a time.
 */
import type { Contract } from '../contract/index.js'
import { StandinError } from '../errors.js'
import { noSkips, readInputs, skippedWarning } from '../recording/index.js'
import type { SkippedLines } from '../recording/index.js'
import type { CaseSpec } from './case-spec.js'

/**
 * The rows the functional checks take by default when `--load` streams the whole file: every
 * case's result is kept for the report, so a million-row table is checked on its first rows and
 * loaded in full.
 */
export const loadSampleRows = 1000

/** What a read of real inputs skipped, for the warnings. */
export interface RealSkips {
  /** Lines that are not JSON, or not recorded exchanges. */
  readonly lines: SkippedLines
  /** Recorded inputs that break the input schema... */
  invalid: number
  /** ...and the first 10 of their line numbers. */
  readonly invalidAt: string[]
}

/** Nothing skipped yet. */
export function noRealSkips(): RealSkips {
  return { lines: noSkips(), invalid: 0, invalidAt: [] }
}

/** The warnings for what a read skipped (none when it skipped nothing). */
export function realSkipWarnings(shown: string, skips: RealSkips): string[] {
  const out: string[] = []
  const lines = skippedWarning(shown, skips.lines)
  if (lines) out.push(lines)
  const { invalid, invalidAt } = skips
  if (invalid > 0)
    out.push(
      `${shown}: skipped ${invalid} recorded input${invalid === 1 ? '' : 's'} that break the input schema: line${invalidAt.length === 1 ? '' : 's'} ${invalidAt.join(', ')}${invalid > invalidAt.length ? ', ...' : ''}.`,
    )
  return out
}

/** Options of `realInputs` and `realCases`. */
export interface RealInputsOptions {
  /** As the user wrote the path, for messages. */
  readonly shown?: string
  /** Filled with what was skipped. */
  readonly skips?: RealSkips
}

/**
 * The real inputs of a file as cases, ids `real:0`, `real:1`, ... in file order, read one at a
 * time as the caller pulls them (the streamed load sends every row of a large file this way).
 *
 * @example
 * for await (const spec of realInputs(contract, 'transactions.csv')) send(spec)
 *
 * @throws {StandinError} `dataset.invalid` (a dataset row that breaks the input schema, or a cell
 * that does not fit), `recording.other-contract`, `recording.unreadable`
 */
export async function* realInputs(
  contract: Contract,
  file: string,
  options: RealInputsOptions = {},
): AsyncGenerator<CaseSpec> {
  const shown = options.shown ?? file
  const skips = options.skips ?? noRealSkips()
  let n = 0
  for await (const { source, record, recorded } of readInputs(file, contract, {
    shown,
    skipped: skips.lines,
  })) {
    const problems = contract.validateInput(record)
    if (problems.length > 0) {
      // A recorded request that broke the schema is skipped; a dataset row is an error.
      const first = problems[0]
      if (!recorded || first === undefined)
        throw new StandinError(
          'dataset.invalid',
          `${source}: the record breaks the input schema at ${first?.pointer || '/'}: ${first?.message ?? 'invalid'}. Fix the row, or drop it from the file.`,
        )
      skips.invalid++
      if (skips.invalidAt.length < 10)
        skips.invalidAt.push(source.slice(source.lastIndexOf(':') + 1))
      continue
    }
    yield {
      id: `real:${n}`,
      kind: 'generated',
      description: `real input #${n} (${source})`,
      records: [record],
      expect: 'valid',
    }
    n++
  }
}

/** Options of `realCases`. */
export interface RealCasesOptions extends RealInputsOptions {
  /** Take the first this many records (default: all). */
  readonly limit?: number
}

/**
 * The first `limit` real inputs of a file as cases (all of them by default).
 *
 * @example
 * const cases = await realCases(contract, 'transactions.csv', { limit: 1000 })
 *
 * @throws {StandinError} `dataset.invalid`, `dataset.empty`, `recording.other-contract`, `recording.unreadable`
 */
export async function realCases(
  contract: Contract,
  file: string,
  options: RealCasesOptions = {},
): Promise<CaseSpec[]> {
  const cases: CaseSpec[] = []
  const limit = options.limit ?? Infinity
  if (limit > 0)
    for await (const spec of realInputs(contract, file, options)) {
      cases.push(spec)
      if (cases.length >= limit) break
    }
  if (cases.length === 0)
    throw new StandinError(
      'dataset.empty',
      `${options.shown ?? file}: holds no input record that fits the input schema. Give a recording or a dataset of inputs.`,
    )
  return cases
}

/** The real inputs of a run: the sample the checks take, and every row for the load. */
export interface RealRun {
  /** The file as the user wrote it. */
  readonly shown: string
  readonly sample: readonly CaseSpec[]
  /** Every row, read again from the start of the file each time it is iterated. */
  readonly rows: AsyncIterable<CaseSpec>
  /** What was skipped, as warnings: over the whole file when `rows` was read to its end. */
  readonly warnings: () => string[]
}

/**
 * Reads the sample of `file` (its first `limit` rows; all by default) and gives the stream of
 * every row beside it.
 *
 * @throws {StandinError} as `realCases`
 */
export async function realRun(
  contract: Contract,
  from: { readonly file: string; readonly shown: string },
  limit?: number,
): Promise<RealRun> {
  const sampled = noRealSkips()
  const sample = await realCases(contract, from.file, {
    shown: from.shown,
    skips: sampled,
    ...(limit !== undefined ? { limit } : {}),
  })
  let streamed: RealSkips | undefined
  const rows: AsyncIterable<CaseSpec> = {
    [Symbol.asyncIterator]: () => {
      const skips = noRealSkips()
      const read = realInputs(contract, from.file, { shown: from.shown, skips })
      return (async function* () {
        yield* read
        streamed = skips
      })()
    },
  }
  return {
    shown: from.shown,
    sample,
    rows,
    warnings: () => realSkipWarnings(from.shown, streamed ?? sampled),
  }
}
