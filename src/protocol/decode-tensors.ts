/**
 * Open Inference Protocol tensors back to records, for the server (request inputs) and the client
 * (response outputs). Tensor data is row-major; nested data is accepted and flattened, and must
 * hold exactly the product of `shape` elements ("Tensor Data" in the spec).
 *
 * The steps, in order: each tensor's name (`checkName`), datatype (`checkDatatype`), shape and
 * data (`checkData`), batch size, per-record width and elements (`checkElements`); then the
 * missing required tensors; then the records, row by row (`buildRecords`), and the map from a
 * pointer inside a record back into the body (`pointerBack`).
 */
import type { Problem, ProblemCode } from '../errors.js'
import {
  envelopeProblem,
  fail,
  isObject,
  plural,
  setOwn,
  shortJson,
  splitPointer,
  typeName,
} from './protocol-helpers.js'
import {
  datatypeCompatible,
  fitsDatatype,
  tensorDatatypes,
  type TensorSpec,
} from './tensor-specs.js'

/** The most elements standin flattens from one tensor (a guard against absurd shapes). */
const maxElements = 10_000_000
/** The most bad elements listed per tensor. */
const maxBadElements = 10

/** Flattens nested tensor data row-major; undefined when nested deeper than the shape allows. */
function flatten(data: unknown[], depth: number): unknown[] | undefined {
  if (!data.some(Array.isArray)) return data
  if (depth <= 1) return undefined
  const out: unknown[] = []
  for (const item of data) {
    if (Array.isArray(item)) {
      const inner = flatten(item, depth - 1)
      if (!inner) return undefined
      for (const v of inner) out.push(v)
    } else out.push(item)
  }
  return out
}

/** Options of `decodeTensors`. */
export interface DecodeTensorsOptions {
  /** The tensors the model declares, one per field (or the one tensor of a whole record). */
  readonly specs: readonly TensorSpec[]
  /**
   * How a record travels: `fields` (an object record, one tensor per top-level field) or `whole`
   * (a record that is not an object travels as the one tensor).
   */
  readonly record: 'fields' | 'whole'
  /** The pointer of the tensor list in the body: `/inputs` or `/outputs`. */
  readonly at: '/inputs' | '/outputs'
  /** The batch size the list must have (the records sent, for a response), when known. */
  readonly expected?: number
}

/** What decoding tensors gives: one record per batch row, and pointers back into the body. */
export type DecodedTensors =
  | {
      readonly ok: true
      readonly records: unknown[]
      readonly pointer: (index: number, inner: string) => string
    }
  | { readonly ok: false; readonly problems: Problem[] }

/** A tensor checked and located: its spec, its flat data and where it sits in the body. */
interface Located {
  readonly spec: TensorSpec
  readonly index: number
  readonly datatype: string
  readonly flat: unknown[]
  readonly width: number
  readonly nested: boolean
  /** Each record's value travels as JSON text (a BYTES tensor of shape [N] for a list or object). */
  readonly jsonText: boolean
}

/**
 * True when a BYTES tensor carries each record's value as JSON text: a list or an object field in
 * a `[N]` tensor. A list of strings in an `[N, k]` tensor (Triton's string tensors, and what
 * standin sends) carries raw strings, k per record.
 */
function carriesJsonText(spec: TensorSpec, datatype: string, dims: readonly number[]): boolean {
  if (datatype !== 'BYTES' || spec.kind === 'scalar') return false
  return !(spec.kind === 'vector' && spec.datatype === 'BYTES' && dims.length >= 2)
}

/** The state of one decoding: what was found so far. */
interface Decoding {
  readonly options: DecodeTensorsOptions
  readonly side: 'input' | 'output'
  readonly byName: ReadonlyMap<string, TensorSpec>
  readonly problems: Problem[]
  readonly seen: Set<string>
  /** The batch size: `expected`, else the first tensor's rows; -1 until known. */
  batch: number
}

/** The tensor's spec by its name, or a problem (not an object, no name, unknown, twice). */
function checkName(tensor: unknown, here: string, d: Decoding): TensorSpec | undefined {
  if (!isObject(tensor)) {
    d.problems.push(
      envelopeProblem(
        here,
        `a tensor must be an object with name, shape, datatype and data, got ${typeName(tensor)}`,
      ),
    )
    return undefined
  }
  const { name } = tensor
  if (typeof name !== 'string') {
    d.problems.push(
      envelopeProblem(`${here}/name`, `"name" must be a string, got ${typeName(name)}`),
    )
    return undefined
  }
  const spec = d.byName.get(name)
  if (!spec) {
    const known = d.options.specs.map((s) => `"${s.name}"`).join(', ')
    d.problems.push(
      envelopeProblem(
        `${here}/name`,
        `unknown ${d.side} tensor ${shortJson(name, 80)}; the model's ${d.side}s are ${known}`,
        'protocol.tensor-name',
      ),
    )
    return undefined
  }
  if (d.seen.has(name)) {
    d.problems.push(
      envelopeProblem(
        `${here}/name`,
        `tensor ${shortJson(name, 80)} appears twice`,
        'protocol.tensor-name',
      ),
    )
    return undefined
  }
  d.seen.add(name)
  return spec
}

