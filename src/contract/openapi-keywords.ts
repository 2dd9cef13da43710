/**
 * OpenAPI 3.0's schema dialect, understood where JSON Schema has the same meaning: `nullable: true`
 * means the value may also be null. Schemas from FastAPI, Pydantic v1 and OpenAPI 3.0 components
 * carry it; the keyword stays (an annotation) and `type` (and `enum`) gain `null`, so validation,
 * generation and `standin types` all read it the same way.
 */
import { walkSchema } from '../json/index.js'
import { isObject } from '../json/index.js'

/**
 * Applies `nullable: true` in place, in every subschema of `schema` (never inside data such as
 * `enum` or `examples`). A `nullable` schema without `type` already allows null and is left as is.
 *
 * @example
 * const schema = { type: 'string', nullable: true }
 * understandOpenApi(schema) // schema.type is now ['string', 'null']
 */
export function understandOpenApi(schema: unknown): void {
  walkSchema(schema, '', (node) => {
    if (!isObject(node) || node.nullable !== true) return
    if (typeof node.type === 'string' && node.type !== 'null') node.type = [node.type, 'null']
    else if (Array.isArray(node.type) && !node.type.includes('null'))
      node.type = [...(node.type as unknown[]), 'null']
    if (Array.isArray(node.enum) && !node.enum.includes(null))
      node.enum = [...(node.enum as unknown[]), null]
  })
}

/**
 * The schema as ajv should compile it: ajv reads `nullable` itself and refuses it without `type`
 * (or beside `type: null` when false), so a copy without the keyword once `understandOpenApi`
 * has applied it. The schema itself is returned when it has no `nullable`.
 */
export function withoutNullable(schema: unknown): unknown {
  if (!JSON.stringify(schema ?? null).includes('"nullable"')) return schema
  const copy = structuredClone(schema)
  walkSchema(copy, '', (node) => {
    if (isObject(node)) delete node.nullable
  })
  return copy
}
