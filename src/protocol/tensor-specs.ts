/**
 * How a contract's record maps onto Open Inference Protocol tensors: each top-level property of
 * the (object) schema is one named tensor whose first dimension is the batch. Scalars become
 * `[N]` tensors, lists of scalars `[N, k]` tensors, anything else a `BYTES` tensor of JSON text.
 * Derived once from the schema (the datatype from `type`/`enum`/`const`, local `$ref`s followed).
 */
import type { JsonSchema } from '../contract/index.js'
import { fragmentTokens, isObject, valueAtPath } from './protocol-helpers.js'

/** The Open Inference Protocol tensor datatypes ("Tensor Data Types" in the spec). */
export const tensorDatatypes = [
  'BOOL',
  'UINT8',
  'UINT16',
  'UINT32',
  'UINT64',
  'INT8',
  'INT16',
  'INT32',
  'INT64',
  'FP16',
  'FP32',
  'FP64',
  'BYTES',
] as const

/** One tensor datatype. */
export type TensorDatatype = (typeof tensorDatatypes)[number]

/** How one record field sits in a tensor. */
export interface TensorSpec {
  /** The property (and tensor) name. */
  readonly name: string
  /** The datatype standin sends and advertises. */
  readonly datatype: TensorDatatype
  /** `scalar`: one element per record; `vector`: a list of scalars per record; `json`: JSON text per record. */
  readonly kind: 'scalar' | 'vector' | 'json'
  /** The per-record width of a `vector` when the schema fixes it (`minItems` = `maxItems`), else -1. */
  readonly width: number
  /** The property is required. */
  readonly required: boolean
}

type Scalar = 'BOOL' | 'INT64' | 'FP64' | 'BYTES'

/** Follows a local `$ref` (`#/$defs/X`, `#/definitions/X`) inside the root schema. */
function deref(schema: unknown, root: JsonSchema, depth = 0): unknown {
  if (!isObject(schema) || typeof schema.$ref !== 'string' || depth > 32) return schema
  const ref = schema.$ref
  if (!ref.startsWith('#')) return schema
  return deref(valueAtPath(root, fragmentTokens(ref) ?? []), root, depth + 1)
}

function scalarOf(value: unknown): Scalar | undefined {
  if (typeof value === 'boolean') return 'BOOL'
  if (typeof value === 'string') return 'BYTES'
  if (typeof value === 'number') return Number.isInteger(value) ? 'INT64' : 'FP64'
  return undefined
}

/** The scalar datatype a schema's values have, if they are all one scalar kind. */
function scalarType(schema: unknown, root: JsonSchema): Scalar | undefined {
  const node = deref(schema, root)
  if (!isObject(node)) return undefined
  const types = ((Array.isArray(node.type) ? node.type : [node.type]) as unknown[]).filter(
    (t) => t !== 'null' && t !== undefined,
  )
  if (types.length === 1) {
    const [t] = types
    if (t === 'boolean') return 'BOOL'
    if (t === 'integer') return 'INT64'
    if (t === 'number') return 'FP64'
    if (t === 'string') return 'BYTES'
    return undefined
  }
  if (types.length > 1) return undefined
  const values = Array.isArray(node.enum) ? node.enum : 'const' in node ? [node.const] : undefined
  if (values) {
    const kinds = new Set(values.filter((v) => v !== null).map(scalarOf))
    if (kinds.size === 1) return [...kinds][0]
    if (kinds.size === 2 && kinds.has('INT64') && kinds.has('FP64')) return 'FP64'
    return undefined
  }
  const branches = Array.isArray(node.allOf) ? node.allOf : undefined
  if (branches)
    for (const branch of branches) {
      const t = scalarType(branch, root)
      if (t) return t
    }
  return undefined
}