/** True when the datatype is one of the protocol's and can carry the spec's field. */
function checkDatatype(datatype: unknown, spec: TensorSpec, here: string, d: Decoding): boolean {
  if (typeof datatype !== 'string' || !(tensorDatatypes as readonly string[]).includes(datatype)) {
    d.problems.push(
      envelopeProblem(
        `${here}/datatype`,
        `"datatype" must be one of ${tensorDatatypes.join(', ')}, got ${shortJson(datatype, 80)}`,
        'protocol.tensor-datatype',
      ),
    )
    return false
  }
  if (!datatypeCompatible(spec, datatype)) {
    d.problems.push(
      envelopeProblem(
        `${here}/datatype`,
        `tensor "${spec.name}" has datatype ${datatype}, expected ${spec.datatype}`,
        'protocol.tensor-datatype',
      ),
    )
    return false
  }
  return true
}

/** The shape, and the data flattened row-major, when the data holds exactly what the shape says. */
function checkData(
  shape: unknown,
  data: unknown,
  here: string,
  d: Decoding,
): { dims: number[]; flat: unknown[] } | undefined {
  const fail = (
    pointer: string,
    message: string,
    code: ProblemCode = 'protocol.tensor-shape',
  ): undefined => {
    d.problems.push(envelopeProblem(pointer, message, code))
    return undefined
  }
  if (
    !Array.isArray(shape) ||
    shape.length === 0 ||
    !shape.every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0)
  )
    return fail(`${here}/shape`, '"shape" must be a non-empty list of non-negative integers')
  const dims = shape as number[]
  const size = dims.reduce((a, b) => a * b, 1)
  if (!Array.isArray(data))
    return fail(`${here}/data`, `"data" must be a list, got ${typeName(data)}`, 'protocol.envelope')
  if (size > maxElements)
    return fail(
      `${here}/shape`,
      `shape ${shortJson(dims, 80)} holds more than ${maxElements} elements`,
    )
  const flat = flatten(data, dims.length)
  if (!flat)
    return fail(`${here}/data`, `"data" is nested deeper than shape ${shortJson(dims, 80)}`)
  if (flat.length !== size)
    return fail(
      `${here}/data`,
      `"data" holds ${plural(flat.length, 'element')} but shape ${shortJson(dims, 80)} needs ${size}`,
    )
  return { dims, flat }
}

/** True when the tensor's first dimension is the batch size (the first tensor sets it). */
function checkBatch(rows: number, here: string, d: Decoding): boolean {
  if (d.batch === -1) {
    d.batch = rows
    return true
  }
  if (rows === d.batch) return true
  d.problems.push(
    envelopeProblem(
      `${here}/shape/0`,
      d.options.expected === undefined
        ? `batch size ${rows} differs from the first tensor's ${d.batch}`
        : `batch size ${rows}, expected ${d.batch} (one per record)`,
      'protocol.batch-length',
    ),
  )
  return false
}

/** True when each record's share of the tensor has the spec's width and every element fits. */
function checkElements(
  spec: TensorSpec,
  datatype: string,
  dims: readonly number[],
  flat: readonly unknown[],
  here: string,
  d: Decoding,
): boolean {
  const rows = dims[0] as number
  const width = rows === 0 ? 0 : flat.length / rows
  if (spec.kind === 'scalar' && width !== 1) {
    d.problems.push(
      envelopeProblem(
        `${here}/shape`,
        `tensor "${spec.name}" holds one value per record: shape must be [N] or [N, 1], got ${shortJson(dims, 80)}`,
        'protocol.tensor-shape',
      ),
    )
    return false
  }
  if (carriesJsonText(spec, datatype, dims) && width !== 1) {
    d.problems.push(
      envelopeProblem(
        `${here}/shape`,
        `a BYTES tensor "${spec.name}" holds one JSON text per record: shape must be [N]${spec.kind === 'vector' && spec.datatype === 'BYTES' ? ', or [N, k] for k strings per record' : ''}, got ${shortJson(dims, 80)}`,
        'protocol.tensor-shape',
      ),
    )
    return false
  }
  let bad = 0
  for (let j = 0; j < flat.length && bad < maxBadElements; j++) {
    if (fitsDatatype(flat[j], datatype)) continue
    bad++
    d.problems.push(
      envelopeProblem(
        `${here}/data/${j}`,
        `${typeName(flat[j])} is not a ${datatype} element`,
        'protocol.tensor-datatype',
      ),
    )
  }
  return bad === 0
}

