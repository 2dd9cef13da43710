/**
 * The scalar fields of a record schema, by JSON pointer, with the kind a statistic needs:
 * `number` (number, integer) or `category` (boolean, an enum, or a string). Nested objects are
 * followed through `properties` (and local `$ref`s); arrays and open maps are not fields.
 */
import { schemaAtPath } from '../contract/index.js'
import { escapeToken, isObject, resolvePointer } from '../json/index.js'

/** A scalar field of a record. */
export interface SchemaField {
  /** JSON pointer into the record, for example `/scores/groceries`. */
  readonly pointer: string
  readonly kind: 'number' | 'category'
  /** The JSON types the schema allows there. */
  readonly types: readonly string[]
  /** True for a string without `enum`: free text (a category only in outputs). */
  readonly freeText: boolean
}

const maxDepth = 6

/** The schema with its local `$ref`s followed (siblings kept over the target's keys). */
function followRefs(root: unknown, schema: Record<string, unknown>): Record<string, unknown> {
  let out = schema
  for (
    let hops = 0;
    hops < 16 && typeof out.$ref === 'string' && out.$ref.startsWith('#');
    hops++
  ) {
    const target = resolvePointer(root, decodeURIComponent(out.$ref.slice(1)))
    if (!target.found || !isObject(target.value)) break
    const { $ref: _ref, ...siblings } = out
    out = { ...target.value, ...siblings }
  }
  return out
}

function typesOf(schema: Record<string, unknown>): string[] {
  if (Array.isArray(schema.type))
    return schema.type.filter((t): t is string => typeof t === 'string')
  if (typeof schema.type === 'string') return [schema.type]
  if (Array.isArray(schema.enum))
    return [...new Set(schema.enum.map((v) => (v === null ? 'null' : typeof v)))]
  if ('const' in schema) return [typeof schema.const]
  return []
}

/**
 * The scalar fields of `root` (a contract's `input` or `output`).
 *
 * @example
 * schemaFields({ type: 'object', properties: { amount: { type: 'number' } } }) // [{ pointer: '/amount', kind: 'number', ... }]
 */
export function schemaFields(root: unknown): SchemaField[] {
  const out: SchemaField[] = []
  const walk = (pointer: string, depth: number): void => {
    const at = schemaAtPath(root, pointer)
    if (!at.found || !isObject(at.schema) || depth > maxDepth) return
    const schema = followRefs(root, at.schema)
    const types = typesOf(schema)
    if (isObject(schema.properties)) {
      for (const key of Object.keys(schema.properties))
        walk(`${pointer}/${escapeToken(key)}`, depth + 1)
      return
    }
    if (pointer === '') return
    if (types.includes('number') || types.includes('integer'))
      out.push({ pointer, kind: 'number', types, freeText: false })
    else if (types.includes('boolean') || types.includes('string'))
      out.push({
        pointer,
        kind: 'category',
        types,
        freeText: types.includes('string') && !Array.isArray(schema.enum),
      })
  }
  walk('', 0)
  return out
}
