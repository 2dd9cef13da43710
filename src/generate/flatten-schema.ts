/**
 * Flattens a list of subschemas that must all hold (a node, its `$ref`s and its `allOf`) into one
 * `Shape`: intersected types, tightest bounds, every property and item rule side by side, and the
 * choices left to make (`anyOf`, `oneOf`, `not`, `if`, `dependentSchemas`) as groups. allOf is
 * merged, not drawn separately (JSON Schema 2020-12 §10.2.1.1: every subschema must hold).
 */
import { escapeToken, isRecord } from './schema-index.js'
import type { SchemaIndex, SchemaRef } from './schema-index.js'
import { SchemaProblem } from './unsatisfiable-schema-error.js'

export type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object'
export const ALL_TYPES: readonly JsonType[] = [
  'null',
  'boolean',
  'integer',
  'number',
  'string',
  'array',
  'object',
]

/** One way to satisfy a group: extra subschemas to hold, and a test the value must pass. */
export interface GroupOption {
  readonly refs: readonly SchemaRef[]
  /** Subschemas that must NOT hold for this option (oneOf's other branches, a failed `if`). */
  readonly mustFail: readonly SchemaRef[]
  /** For dependentSchemas' "property absent" option. */
  readonly absent?: string
}

/** A choice still to make. */
export interface Group {
  readonly id: string
  readonly kind: 'anyOf' | 'oneOf' | 'not' | 'if' | 'dependentSchemas'
  readonly pointer: string
  readonly options: readonly GroupOption[]
}

export interface ObjectBranch {
  readonly properties: Readonly<Record<string, SchemaRef>>
  readonly patterns: readonly { readonly re: RegExp; readonly ref: SchemaRef }[]
  readonly additional?: SchemaRef
}

export interface ArrayBranch {
  readonly prefix: readonly SchemaRef[]
  readonly rest?: SchemaRef
}

export interface Bound {
  value: number
  exclusive: boolean
  pointer: string
}

/** Everything one node of the schema asks for, merged. */
export interface Shape {
  types: Set<JsonType> | null
  typePointer: string
  consts: { value: unknown; pointer: string }[]
  enums: { values: readonly unknown[]; pointer: string }[]
  low?: Bound
  high?: Bound
  multipleOf: { value: number; pointer: string }[]
  minLength: number
  maxLength: number
  lengthPointers: { min: string; max: string }
  patterns: { source: string; pointer: string }[]
  formats: string[]
  minItems: number
  maxItems: number
  itemPointers: { min: string; max: string }
  uniqueItems: boolean
  arrays: ArrayBranch[]
  contains: { ref: SchemaRef; min: number; max: number }[]
  minProperties: number
  maxProperties: number
  propertyPointers: { min: string; max: string }
  required: Set<string>
  objects: ObjectBranch[]
  propertyNames: SchemaRef[]
  dependentRequired: Map<string, string[]>
  groups: Group[]
  hints: Record<string, unknown>
  examples: unknown[]
  /** Keywords whose outcome the constructive generator does not guarantee (checked after drawing). */
  risky: string[]
  unevaluated: boolean
}

function emptyShape(): Shape {
  return {
    types: null,
    typePointer: '',
    consts: [],
    enums: [],
    multipleOf: [],
    minLength: 0,
    maxLength: Infinity,
    lengthPointers: { min: '', max: '' },
    patterns: [],
    formats: [],
    minItems: 0,
    maxItems: Infinity,
    itemPointers: { min: '', max: '' },
    uniqueItems: false,
    arrays: [],
    contains: [],
    minProperties: 0,
    maxProperties: Infinity,
    propertyPointers: { min: '', max: '' },
    required: new Set(),
    objects: [],
    propertyNames: [],
    dependentRequired: new Map(),
    groups: [],
    hints: {},
    examples: [],
    risky: [],
    unevaluated: false,
  }
}