/** Checks one tensor of the list; located when every rule holds. */
function checkTensor(tensor: unknown, index: number, d: Decoding): Located | undefined {
  const here = `${d.options.at}/${index}`
  const spec = checkName(tensor, here, d)
  if (!spec) return undefined
  const { shape, datatype, data } = tensor as Record<string, unknown>
  const typed = checkDatatype(datatype, spec, here, d)
  const checked = checkData(shape, data, here, d)
  if (!checked) return undefined
  const { dims, flat } = checked
  const rows = dims[0] as number
  if (!checkBatch(rows, here, d) || !typed) return undefined
  if (!checkElements(spec, datatype as string, dims, flat, here, d)) return undefined
  const width = rows === 0 ? 0 : flat.length / rows
  const jsonText = carriesJsonText(spec, datatype as string, dims)
  return { spec, index, datatype: datatype as string, flat, width, nested: flat !== data, jsonText }
}

/** The value tensor `t` holds for record `j` (`null` for a missing optional field). */
function valueAt(t: Located, j: number, at: string, problems: Problem[]): unknown {
  if (t.jsonText) {
    const raw = t.flat[j]
    if (raw === null) return null
    try {
      return JSON.parse(raw as string) as unknown
    } catch {
      problems.push(
        envelopeProblem(
          `${at}/${t.index}/data/${j}`,
          `tensor "${t.spec.name}" element ${j} is not JSON text`,
          'protocol.tensor-datatype',
        ),
      )
      return null
    }
  }
  if (t.spec.kind === 'vector') return t.flat.slice(j * t.width, (j + 1) * t.width)
  return t.flat[j]
}

/** The records, one per batch row: an object of the tensors' fields, or the whole tensor's value. */
function buildRecords(located: readonly Located[], n: number, d: Decoding): unknown[] {
  const whole = d.options.record === 'whole'
  const records: unknown[] = []
  for (let j = 0; j < n; j++) {
    const record: Record<string, unknown> = {}
    let wholeValue: unknown = null
    for (const t of located) {
      const value = valueAt(t, j, d.options.at, d.problems)
      if (value === null) continue
      if (whole) wholeValue = value
      else setOwn(record, t.spec.name, value)
    }
    records.push(whole ? wholeValue : record)
  }
  return records
}

/** Maps a pointer inside record `j` to the element of the body that carried it. */
function pointerBack(
  located: readonly Located[],
  options: DecodeTensorsOptions,
): (j: number, inner: string) => string {
  const { at } = options
  const whole = options.record === 'whole'
  const byField = new Map(located.map((t) => [t.spec.name, t]))
  return (j, inner) => {
    const t = whole ? located[0] : byField.get(splitPointer(inner).head)
    if (!t) return at
    const rest = whole ? inner : splitPointer(inner).rest
    if (t.spec.kind === 'vector' && !t.jsonText && rest !== '') {
      const { head, rest: deeper } = splitPointer(rest)
      const m = Number(head)
      if (Number.isInteger(m))
        return t.nested
          ? `${at}/${t.index}/data/${j}/${m}${deeper}`
          : `${at}/${t.index}/data/${j * t.width + m}${deeper}`
    }
    return `${at}/${t.index}/data/${j}`
  }
}

/**
 * Decodes a tensor list into records, checking names, datatypes, shapes against data, one batch
 * size, and `expected` rows when given. Every problem points into the body.
 *
 * @example
 * decodeTensors([{ name: 'x', shape: [2], datatype: 'FP64', data: [1, 2] }], { specs, record: 'fields', at: '/inputs' })
 * // { ok: true, records: [{ x: 1 }, { x: 2 }], pointer }
 */
export function decodeTensors(list: unknown, options: DecodeTensorsOptions): DecodedTensors {
  const { at, specs } = options
  const side = at === '/inputs' ? 'input' : 'output'
  if (!Array.isArray(list))
    return fail(at, `"${at.slice(1)}" must be a list of tensors, got ${typeName(list)}`)
  if (list.length === 0)
    return fail(at, `"${at.slice(1)}" is empty; send one tensor per ${side} field`)
  const d: Decoding = {
    options,
    side,
    byName: new Map(specs.map((s) => [s.name, s])),
    problems: [],
    seen: new Set(),
    batch: options.expected ?? -1,
  }
  const located = list.flatMap((tensor: unknown, index) => checkTensor(tensor, index, d) ?? [])
  for (const spec of specs)
    if (spec.required && !d.seen.has(spec.name))
      d.problems.push(
        envelopeProblem(at, `missing ${side} tensor "${spec.name}"`, 'protocol.tensor-missing'),
      )
  if (d.problems.length > 0) return { ok: false, problems: d.problems }
  const records = buildRecords(located, d.batch === -1 ? 0 : d.batch, d)
  if (d.problems.length > 0) return { ok: false, problems: d.problems }
  return { ok: true, records, pointer: pointerBack(located, options) }
}
