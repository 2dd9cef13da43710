/**
 * Open Inference Protocol tensors back to records, for the server (request inputs) and the client
 * (response outputs). Tensor data is row-major; nested data is accepted and flattened, and must
 * hold exactly the product of `shape` elements ("Tensor Data" in the spec).
 */
import type { Problem } from '../errors.js'
import {
  envelopeProblem,
  plural,
  setOwn,
  splitPointer,
  typeName,
  isObject,
} from './protocol-helpers.js'
import {
  datatypeCompatible,
  fitsDatatype,
  tensorDatatypes,
  type TensorSpec,
} from './tensor-specs.js'

/** The most elements standin flattens from one tensor (a guard against absurd shapes). */
const maxElements = 10_000_000
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

/** A tensor checked and located: its spec, its flat data and where it sits in the body. */
interface Located {
  readonly spec: TensorSpec
  readonly index: number
  readonly datatype: string
  readonly flat: unknown[]
  readonly width: number
  readonly nested: boolean
}

/** What decoding tensors gives: one record per batch row, and pointers back into the body. */
export type DecodedTensors =
  | {
      readonly ok: true
      readonly records: unknown[]
      readonly pointer: (index: number, inner: string) => string
    }
  | { readonly ok: false; readonly problems: Problem[] }

/**
 * Decodes a tensor list (`at` is its pointer, `/inputs` or `/outputs`) into records, checking
 * names, datatypes, shapes against data, one batch size, and `expected` rows when given.
 */
