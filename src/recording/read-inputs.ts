/**
 * Real inputs as test cases (`verify --cases-from`, `compare --inputs`): a recording (its
 * requests' input records), JSON Lines of input records, or a CSV table whose columns name input
 * fields (`amount`, or `merchant.mcc` for a nested one). CSV cells are coerced to the type the
 * input schema gives the field, and a cell that does not fit is an error naming its row and
 * column. Every format is read as a stream.
 */
import { createReadStream } from 'node:fs'
import { extname } from 'node:path'
import { parse } from 'csv-parse'
import type { Contract } from '../contract/index.js'
import { StandinError } from '../errors.js'
import { isObject, parsePointer, setOwn } from '../json/index.js'
import { jsonLines } from './json-lines.js'
import { checkHeader, skipLine } from './read-recording.js'
import type { SkippedLines } from './read-recording.js'
import { isRecordingHeader, looksLikeExchange } from './recording-types.js'
import { schemaFields } from './schema-fields.js'
import type { SchemaField } from './schema-fields.js'

/** One input record and where it came from. */
export interface InputRow {
  /** `traffic.jsonl:12` or `transactions.csv row 3`. */
  readonly source: string
  readonly record: unknown
  /** True when the record came from a recorded request (not a dataset row). */
  readonly recorded: boolean
}

/** The kinds of input file. */
export type InputFormat = 'csv' | 'jsonl'

/** `csv` for a `.csv` or `.tsv` file, else `jsonl` (records or a recording). */
export function inputFormat(file: string): InputFormat {
  const ext = extname(file).toLowerCase()
  return ext === '.csv' || ext === '.tsv' ? 'csv' : 'jsonl'
}

function datasetError(message: string): StandinError {
  return new StandinError('dataset.invalid', message)
}

/** The input field a column names: `amount` -> `/amount`, `merchant.mcc` -> `/merchant/mcc`. */
function columnField(
  file: string,
  column: string,
  fields: ReadonlyMap<string, SchemaField>,
): SchemaField {
  const pointer = column.startsWith('/') ? column : `/${column.split('.').join('/')}`
  const field = fields.get(pointer)
  if (!field)
    throw datasetError(
      `${file}: column "${column}" is not a field of the input schema (fields: ${[...fields.keys()].map((p) => p.slice(1).replace(/\//g, '.')).join(', ')}). Rename the column or drop it.`,
    )
  return field
}

function coerce(
  cell: string,
  field: SchemaField,
): { ok: true; value: unknown } | { ok: false; want: string } {
  const types = field.types
  if ((types.includes('number') || types.includes('integer')) && cell.trim() !== '') {
    const n = Number(cell.trim())
    if (
      Number.isFinite(n) &&
      (!types.includes('integer') || types.includes('number') || Number.isInteger(n))
    )
      return { ok: true, value: n }
    if (!types.includes('string'))
      return { ok: false, want: types.includes('number') ? 'a number' : 'an integer' }
  }
  if (types.includes('boolean')) {
    const t = cell.trim().toLowerCase()
    if (t === 'true' || t === '1') return { ok: true, value: true }
    if (t === 'false' || t === '0') return { ok: true, value: false }
    if (!types.includes('string')) return { ok: false, want: 'true or false' }
  }
  if (types.includes('null') && cell === '') return { ok: true, value: null }
  if (types.includes('string') || types.length === 0) return { ok: true, value: cell }
  return { ok: false, want: types.join(' or ') }
}

function setAt(record: Record<string, unknown>, pointer: string, value: unknown): void {
  const keys = parsePointer(pointer) ?? []
  let at = record
  for (const key of keys.slice(0, -1)) {
    const next = Object.hasOwn(at, key) ? at[key] : undefined
    if (isObject(next)) at = next
    else {
      const made: Record<string, unknown> = {}
      setOwn(at, key, made)
      at = made
    }
  }
  setOwn(at, keys[keys.length - 1] ?? '', value)
}

async function* csvRows(file: string, shown: string, contract: Contract): AsyncGenerator<InputRow> {
  const fields = new Map(schemaFields(contract.input).map((f) => [f.pointer, f]))
  const parser = createReadStream(file).pipe(
    parse({
      delimiter: extname(file).toLowerCase() === '.tsv' ? '\t' : ',',
      bom: true,
      relax_column_count: false,
      skip_empty_lines: true,
    }),
  )
  let columns: { name: string; field: SchemaField }[] | undefined
  let row = 0
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      if (!columns) {
        columns = cells.map((name) => ({ name, field: columnField(shown, name.trim(), fields) }))
        continue
      }
      row++
      const record: Record<string, unknown> = {}
      cells.forEach((cell, i) => {
        const column = columns?.[i]
        if (!column || cell === '') return
        const coerced = coerce(cell, column.field)
        if (!coerced.ok)
          throw datasetError(
            `${shown} row ${row} (line ${row + 1}), column "${column.name}": ${JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}...` : cell)} is not ${coerced.want}, as the input schema wants at ${column.field.pointer}. Fix the cell, or map the column to another field.`,
          )
        setAt(record, column.field.pointer, coerced.value)
      })
      yield { source: `${shown} row ${row}`, record, recorded: false }
    }
  } catch (error) {
    if (error instanceof StandinError) throw error
    const e = error as { code?: string; lines?: number; message: string }
    throw datasetError(
      `${shown}${e.lines !== undefined ? `:${e.lines}` : ''}: not a CSV table (${e.message}). Give a CSV file with a header row of input field names.`,
    )
  }
}

async function* jsonlRows(
  file: string,
  shown: string,
  skipped: SkippedLines | undefined,
  contract: Contract,
): AsyncGenerator<InputRow> {
  // Recordings and plain records share the reader: a recorded exchange gives its inputs, any
  // other JSON value (not a header) is one input record.
  for await (const { line: n, value, json } of jsonLines(
    createReadStream(file, { highWaterMark: 1024 * 1024 }),
  )) {
    if (!json) {
      skipLine(skipped, n)
      continue
    }
    if (isRecordingHeader(value)) {
      checkHeader(shown, n, value, contract)
      continue
    }
    if (looksLikeExchange(value)) {
      for (const [i, record] of (value.inputs ?? []).entries())
        yield {
          source: `${shown}:${n}${(value.inputs?.length ?? 0) > 1 ? `#${i}` : ''}`,
          record,
          recorded: true,
        }
      continue
    }
    yield { source: `${shown}:${n}`, record: value, recorded: false }
  }
}

/**
 * The input records of `file`, one at a time.
 *
 * @example
 * for await (const { source, record } of readInputs('transactions.csv', contract)) cases.push(record)
 *
 * @throws {StandinError} `dataset.invalid` (a cell or column that does not fit, not CSV),
 * `recording.other-contract`, `recording.unreadable`
 */
export async function* readInputs(
  file: string,
  contract: Contract,
  options: { readonly shown?: string; readonly skipped?: SkippedLines } = {},
): AsyncGenerator<InputRow> {
  const shown = options.shown ?? file
  try {
    const { stat } = await import('node:fs/promises')
    if (!(await stat(file)).isFile()) throw new Error('not a file')
  } catch {
    throw new StandinError('recording.unreadable', `${shown}: cannot be read. Check the path.`)
  }
  if (inputFormat(file) === 'csv') yield* csvRows(file, shown, contract)
  else yield* jsonlRows(file, shown, options.skipped, contract)
}