/** The datatypes that carry values of one scalar kind: a number in any FP, an integer in any INT. */
const carriers: Record<Scalar, (datatype: string) => boolean> = {
  BOOL: (datatype) => datatype === 'BOOL',
  BYTES: (datatype) => datatype === 'BYTES',
  INT64: (datatype) => /^U?INT(8|16|32|64)$/.test(datatype),
  FP64: (datatype) => /^FP(16|32|64)$/.test(datatype),
}

/**
 * The datatype a field travels in: the model's own when the schema names one that fits
 * (`x-v2-tensor.datatype`, which `standin import kserve-v2` writes: FP32, INT32, ...), else the
 * widest of its kind. A client that checks datatypes then sees what the real model sends.
 */
function declaredDatatype(node: unknown, scalar: Scalar): TensorDatatype {
  const tensor = isObject(node) ? node['x-v2-tensor'] : undefined
  const declared = isObject(tensor) ? tensor.datatype : undefined
  return typeof declared === 'string' && carriers[scalar](declared)
    ? (declared as TensorDatatype)
    : scalar
}

function specOf(name: string, schema: unknown, root: JsonSchema, required: boolean): TensorSpec {
  const node = deref(schema, root)
  const scalar = scalarType(schema, root)
  if (scalar)
    return { name, datatype: declaredDatatype(node, scalar), kind: 'scalar', width: 1, required }
  if (
    isObject(node) &&
    (node.type === 'array' || (Array.isArray(node.type) && node.type.includes('array')))
  ) {
    const item = scalarType(node.items, root)
    if (item) {
      const fixed =
        typeof node.minItems === 'number' && node.minItems === node.maxItems ? node.minItems : -1
      const datatype = declaredDatatype(node, item)
      return { name, datatype, kind: 'vector', width: fixed, required }
    }
  }
  return { name, datatype: 'BYTES', kind: 'json', width: 1, required }
}

/**
 * The tensors of a record schema, one per top-level property, in the schema's property order.
 * A schema that is not an object with `properties` maps to one `json` tensor named after `fallback`.
 */
export function tensorSpecs(schema: JsonSchema, fallback: string): TensorSpec[] {
  const root = deref(schema, schema)
  if (!isObject(root) || !isObject(root.properties))
    return [{ name: fallback, datatype: 'BYTES', kind: 'json', width: 1, required: true }]
  const required = new Set(Array.isArray(root.required) ? root.required : [])
  return Object.keys(root.properties).map((name) =>
    specOf(name, (root.properties as Record<string, unknown>)[name], schema, required.has(name)),
  )
}

/** The metadata shape of a tensor: `-1` for the batch and for variable widths. */
export function metadataShape(spec: TensorSpec): number[] {
  return spec.kind === 'vector' ? [-1, spec.width] : [-1]
}

/** True when a value fits a datatype's JSON form (`null` stands for a missing optional field). */
export function fitsDatatype(value: unknown, datatype: string): boolean {
  if (value === null) return true
  switch (datatype) {
    case 'BOOL':
      return typeof value === 'boolean'
    case 'BYTES':
      return typeof value === 'string'
    case 'FP16':
    case 'FP32':
    case 'FP64':
      return typeof value === 'number'
    default:
      return (
        typeof value === 'number' &&
        Number.isInteger(value) &&
        (!datatype.startsWith('U') || value >= 0)
      )
  }
}

/** True when a tensor's datatype can carry a field of the spec's datatype. */
export function datatypeCompatible(spec: TensorSpec, datatype: string): boolean {
  if (spec.datatype === datatype) return true
  // A list or an object per record may travel as JSON text.
  if (datatype === 'BYTES') return spec.kind !== 'scalar'
  if (spec.kind === 'json' || spec.datatype === 'BYTES' || spec.datatype === 'BOOL') return false
  // A number field takes any numeric tensor; an integer field only an integer one.
  return spec.datatype.startsWith('FP')
    ? carriers.FP64(datatype) || carriers.INT64(datatype)
    : carriers.INT64(datatype)
}
