/**
 * Records to Open Inference Protocol tensors: one tensor per field, the batch as the first
 * dimension, row-major data. Shared by the server (response outputs) and the client (request
 * inputs).
 */
import { hasOwn, isObject } from './protocol-helpers.js'
import type { TensorSpec } from './tensor-specs.js'

/** One tensor as it travels: name, shape, datatype and row-major data. */
export interface Tensor {
  readonly name: string
  readonly shape: number[]
  readonly datatype: string
  readonly data: unknown[]
}

function fieldOf(record: unknown, spec: TensorSpec, whole: boolean): unknown {
  if (whole) return record
  if (!isObject(record) || !hasOwn(record, spec.name)) return undefined
  return record[spec.name]
}

/**
 * Encodes N records as one tensor per spec (`whole`: the record itself is the one tensor). An
 * optional field no record has is left out, except that one tensor always goes, so that a batch
 * of records with no fields (`{}` where every field is optional) still says its size.
 */
export function encodeTensors(
  records: readonly unknown[],
  specs: readonly TensorSpec[],
  whole: boolean,
  only?: ReadonlySet<string>,
): Tensor[] {
  const n = records.length
  const tensors: Tensor[] = []
  const sent = specs.filter((spec) => !only || only.has(spec.name))
  for (const [i, spec] of sent.entries()) {
    const values = records.map((r) => fieldOf(r, spec, whole))
    const last = i === sent.length - 1
    if (!spec.required && values.every((v) => v === undefined) && !(last && tensors.length === 0))
      continue
    if (spec.kind === 'scalar') {
      tensors.push({
        name: spec.name,
        shape: [n],
        datatype: spec.datatype,
        data: values.map((v) => v ?? null),
      })
      continue
    }
    if (spec.kind === 'vector') {
      const first = values[0]
      const width = Array.isArray(first) ? first.length : -1
      if (width >= 0 && values.every((v) => Array.isArray(v) && v.length === width)) {
        tensors.push({
          name: spec.name,
          shape: [n, width],
          datatype: spec.datatype,
          data: (values as unknown[][]).flat(),
        })
        continue
      }
    }
    tensors.push({
      name: spec.name,
      shape: [n],
      datatype: 'BYTES',
      data: values.map((v) => (v === undefined ? null : JSON.stringify(v))),
    })
  }
  return tensors
}
