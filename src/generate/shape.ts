/**
 * The merged form of one schema node (`Shape`): what `flattenSchema` builds from the node, its
 * `$ref`s and its `allOf`, and what the planners read. Also the helpers every merger shares.
 */
import { linearRegExp } from '../contract/index.js'
import { escapeToken } from '../json/index.js'
import type { SchemaRef } from './schema-index.js'
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
  readonly patterns: readonly { readonly re: PatternMatcher; readonly ref: SchemaRef }[]
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
  /** Keywords no plan is proven to honour (exact-proof.ts): the node is not exact by construction. */
  unproven: string[]
  unevaluated: boolean
}

export function emptyShape(): Shape {
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
    unproven: [],
    unevaluated: false,
  }
}

/** The subschema at `tokens` below `parent`, with its pointer. */
export function childRef(
  parent: SchemaRef,
  schema: unknown,
  ...tokens: (string | number)[]
): SchemaRef {
  return {
    schema,
    pointer: `${parent.pointer}/${tokens.map(escapeToken).join('/')}`,
    base: parent.base,
  }
}

/** A finite number. */
export const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

const COUNT_POINTERS = {
  Items: 'itemPointers',
  Properties: 'propertyPointers',
  Length: 'lengthPointers',
} as const

/**
 * Tightens a pair of count bounds (`minItems`/`maxItems`, `minProperties`/`maxProperties`,
 * `minLength`/`maxLength`) with the subschema's, remembering where the tightest came from.
 */
export function tightenCounts(
  shape: Shape,
  s: Record<string, unknown>,
  at: (keyword: string) => string,
  kind: keyof typeof COUNT_POINTERS,
): void {
  const min = `min${kind}` as const
  const max = `max${kind}` as const
  const pointers = shape[COUNT_POINTERS[kind]]
  const low = s[min]
  const high = s[max]
  if (num(low) && low > shape[min]) {
    shape[min] = low
    pointers.min = at(min)
  }
  if (num(high) && high < shape[max]) {
    shape[max] = high
    pointers.max = at(max)
  }
}

/** Compiles a `pattern` the way ajv does (`u` flag), or reports it. */
export function compilePattern(source: string, pointer: string): PatternMatcher {
  try {
    new RegExp(source, 'u')
  } catch {
    throw new SchemaProblem(
      'schema.unsatisfiable',
      pointer,
      `pattern ${JSON.stringify(source)} is not a valid regular expression`,
      'Fix the pattern.',
    )
  }
  // Drawn strings are tested in linear time (RE2) whenever the pattern allows it, so testing
  // `aaaa…` against `^(a+)+b$` cannot stall a compile; a pattern RE2 cannot run was allowed by
  // the user (see linear-regexp.ts) and runs natively.
  const matcher = linearRegExp(source, true)
  return { source, test: (input) => matcher.test(input) }
}

/** A compiled pattern: its ECMA-262 source and a matcher. */
export interface PatternMatcher {
  readonly source: string
  test(input: string): boolean
}
