/**
 * A model server's own input signature, the way a serving stack declares one (an MLflow model
 * signature, a Triton model config, a pydantic request model): field names, types and bounds,
 * checked before the model runs. Written by the model team from the contract, not loaded from it.
 */
export interface FieldSpec {
  readonly type: 'string' | 'number' | 'integer'
  readonly required?: boolean
  readonly enum?: readonly string[]
  readonly minimum?: number
  readonly maximum?: number
  readonly exclusiveMinimum?: number
  readonly multipleOf?: number
  readonly minLength?: number
  readonly maxLength?: number
  readonly pattern?: RegExp
  readonly format?: 'uuid' | 'date' | 'date-time'
  /** The only value allowed. */
  readonly const?: string
}

export type Signature = Readonly<Record<string, FieldSpec>>

/** One violation, located by JSON pointer into the record. */
export interface Violation {
  readonly pointer: string
  readonly message: string
}

const formats: Record<NonNullable<FieldSpec['format']>, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  'date-time':
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/,
}

/** Every violation of `signature` by `record` (empty when it is fine). */
export function checkRecord(record: unknown, signature: Signature, base = ''): Violation[] {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return [{ pointer: base, message: 'must be an object' }]
  }
  const violations: Violation[] = []
  const values = record as Record<string, unknown>
  for (const key of Object.keys(values)) {
    if (!Object.hasOwn(signature, key))
      violations.push({ pointer: `${base}/${key}`, message: 'is not a known field' })
  }
  for (const [name, spec] of Object.entries(signature)) {
    const pointer = `${base}/${name}`
    const value = values[name]
    if (value === undefined || !Object.hasOwn(values, name)) {
      if (spec.required) violations.push({ pointer, message: 'is required' })
      continue
    }
    if (spec.type === 'string') {
      if (typeof value !== 'string') {
        violations.push({ pointer, message: 'must be a string' })
        continue
      }
      const length = [...value].length
      if (spec.const !== undefined && value !== spec.const)
        violations.push({ pointer, message: `must be ${spec.const}` })
      if (spec.enum && !spec.enum.includes(value))
        violations.push({ pointer, message: `must be one of ${spec.enum.join(', ')}` })
      if (spec.minLength !== undefined && length < spec.minLength)
        violations.push({ pointer, message: `must have at least ${spec.minLength} characters` })
      if (spec.maxLength !== undefined && length > spec.maxLength)
        violations.push({ pointer, message: `must have at most ${spec.maxLength} characters` })
      if (spec.pattern && !spec.pattern.test(value))
        violations.push({ pointer, message: `must match ${spec.pattern.source}` })
      if (spec.format && !formats[spec.format].test(value))
        violations.push({ pointer, message: `must be a ${spec.format}` })
      continue
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      violations.push({
        pointer,
        message: `must be a${spec.type === 'integer' ? 'n integer' : ' number'}`,
      })
      continue
    }
    if (spec.type === 'integer' && !Number.isInteger(value))
      violations.push({ pointer, message: 'must be an integer' })
    if (spec.minimum !== undefined && value < spec.minimum)
      violations.push({ pointer, message: `must be >= ${spec.minimum}` })
    if (spec.maximum !== undefined && value > spec.maximum)
      violations.push({ pointer, message: `must be <= ${spec.maximum}` })
    if (spec.exclusiveMinimum !== undefined && value <= spec.exclusiveMinimum)
      violations.push({ pointer, message: `must be > ${spec.exclusiveMinimum}` })
    if (spec.multipleOf !== undefined) {
      const ratio = value / spec.multipleOf
      if (Math.abs(ratio - Math.round(ratio)) > 1e-7)
        violations.push({ pointer, message: `must be a multiple of ${spec.multipleOf}` })
    }
  }
  return violations
}
