/**
 * The one table of which JSON Schema keywords hold subschemas (draft-07 and 2020-12, with
 * draft-04/06 and 2019-09 read as their family), and how: every schema walker (bundling, keyword
 * checks, lint, `$ref` cycles, the generator's schema index, diff) reads it, so each visits
 * exactly the schema positions and never the data inside `enum`, `const`, `default` or `examples`.
 */
import { isObject } from './json-object.js'
import { joinPointer } from './json-pointer.js'

/** How a keyword holds its subschemas. */
export type SubschemaForm =
  /** one schema (`not`, `contains`, ...) */
  | 'schema'
  /** a list of schemas (`allOf`, `prefixItems`, ...) */
  | 'list'
  /** a mapping of names to schemas (`properties`, `$defs`, ...) */
  | 'map'
  /** `items`: one schema, or (draft-07) a list of schemas for a tuple */
  | 'schema-or-list'
  /** draft-07 `dependencies`: a mapping whose values are schemas or lists of property names */
  | 'map-of-schema-or-names'

/** Where a keyword's subschemas apply. */
export type SubschemaPlace =
  /** to the same instance (`allOf`, `not`, `if`, `dependentSchemas`, ...): in place */
  | 'here'
  /** to values inside the instance (`properties`, `items`, `contains`, ...) */
  | 'inside'
  /** nowhere by themselves: held for `$ref` (`$defs`) or an annotation (`contentSchema`) */
  | 'nowhere'

/** One row of the table. */
export interface SubschemaKeyword {
  readonly form: SubschemaForm
  readonly place: SubschemaPlace
}

/** Every keyword that holds subschemas, in the drafts standin reads. */
export const SUBSCHEMA_KEYWORDS: Readonly<Record<string, SubschemaKeyword>> = Object.freeze({
  allOf: { form: 'list', place: 'here' },
  anyOf: { form: 'list', place: 'here' },
  oneOf: { form: 'list', place: 'here' },
  not: { form: 'schema', place: 'here' },
  if: { form: 'schema', place: 'here' },
  then: { form: 'schema', place: 'here' },
  else: { form: 'schema', place: 'here' },
  dependentSchemas: { form: 'map', place: 'here' },
  dependencies: { form: 'map-of-schema-or-names', place: 'here' },
  properties: { form: 'map', place: 'inside' },
  patternProperties: { form: 'map', place: 'inside' },
  additionalProperties: { form: 'schema', place: 'inside' },
  unevaluatedProperties: { form: 'schema', place: 'inside' },
  propertyNames: { form: 'schema', place: 'inside' },
  items: { form: 'schema-or-list', place: 'inside' },
  prefixItems: { form: 'list', place: 'inside' },
  additionalItems: { form: 'schema', place: 'inside' },
  unevaluatedItems: { form: 'schema', place: 'inside' },
  contains: { form: 'schema', place: 'inside' },
  $defs: { form: 'map', place: 'nowhere' },
  definitions: { form: 'map', place: 'nowhere' },
  contentSchema: { form: 'schema', place: 'nowhere' },
} satisfies Record<string, SubschemaKeyword>)

/** The keywords of the table whose subschemas apply where `place` says. */
export function subschemaKeywords(place: SubschemaPlace): readonly string[] {
  return Object.keys(SUBSCHEMA_KEYWORDS).filter((k) => SUBSCHEMA_KEYWORDS[k]?.place === place)
}

/** One subschema of a schema: the value and the pointer tokens from the parent to it. */
export interface Subschema {
  readonly schema: unknown
  readonly tokens: readonly string[]
  readonly keyword: string
}

/** The direct subschemas of `schema`, in the order its keywords are written. */
export function subschemasOf(schema: unknown): Subschema[] {
  if (!isObject(schema)) return []
  const out: Subschema[] = []
  for (const [keyword, value] of Object.entries(schema)) {
    const row = Object.hasOwn(SUBSCHEMA_KEYWORDS, keyword) ? SUBSCHEMA_KEYWORDS[keyword] : undefined
    if (!row) continue
    const listed = row.form === 'list' || (row.form === 'schema-or-list' && Array.isArray(value))
    if (listed) {
      if (!Array.isArray(value)) continue
      value.forEach((item, i) => out.push({ schema: item, tokens: [keyword, String(i)], keyword }))
    } else if (row.form === 'schema' || row.form === 'schema-or-list') {
      out.push({ schema: value, tokens: [keyword], keyword })
    } else if (isObject(value)) {
      for (const [name, sub] of Object.entries(value)) {
        // draft-07 `dependencies` values are schemas or lists of property names.
        if (row.form === 'map-of-schema-or-names' && Array.isArray(sub)) continue
        out.push({ schema: sub, tokens: [keyword, name], keyword })
      }
    }
  }
  return out
}

/**
 * Visits `schema` and every subschema depth-first (iteratively: a 1,000-deep schema is fine),
 * with the JSON pointer of each from `pointer`.
 */
export function walkSchema(
  schema: unknown,
  pointer: string,
  visit: (node: unknown, pointer: string) => void,
): void {
  const stack: { node: unknown; pointer: string }[] = [{ node: schema, pointer }]
  while (stack.length > 0) {
    const { node, pointer: at } = stack.pop() as { node: unknown; pointer: string }
    visit(node, at)
    const children = subschemasOf(node)
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i] as Subschema
      stack.push({ node: child.schema, pointer: joinPointer(at, ...child.tokens) })
    }
  }
}
