/**
 * An MLflow model's input example as contract examples: the serving example
 * (`serving_input_example.json`: one of `dataframe_split`, `dataframe_records`, `instances`,
 * `inputs`) when the model has one, else the input example (a split or records data frame, an
 * ndarray's `inputs`, or a JSON object). Each record that fits the input schema becomes one
 * example; one that does not is noted and left out.
 */
import { join } from 'node:path'
import type { Contract } from '../contract/index.js'
import { readDataFile } from '../contract/index.js'
import { isObject } from '../json/index.js'
import type { NoteBook } from './import-result.js'

/** At most this many example records are kept (the rest repeat what they show). */
const MAX_EXAMPLES = 5

/** The files the MLmodel names for its examples, serving form first (relative to its folder). */
export function exampleFiles(model: Record<string, unknown>): string[] {
  const info = isObject(model.saved_input_example_info)
    ? model.saved_input_example_info
    : isObject(model.input_example)
      ? model.input_example
      : undefined
  if (!info) return []
  const files: string[] = []
  if (typeof info.serving_input_path === 'string') files.push(info.serving_input_path)
  if (typeof info.artifact_path === 'string') files.push(info.artifact_path)
  return files
}

/** Columns (`{name: [v, ...]}`) zipped into records, when every column is a list of one length. */
function zipColumns(columns: Record<string, unknown>): unknown[] | undefined {
  const lists = Object.values(columns)
  if (lists.length === 0 || !lists.every(Array.isArray)) return undefined
  const length = (lists[0] as unknown[]).length
  if (!lists.every((l) => (l as unknown[]).length === length)) return undefined
  return Array.from({ length }, (_, i) =>
    Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, (v as unknown[])[i]])),
  )
}

function splitFrame(frame: Record<string, unknown>): unknown[] | undefined {
  const columns: unknown = frame.columns
  const data: unknown = frame.data
  if (!Array.isArray(columns) || !Array.isArray(data)) return undefined
  return (data as unknown[]).map((row): unknown =>
    Array.isArray(row)
      ? Object.fromEntries((columns as unknown[]).map((c, i) => [String(c), (row as unknown[])[i]]))
      : row,
  )
}

/** Every reading of an example file as a list of records, most literal first. */
function readings(data: unknown): unknown[][] {
  if (Array.isArray(data)) return [data]
  if (!isObject(data)) return [[data]]
  const out: unknown[][] = []
  if (isObject(data.dataframe_split)) out.push(splitFrame(data.dataframe_split) ?? [])
  if (Array.isArray(data.dataframe_records)) out.push(data.dataframe_records)
  if (Array.isArray(data.instances)) out.push(data.instances)
  if (Array.isArray(data.inputs)) out.push(data.inputs)
  if (isObject(data.inputs)) out.push([data.inputs], zipColumns(data.inputs) ?? [])
  const frame = splitFrame(data)
  if (frame) out.push(frame)
  out.push([data], zipColumns(data) ?? [])
  return out.filter((records) => records.length > 0)
}

/**
 * The contract examples of an MLflow model: its example records that fit the contract's input.
 * `folder` is the model folder, `shown` the same as the user sees it.
 */
export async function mlflowExamples(
  model: Record<string, unknown>,
  folder: string,
  shown: string,
  contract: Contract,
  book: NoteBook,
): Promise<{ name: string; input: unknown }[]> {
  for (const file of exampleFiles(model)) {
    const read = await readDataFile(join(folder, file), join(shown, file))
    if (!read.ok) {
      book.add(
        '/input',
        `the MLmodel names the input example ${file}, which could not be read (${read.problems[0]?.message ?? 'unreadable'})`,
      )
      continue
    }
    const candidates = readings(read.data)
    const fitting = candidates.find((records) =>
      records.every((r) => contract.validateInput(r).length === 0),
    )
    if (!fitting) {
      const first = contract.validateInput(candidates[0]?.[0])[0]
      book.add(
        '/input',
        `the input example ${file} does not fit the signature${first ? ` (${first.pointer || '/'}: ${first.message})` : ''}, so it is not an example here`,
      )
      continue
    }
    if (fitting.length > MAX_EXAMPLES)
      book.add(
        '/input',
        `the input example ${file} holds ${fitting.length} records; the first ${MAX_EXAMPLES} are examples here`,
      )
    return fitting.slice(0, MAX_EXAMPLES).map((input, i) => ({
      name: i === 0 ? 'input-example' : `input-example-${i + 1}`,
      input,
    }))
  }
  return []
}
