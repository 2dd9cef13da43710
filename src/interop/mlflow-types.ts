/**
 * MLflow signature specs to JSON Schema (mlflow/types/schema.py): column specs (`ColSpec`, with
 * the `DataType`s and the composite `Array`, `Object`, `Map` and `AnyType`), tensor specs
 * (`TensorSpec`: a numpy dtype and a shape whose first dimension is the batch) and param specs.
 */
import { escapeToken, isObject, shortJson } from '../json/index.js'
import { interopError } from './import-error.js'
import { numpyDatatypes, readShape, tensorRecordSchema, v2Datatypes } from './tensor-schema.js'

/** MLflow's `DataType`s -> JSON Schema (README: "MLflow types -> JSON Schema"). */
export const mlflowDataTypes: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  boolean: { type: 'boolean' },
  integer: v2Datatypes.INT32 ?? {},
  long: v2Datatypes.INT64 ?? {},
  float: v2Datatypes.FP32 ?? {},
  double: { type: 'number' },
  string: { type: 'string' },
  // The scoring server takes binary columns base64-encoded.
  binary: { type: 'string', contentEncoding: 'base64' },
  datetime: { type: 'string', format: 'date-time' },
}

const composite = ['array', 'object', 'map', 'any', 'sparkml_vector', 'tensor']

/** Where a spec sits, for error messages: the MLmodel file and the pointer into its signature. */
export interface SpecPlace {
  readonly source: string
  readonly pointer: string
}

function invalid(place: SpecPlace, message: string, hint: string): never {
  throw interopError('import.invalid', place, message, hint)
}

/** True for a tensor spec (`type: tensor`, or the early form with `dtype` and `shape`). */
export function isTensorSpec(spec: Record<string, unknown>): boolean {
  return spec.type === 'tensor' || ('dtype' in spec && 'shape' in spec && !('type' in spec))
}

/** The schema of one record's value of a column type (a `ColSpec`'s `type`, or a nested one). */
export function columnSchema(spec: unknown, place: SpecPlace): Record<string, unknown> {
  if (!isObject(spec))
    invalid(place, `expected a type spec, got ${shortJson(spec, 80)}`, 'Give it a "type".')
  const type = spec.type
  if (typeof type === 'string' && type in mlflowDataTypes)
    return { ...(mlflowDataTypes[type] ?? {}) }
  if (type === 'array') {
    if (!('items' in spec))
      invalid(place, 'an array type without "items"', 'Say what its items are.')
    return { type: 'array', items: columnSchema(spec.items, at(place, 'items')) }
  }
  if (type === 'object') {
    if (!isObject(spec.properties))
      invalid(place, 'an object type without "properties"', 'List its properties.')
    return objectSchema(spec.properties, at(place, 'properties'), false)
  }
  if (type === 'map')
    return {
      type: 'object',
      additionalProperties: columnSchema(spec.values, at(place, 'values')),
    }
  if (type === 'any') return {}
  // MLflow's SparkMLVector (the features of a Spark ML model) is an Array of doubles that
  // to_dict writes as a bare {"type": "sparkml_vector"} (mlflow/types/schema.py).
  if (type === 'sparkml_vector') return { type: 'array', items: { type: 'number' } }
  return invalid(
    at(place, 'type'),
    `unknown MLflow type ${JSON.stringify(type)}; expected one of ${[...Object.keys(mlflowDataTypes), ...composite].join(', ')}`,
    'Fix the type, or log the model again with a current MLflow.',
  )
}

/**
 * True unless the spec says the value may be left out: `required: false` (MLflow 2.10 and
 * later), or `optional: true` (what ColSpec.to_dict wrote from MLflow 2.3 until `required`).
 */
export function isRequiredSpec(spec: unknown): boolean {
  return !isObject(spec) || (spec.required !== false && spec.optional !== true)
}

/**
 * An object schema from named specs: each is required unless it says `required: false` (or
 * `optional: true`).
 * `closed` forbids other properties (outputs); inputs stay open, as MLflow ignores extra columns.
 */
export function objectSchema(
  properties: Readonly<Record<string, unknown>>,
  place: SpecPlace,
  closed: boolean,
): Record<string, unknown> {
  const schema: Record<string, unknown> = { type: 'object' }
  const props: Record<string, unknown> = {}
  const required: string[] = []
  for (const [name, spec] of Object.entries(properties)) {
    Object.defineProperty(props, name, {
      value: columnSchema(spec, at(place, name)),
      enumerable: true,
      writable: true,
      configurable: true,
    })
    if (isRequiredSpec(spec)) required.push(name)
  }
  schema.properties = props
  if (required.length > 0) schema.required = required
  if (closed) schema.additionalProperties = false
  return schema
}

/** The schema of one record's row of a tensor spec (the batch dimension dropped). */
export function tensorSchema(
  spec: Record<string, unknown>,
  place: SpecPlace,
): Record<string, unknown> {
  const inner = isObject(spec['tensor-spec']) ? spec['tensor-spec'] : spec
  const innerPlace = isObject(spec['tensor-spec']) ? at(place, 'tensor-spec') : place
  const dtype = inner.dtype
  const datatype = typeof dtype === 'string' ? numpyDatatypes[dtype] : undefined
  const element = datatype ? v2Datatypes[datatype] : undefined
  if (!element)
    invalid(
      at(innerPlace, 'dtype'),
      `unknown numpy dtype ${JSON.stringify(dtype)}; expected one of ${Object.keys(numpyDatatypes).join(', ')}`,
      'Fix the dtype.',
    )
  const read = readShape(inner.shape)
  if ('problem' in read)
    return invalid(at(innerPlace, 'shape'), `the shape ${read.problem}`, 'Fix the shape.')
  const shape = read.dims
  return { ...tensorRecordSchema(element, shape.slice(1)), 'x-mlflow-tensor': { dtype, shape } }
}

/** The pointer one step further. */
export function at(place: SpecPlace, token: string | number): SpecPlace {
  return { source: place.source, pointer: `${place.pointer}/${escapeToken(token)}` }
}