function child(parent: SchemaRef, schema: unknown, ...tokens: (string | number)[]): SchemaRef {
  return {
    schema,
    pointer: `${parent.pointer}/${tokens.map(escapeToken).join('/')}`,
    base: parent.base,
  }
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

function tightenLow(shape: Shape, value: number, exclusive: boolean, pointer: string): void {
  const cur = shape.low
  if (!cur || value > cur.value || (value === cur.value && exclusive && !cur.exclusive)) {
    shape.low = { value, exclusive, pointer }
  }
}

function tightenHigh(shape: Shape, value: number, exclusive: boolean, pointer: string): void {
  const cur = shape.high
  if (!cur || value < cur.value || (value === cur.value && exclusive && !cur.exclusive)) {
    shape.high = { value, exclusive, pointer }
  }
}

/** Compiles a `pattern` the way ajv does (`u` flag), or reports it. */
export function compilePattern(source: string, pointer: string): RegExp {
  try {
    return new RegExp(source, 'u')
  } catch {
    throw new SchemaProblem(
      'schema.unsatisfiable',
      pointer,
      `pattern ${JSON.stringify(source)} is not a valid regular expression`,
      'Fix the pattern.',
    )
  }
}

/**
 * Merges `refs` (all must hold) into one shape. `resolved` lists group ids already decided by
 * the caller, which are skipped.
 */
export function flattenSchema(
  refs: readonly SchemaRef[],
  index: SchemaIndex,
  draft: '2020-12' | 'draft-07',
  resolved: ReadonlySet<string>,
): Shape {
  const shape = emptyShape()
  const queue = [...refs]
  const seen = new Set<string>()
  while (queue.length > 0) {
    const ref = queue.shift() as SchemaRef
    const key = ref.inline ? `inline:${JSON.stringify(ref.schema)}:${ref.pointer}` : ref.pointer
    if (seen.has(key)) continue
    seen.add(key)
    const s = ref.schema
    if (s === true) continue
    if (s === false) {
      throw new SchemaProblem(
        'schema.unsatisfiable',
        ref.pointer,
        'the schema is false, so no value is valid',
        'Allow some value here, or remove the property.',
      )
    }
    if (!isRecord(s)) continue
    const at = (k: string): string => `${ref.pointer}/${k}`
    if (typeof s.$ref === 'string') {
      // ajv 8 applies the siblings of $ref in draft-07 too, so standin merges them in both drafts.
      queue.push(index.resolve(s.$ref, ref))
    }
    for (const dyn of ['$dynamicRef', '$recursiveRef']) {
      if (typeof s[dyn] === 'string') queue.push(index.resolve(s[dyn], ref))
    }
    // type
    if (s.type !== undefined) {
      const list = (Array.isArray(s.type) ? s.type : [s.type]).filter(
        (t): t is JsonType => typeof t === 'string',
      )
      const set = new Set<JsonType>(list)
      if (set.has('number')) set.add('integer')
      if (shape.types === null) shape.types = set
      else
        shape.types = new Set(
          [...shape.types].filter((t) => set.has(t) || (t === 'integer' && set.has('number'))),
        )
      shape.typePointer = at('type')
      if (shape.types.size === 0) {
        throw new SchemaProblem(
          'schema.unsatisfiable',
          at('type'),
          'the types required here have no type in common (contradictory allOf)',
          'Make the allOf branches agree on a type.',
        )
      }
    }
    if ('const' in s) shape.consts.push({ value: s.const, pointer: at('const') })
    if (Array.isArray(s.enum)) {
      if (s.enum.length === 0)
        throw new SchemaProblem(
          'schema.unsatisfiable',
          at('enum'),
          'enum is empty, so no value is valid',
          'List at least one value.',
        )
      shape.enums.push({ values: s.enum, pointer: at('enum') })
    }
    // numbers
    if (num(s.minimum)) tightenLow(shape, s.minimum, false, at('minimum'))
    if (num(s.maximum)) tightenHigh(shape, s.maximum, false, at('maximum'))
    if (num(s.exclusiveMinimum)) tightenLow(shape, s.exclusiveMinimum, true, at('exclusiveMinimum'))
    if (num(s.exclusiveMaximum))
      tightenHigh(shape, s.exclusiveMaximum, true, at('exclusiveMaximum'))
    if (num(s.multipleOf) && s.multipleOf > 0)
      shape.multipleOf.push({ value: s.multipleOf, pointer: at('multipleOf') })
    // strings
    if (num(s.minLength) && s.minLength > shape.minLength) {
      shape.minLength = s.minLength
      shape.lengthPointers.min = at('minLength')
    }
    if (num(s.maxLength) && s.maxLength < shape.maxLength) {
      shape.maxLength = s.maxLength
      shape.lengthPointers.max = at('maxLength')
    }
    if (typeof s.pattern === 'string') {
      compilePattern(s.pattern, at('pattern'))
      shape.patterns.push({ source: s.pattern, pointer: at('pattern') })
    }
    if (typeof s.format === 'string') shape.formats.push(s.format)
    // arrays
    if (num(s.minItems) && s.minItems > shape.minItems) {
      shape.minItems = s.minItems
      shape.itemPointers.min = at('minItems')
    }
    if (num(s.maxItems) && s.maxItems < shape.maxItems) {
      shape.maxItems = s.maxItems
      shape.itemPointers.max = at('maxItems')
    }
    if (s.uniqueItems === true) shape.uniqueItems = true
    const prefixList = draft === '2020-12' ? s.prefixItems : s.items
    if (
      Array.isArray(prefixList) ||
      (s.items !== undefined && !Array.isArray(s.items)) ||
      (draft === 'draft-07' && s.additionalItems !== undefined && Array.isArray(s.items))
    ) {
      const prefixKey = draft === '2020-12' ? 'prefixItems' : 'items'
      const prefix = Array.isArray(prefixList)
        ? prefixList.map((p, i) => child(ref, p, prefixKey, i))
        : []
      let rest: SchemaRef | undefined
      if (draft === '2020-12' && s.items !== undefined && !Array.isArray(s.items))
        rest = child(ref, s.items, 'items')
      if (draft === 'draft-07') {
        if (!Array.isArray(s.items) && s.items !== undefined) rest = child(ref, s.items, 'items')
        else if (Array.isArray(s.items) && s.additionalItems !== undefined)
          rest = child(ref, s.additionalItems, 'additionalItems')
      }
      shape.arrays.push({ prefix, rest })
    } else if (draft === '2020-12' && Array.isArray(s.items)) {
      shape.arrays.push({ prefix: s.items.map((p, i) => child(ref, p, 'items', i)) })
    }
    if (s.contains !== undefined) {
      const min = num(s.minContains) ? s.minContains : 1
      const max = num(s.maxContains) ? s.maxContains : Infinity
      shape.contains.push({ ref: child(ref, s.contains, 'contains'), min, max })
      shape.risky.push('contains')
    }
    // objects
    if (num(s.minProperties) && s.minProperties > shape.minProperties) {
      shape.minProperties = s.minProperties
      shape.propertyPointers.min = at('minProperties')
    }
    if (num(s.maxProperties) && s.maxProperties < shape.maxProperties) {
      shape.maxProperties = s.maxProperties
      shape.propertyPointers.max = at('maxProperties')
    }
    if (Array.isArray(s.required))
      for (const r of s.required) if (typeof r === 'string') shape.required.add(r)
    if (
      isRecord(s.properties) ||
      isRecord(s.patternProperties) ||
      s.additionalProperties !== undefined
    ) {
      const properties: Record<string, SchemaRef> = {}
      if (isRecord(s.properties))
        for (const [name, p] of Object.entries(s.properties))
          properties[name] = child(ref, p, 'properties', name)
      const patterns = isRecord(s.patternProperties)
        ? Object.entries(s.patternProperties).map(([source, p]) => ({
            re: compilePattern(source, `${at('patternProperties')}/${escapeToken(source)}`),
            ref: child(ref, p, 'patternProperties', source),
          }))
        : []
      const additional =
        s.additionalProperties !== undefined
          ? child(ref, s.additionalProperties, 'additionalProperties')
          : undefined
      shape.objects.push({ properties, patterns, additional })
    }
    if (s.propertyNames !== undefined) {
      shape.propertyNames.push(child(ref, s.propertyNames, 'propertyNames'))
      shape.risky.push('propertyNames')
    }
    const depReq = isRecord(s.dependentRequired) ? s.dependentRequired : undefined
    const deps = isRecord(s.dependencies) ? s.dependencies : undefined
    for (const [name, list] of Object.entries({ ...depReq, ...deps })) {
      if (Array.isArray(list)) {
        const cur = shape.dependentRequired.get(name) ?? []
        shape.dependentRequired.set(
          name,
          cur.concat(list.filter((x): x is string => typeof x === 'string')),
        )
      }
    }
    const depSchemas: [string, unknown, string][] = []
    if (isRecord(s.dependentSchemas))
      for (const [n, d] of Object.entries(s.dependentSchemas))
        depSchemas.push([n, d, 'dependentSchemas'])
    if (deps)
      for (const [n, d] of Object.entries(deps))
        if (!Array.isArray(d)) depSchemas.push([n, d, 'dependencies'])
    for (const [name, dep, keyword] of depSchemas) {
      const id = `${ref.pointer}/${keyword}/${escapeToken(name)}`
      if (resolved.has(id)) continue
      const depRef = child(ref, dep, keyword, name)
      const needs: SchemaRef = {
        schema: { required: [name] },
        pointer: `${id}#required`,
        base: ref.base,
        inline: true,
      }
      shape.groups.push({
        id,
        kind: 'dependentSchemas',
        pointer: id,
        options: [
          { refs: [], mustFail: [], absent: name },
          { refs: [needs, depRef], mustFail: [] },
        ],
      })
    }
    if (s.unevaluatedProperties !== undefined || s.unevaluatedItems !== undefined) {
      shape.unevaluated = true
      shape.risky.push('unevaluated')
      if (s.unevaluatedProperties !== undefined && s.unevaluatedProperties !== false) {
        shape.objects.push({ properties: {}, patterns: [], additional: undefined })
      }
    }
    // combinators
    if (Array.isArray(s.allOf)) s.allOf.forEach((sub, i) => queue.push(child(ref, sub, 'allOf', i)))
    for (const kind of ['anyOf', 'oneOf'] as const) {
      const list = s[kind]
      const id = at(kind)
      if (!Array.isArray(list) || resolved.has(id)) continue
      if (list.length === 0)
        throw new SchemaProblem(
          'schema.unsatisfiable',
          id,
          `${kind} is empty, so no value is valid`,
          'List at least one subschema.',
        )
      const branches = list.map((sub, i) => child(ref, sub, kind, i))
      shape.groups.push({
        id,
        kind,
        pointer: id,
        options: branches.map((b, i) => ({
          refs: [b],
          mustFail: kind === 'oneOf' ? branches.filter((_, j) => j !== i) : [],
        })),
      })
    }
    if (s.not !== undefined && !resolved.has(at('not'))) {
      if (s.not === true || (isRecord(s.not) && Object.keys(s.not).length === 0)) {
        throw new SchemaProblem(
          'schema.unsatisfiable',
          at('not'),
          'not excludes every value',
          'Narrow the schema inside not.',
        )
      }
      shape.groups.push({
        id: at('not'),
        kind: 'not',
        pointer: at('not'),
        options: [{ refs: [], mustFail: [child(ref, s.not, 'not')] }],
      })
    }
    if (s.if !== undefined && !resolved.has(at('if'))) {
      const ifRef = child(ref, s.if, 'if')
      const thenRefs = s.then !== undefined ? [child(ref, s.then, 'then')] : []
      const elseRefs = s.else !== undefined ? [child(ref, s.else, 'else')] : []
      shape.groups.push({
        id: at('if'),
        kind: 'if',
        pointer: at('if'),
        options: [
          { refs: [ifRef, ...thenRefs], mustFail: [] },
          { refs: elseRefs, mustFail: [ifRef] },
        ],
      })
    }
    if (isRecord(s['x-standin'])) Object.assign(shape.hints, s['x-standin'])
    if (Array.isArray(s.examples)) shape.examples.push(...(s.examples as unknown[]))
  }
  if (shape.patterns.length > 1) shape.risky.push('pattern')
  if (
    shape.patterns.length > 0 &&
    (shape.minLength > 0 || shape.maxLength < Infinity || shape.formats.length > 0)
  )
    shape.risky.push('pattern')
  if (shape.formats.length > 0 && (shape.minLength > 0 || shape.maxLength < Infinity))
    shape.risky.push('format')
  if (shape.uniqueItems) shape.risky.push('uniqueItems')
  if (shape.multipleOf.length > 1) shape.risky.push('multipleOf')
  if (shape.consts.length + shape.enums.length > 1) shape.risky.push('enum')
  return shape
}
