/**
 * An MLmodel's `signature` (inputs, outputs, params: each a JSON text in the YAML) to the input and
 * output schemas of one record, as the mlflow protocol carries records: a column-based signature
 * is a record with one property per named column (a bare value for one unnamed column), a
 * tensor-based one a row of each tensor; `predictions` holds one output per record.
 */
import { isObject, setOwn, shortJson } from '../json/index.js'
import { interopError } from './import-error.js'
import type { NoteBook } from './import-result.js'
import {
  at,
  columnSchema,
  isRequiredSpec,
  isTensorSpec,
  tensorSchema,
  type SpecPlace,
} from './mlflow-types.js'

const SCHEMA = 'https://json-schema.org/draft/2020-12/schema'

/** The specs of one side: a list parsed from the JSON text MLflow writes. */
function specList(value: unknown, place: SpecPlace): Record<string, unknown>[] {
  let list: unknown = value
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value)
    } catch (error) {
      throw interopError(
        'import.invalid',
        place,
        `is not a JSON list of column or tensor specs (${(error as Error).message})`,
        'Fix the JSON, or log the model again with mlflow.models.infer_signature.',
      )
    }
  }
  if (!Array.isArray(list) || list.length === 0)
    throw interopError(
      'import.invalid',
      place,
      `expected a non-empty list of column or tensor specs, got ${shortJson(list, 80)}`,
      'Log the model again with a signature.',
    )
  list.forEach((spec, i) => {
    if (!isObject(spec))
      throw interopError(
        'import.invalid',
        at(place, i),
        `expected a column or tensor spec object, got ${shortJson(spec, 80)}`,
        'Fix the signature.',
      )
  })
  return list as Record<string, unknown>[]
}

function named(spec: Record<string, unknown>): string | undefined {
  return typeof spec.name === 'string' && spec.name !== '' ? spec.name : undefined
}

/** One side's record schema; `closed` for outputs (a model that sends more is caught). */
function sideSchema(
  specs: Record<string, unknown>[],
  place: SpecPlace,
  side: 'input' | 'output',
  book: NoteBook,
): Record<string, unknown> {
  const tensors = specs.filter(isTensorSpec)
  if (tensors.length > 0 && tensors.length < specs.length)
    throw interopError(
      'import.invalid',
      place,
      'mixes column specs and tensor specs',
      'A signature side is either column-based or tensor-based: fix it.',
    )
  const one = (spec: Record<string, unknown>, i: number): Record<string, unknown> => {
    if (!isTensorSpec(spec)) return columnSchema(spec, at(place, i))
    const schema = tensorSchema(spec, at(place, i))
    const { shape } = schema['x-mlflow-tensor'] as { shape: number[] }
    if (shape.length > 0 && shape[0] !== -1)
      book.add(
        `/${side}`,
        `the tensor ${named(spec) ?? `#${i}`} has a fixed batch of ${shape[0]}; the stand-in takes any batch size`,
      )
    return schema
  }
  const names = specs.map(named)
  if (names.every((n) => n === undefined)) {
    if (specs.length === 1) return one(specs[0] as Record<string, unknown>, 0)
    // Several unnamed columns: a record is a row, by position.
    return {
      type: 'array',
      prefixItems: specs.map(one),
      minItems: specs.length,
      maxItems: specs.length,
    }
  }
  if (names.some((n) => n === undefined))
    throw interopError(
      'import.invalid',
      at(place, names.indexOf(undefined)),
      'has no name while other specs of this side have one',
      'Name every column or none.',
    )
  const properties: Record<string, unknown> = {}
  const required: string[] = []
  specs.forEach((spec, i) => {
    const name = names[i] as string
    setOwn(properties, name, one(spec, i))
    if (isRequiredSpec(spec)) required.push(name)
  })
  const record: Record<string, unknown> = { type: 'object', properties }
  if (required.length > 0) record.required = required
  if (side === 'input') return record
  record.additionalProperties = false
  // One named output column: a model that returns a Series answers bare values, one that
  // returns a DataFrame answers records; MLflow's signature does not say which.
  if (specs.length === 1) return { anyOf: [properties[names[0] as string], record] }
  return record
}

/** The input and output schemas of an MLmodel's signature; params kept as `x-mlflow-params`. */
export function signatureSchemas(
  model: Record<string, unknown>,
  source: string,
  book: NoteBook,
): { input: Record<string, unknown>; output: Record<string, unknown> } {
  const signature = model.signature
  if (!isObject(signature))
    throw interopError(
      'import.invalid',
      { source, pointer: '/signature' },
      'the model has no signature, so there is nothing to import',
      'Log the model with a signature (mlflow.models.infer_signature) or an input example, then import it again.',
    )
  if (signature.inputs === undefined || signature.inputs === null)
    throw interopError(
      'import.invalid',
      { source, pointer: '/signature/inputs' },
      'the signature has no inputs',
      'Log the model again with an input schema.',
    )
  const inputPlace = { source, pointer: '/signature/inputs' }
  const input: Record<string, unknown> = {
    $schema: SCHEMA,
    ...sideSchema(specList(signature.inputs, inputPlace), inputPlace, 'input', book),
  }
  let output: Record<string, unknown>
  if (signature.outputs === undefined || signature.outputs === null) {
    output = { $schema: SCHEMA }
    book.add(
      '/output',
      'the signature has no output schema, so any JSON value passes as an output; write the output schema by hand',
    )
  } else {
    const outputPlace = { source, pointer: '/signature/outputs' }
    output = {
      $schema: SCHEMA,
      ...sideSchema(specList(signature.outputs, outputPlace), outputPlace, 'output', book),
    }
  }
  if (signature.params !== undefined && signature.params !== null) {
    const place = { source, pointer: '/signature/params' }
    const params = specList(signature.params, place).map((param, i) => {
      if (typeof param.name !== 'string')
        throw interopError(
          'import.invalid',
          at(at(place, i), 'name'),
          'a param without a name',
          'Name it.',
        )
      const type = param.type ?? param.dtype
      // ParamSpec.to_dict merges an Object's "properties" into the param: the whole spec is the type.
      columnSchema({ ...param, type }, at(place, i))
      return {
        name: param.name,
        type,
        ...(type === 'object' ? { properties: param.properties } : {}),
        default: param.default ?? null,
        shape: param.shape ?? null,
      }
    })
    input['x-mlflow-params'] = params
    book.add(
      '/input',
      `the MLflow params ${params.map((p) => `${p.name} (${String(p.type)}${Array.isArray(p.shape) ? ' list' : ''}, default ${JSON.stringify(p.default)})`).join(', ')} travel beside the records in the request's "params", not in a record: the stand-in accepts them unchecked`,
    )
  }
  return { input, output }
}