export function decodeTensors(
  list: unknown,
  specs: readonly TensorSpec[],
  whole: boolean,
  at: string,
  expected?: number,
): DecodedTensors {
  const side = at === '/inputs' ? 'input' : 'output'
  if (!Array.isArray(list))
    return failed(at, `"${at.slice(1)}" must be a list of tensors, got ${typeName(list)}`)
  if (list.length === 0)
    return failed(at, `"${at.slice(1)}" is empty; send one tensor per ${side} field`)
  const byName = new Map(specs.map((s) => [s.name, s]))
  const problems: Problem[] = []
  const located: Located[] = []
  const seen = new Set<string>()
  let batch = expected ?? -1
  list.forEach((tensor: unknown, index) => {
    const here = `${at}/${index}`
    if (!isObject(tensor)) {
      problems.push(
        envelopeProblem(
          here,
          `a tensor must be an object with name, shape, datatype and data, got ${typeName(tensor)}`,
        ),
      )
      return
    }
    const { name, shape, datatype, data } = tensor
    const spec = typeof name === 'string' ? byName.get(name) : undefined
    if (typeof name !== 'string') {
      problems.push(
        envelopeProblem(`${here}/name`, `"name" must be a string, got ${typeName(name)}`),
      )
      return
    }
    if (!spec) {
      problems.push(
        envelopeProblem(
          `${here}/name`,
          `unknown ${side} tensor "${name}"; the model's ${side}s are ${specs.map((s) => `"${s.name}"`).join(', ')}`,
          'protocol.tensor-name',
        ),
      )
      return
    }
    if (seen.has(name)) {
      problems.push(
        envelopeProblem(`${here}/name`, `tensor "${name}" appears twice`, 'protocol.tensor-name'),
      )
      return
    }
    seen.add(name)
    let ok = true
    if (
      typeof datatype !== 'string' ||
      !(tensorDatatypes as readonly string[]).includes(datatype)
    ) {
      problems.push(
        envelopeProblem(
          `${here}/datatype`,
          `"datatype" must be one of ${tensorDatatypes.join(', ')}, got ${JSON.stringify(datatype) ?? 'nothing'}`,
          'protocol.tensor-datatype',
        ),
      )
      ok = false
    } else if (!datatypeCompatible(spec, datatype)) {
      problems.push(
        envelopeProblem(
          `${here}/datatype`,
          `tensor "${name}" has datatype ${datatype}, expected ${spec.datatype}`,
          'protocol.tensor-datatype',
        ),
      )
      ok = false
    }
    if (
      !Array.isArray(shape) ||
      shape.length === 0 ||
      !shape.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)
    ) {
      problems.push(
        envelopeProblem(
          `${here}/shape`,
          '"shape" must be a non-empty list of non-negative integers',
          'protocol.tensor-shape',
        ),
      )
      return
    }
    const dims = shape as number[]
    const size = dims.reduce((a, b) => a * b, 1)
    if (!Array.isArray(data)) {
      problems.push(envelopeProblem(`${here}/data`, `"data" must be a list, got ${typeName(data)}`))
      return
    }
    if (size > maxElements) {
      problems.push(
        envelopeProblem(
          `${here}/shape`,
          `shape ${JSON.stringify(dims)} holds more than ${maxElements} elements`,
          'protocol.tensor-shape',
        ),
      )
      return
    }
    const flat = flatten(data, dims.length)
    if (!flat) {
      problems.push(
        envelopeProblem(
          `${here}/data`,
          `"data" is nested deeper than shape ${JSON.stringify(dims)}`,
          'protocol.tensor-shape',
        ),
      )
      return
    }
    if (flat.length !== size) {
      problems.push(
        envelopeProblem(
          `${here}/data`,
          `"data" holds ${plural(flat.length, 'element')} but shape ${JSON.stringify(dims)} needs ${size}`,
          'protocol.tensor-shape',
        ),
      )
      return
    }
    const rows = dims[0] as number
    if (batch === -1) batch = rows
    else if (rows !== batch) {
      problems.push(
        envelopeProblem(
          `${here}/shape/0`,
          expected === undefined
            ? `batch size ${rows} differs from the first tensor's ${batch}`
            : `batch size ${rows}, expected ${batch} (one per record)`,
          'protocol.batch-length',
        ),
      )
      return
    }
    if (!ok) return
    const width = rows === 0 ? 0 : size / rows
    const text = datatype === 'BYTES' && spec.kind !== 'scalar'
    if (spec.kind === 'scalar' && width !== 1) {
      problems.push(
        envelopeProblem(
          `${here}/shape`,
          `tensor "${name}" holds one value per record: shape must be [N] or [N, 1], got ${JSON.stringify(dims)}`,
          'protocol.tensor-shape',
        ),
      )
      return
    }
    if (text && width !== 1) {
      problems.push(
        envelopeProblem(
          `${here}/shape`,
          `a BYTES tensor "${name}" holds one JSON text per record: shape must be [N], got ${JSON.stringify(dims)}`,
          'protocol.tensor-shape',
        ),
      )
      return
    }
    let bad = 0
    for (let j = 0; j < flat.length && bad < 10; j++) {
      if (!fitsDatatype(flat[j], datatype as string)) {
        bad++
        problems.push(
          envelopeProblem(
            `${here}/data/${j}`,
            `${typeName(flat[j])} is not a ${String(datatype)} element`,
            'protocol.tensor-datatype',
          ),
        )
      }
    }
    if (bad === 0)
      located.push({
        spec,
        index,
        datatype: datatype as string,
        flat,
        width,
        nested: flat !== data,
      })
  })
  for (const spec of specs)
    if (spec.required && !seen.has(spec.name))
      problems.push(
        envelopeProblem(at, `missing ${side} tensor "${spec.name}"`, 'protocol.tensor-missing'),
      )
  if (problems.length > 0) return { ok: false, problems }
  const n = batch === -1 ? 0 : batch
  const records: unknown[] = []
  for (let j = 0; j < n; j++) {
    const record: Record<string, unknown> = {}
    let value: unknown
    let wholeValue: unknown = null
    for (const t of located) {
      if (t.datatype === 'BYTES' && t.spec.kind !== 'scalar') {
        const raw = t.flat[j]
        if (raw === null) continue
        try {
          value = JSON.parse(raw as string)
        } catch {
          problems.push(
            envelopeProblem(
              `${at}/${t.index}/data/${j}`,
              `tensor "${t.spec.name}" element ${j} is not JSON text`,
              'protocol.tensor-datatype',
            ),
          )
          continue
        }
      } else if (t.spec.kind === 'vector') value = t.flat.slice(j * t.width, (j + 1) * t.width)
      else value = t.flat[j]
      if (value === null) continue
      if (whole) wholeValue = value
      else setOwn(record, t.spec.name, value)
    }
    records.push(whole ? wholeValue : record)
  }
  if (problems.length > 0) return { ok: false, problems }
  const byField = new Map(located.map((t) => [t.spec.name, t]))
  const pointer = (j: number, inner: string): string => {
    const t = whole ? located[0] : byField.get(splitPointer(inner).head)
    if (!t) return at
    const rest = whole ? inner : splitPointer(inner).rest
    if (t.spec.kind === 'vector' && t.datatype !== 'BYTES' && rest !== '') {
      const { head, rest: deeper } = splitPointer(rest)
      const m = Number(head)
      if (Number.isInteger(m))
        return t.nested
          ? `${at}/${t.index}/data/${j}/${m}${deeper}`
          : `${at}/${t.index}/data/${j * t.width + m}${deeper}`
    }
    return `${at}/${t.index}/data/${j}`
  }
  return { ok: true, records, pointer }
}

function failed(pointer: string, message: string): DecodedTensors {
  return { ok: false, problems: [envelopeProblem(pointer, message)] }
}
