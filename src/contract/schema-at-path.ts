import { parsePointer, resolvePointer } from '../json/index.js'
import { isObject } from '../json/index.js'

/** Where an instance pointer leads in a schema: the subschema, or how far it got. */
export type SchemaAtPath =
  | { readonly found: true; readonly schema: unknown }
  | { readonly found: false; readonly at: string; readonly names: readonly string[] }

/**
 * The subschema that describes the value at instance pointer `path` (for example `/scores/0`),
 * following local `$ref`s, `properties`, `items`/`prefixItems`, and the branches of
 * allOf/anyOf/oneOf. Used to check the pointers in `x-standin` hints and `checks`.
 *
 * @example
 * schemaAtPath({ type: 'object', properties: { a: { type: 'number' } } }, '/a') // { found: true, schema: { type: 'number' } }
 */
export function schemaAtPath(root: unknown, path: string): SchemaAtPath {
  const tokens = parsePointer(path)
  if (!tokens) return { found: false, at: '', names: [] }
  let current: unknown[] = [root]
  let at = ''
  for (const token of tokens) {
    const next: unknown[] = []
    const names = new Set<string>()
    for (const candidate of expand(root, current)) {
      if (!isObject(candidate)) continue
      if (isObject(candidate.properties)) {
        Object.keys(candidate.properties).forEach((n) => names.add(n))
        if (Object.hasOwn(candidate.properties, token)) next.push(candidate.properties[token])
      }
      if (/^(0|[1-9][0-9]*)$/.test(token)) {
        const index = Number(token)
        const prefix = Array.isArray(candidate.prefixItems)
          ? candidate.prefixItems
          : Array.isArray(candidate.items)
            ? candidate.items
            : []
        if (index < prefix.length) next.push(prefix[index])
        else if (candidate.items !== undefined && !Array.isArray(candidate.items)) {
          next.push(candidate.items)
        }
      }
      if (next.length === 0 && isObject(candidate.additionalProperties)) {
        next.push(candidate.additionalProperties)
      }
    }
    if (next.length === 0) return { found: false, at, names: [...names] }
    current = next
    at += `/${token}`
  }
  return { found: true, schema: expand(root, current)[0] ?? current[0] }
}

/** The schemas themselves plus, transitively, their `$ref` targets and combinator branches. */
function expand(root: unknown, schemas: readonly unknown[]): unknown[] {
  const out: unknown[] = []
  const queue = [...schemas]
  const seen = new Set<unknown>()
  while (queue.length > 0 && out.length < 1000) {
    const schema = queue.shift()
    if (seen.has(schema)) continue
    seen.add(schema)
    out.push(schema)
    if (!isObject(schema)) continue
    if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#')) {
      let pointer = schema.$ref.slice(1)
      try {
        pointer = decodeURIComponent(pointer)
      } catch {
        // left as written; it will not resolve
      }
      const found = resolvePointer(root, pointer)
      if (found.found) queue.push(found.value)
    }
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      const branches = schema[key]
      if (Array.isArray(branches)) queue.push(...(branches as unknown[]))
    }
  }
  return out
}

/** The JSON types a schema allows (following its `$ref` and branches); empty when unknown. */
export function typesOf(root: unknown, schema: unknown): string[] {
  const types = new Set<string>()
  for (const s of expand(root, [schema])) {
    if (!isObject(s)) continue
    if (typeof s.type === 'string') types.add(s.type)
    if (Array.isArray(s.type)) s.type.forEach((t) => types.add(String(t)))
    if (s.const !== undefined) types.add(jsonType(s.const))
    if (Array.isArray(s.enum)) s.enum.forEach((v) => types.add(jsonType(v)))
  }
  return [...types]
}

function jsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}
