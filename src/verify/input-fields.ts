/**
 * The fields of a contract's input that boundary and negative cases vary: every declared
 * property of the record and, below it, of each nested object and of the first item of each
 * array that a valid input actually holds, with the subschema that governs each (local `$ref`s
 * and `allOf` merged). Bounded, so a wide or deep schema cannot multiply the cases without end.
 */
import { joinPointer, resolvePointer } from '../json/index.js'
import type { Contract } from '../contract/index.js'
import { hasOwn, isObject, setAtPath, setOwn, valueAtPath, type JsonPath } from '../json/index.js'

type Obj = Record<string, unknown>
type Path = JsonPath

/** One field: where it is in the record and the schema it must satisfy. */
export interface InputField {
  readonly path: Path
  /** The JSON pointer of `path` (`/items/0/label`), as case ids and descriptions show it. */
  readonly pointer: string
  readonly schema: Obj
}

/** One object of the record: its required names and whether it forbids undeclared fields. */
export interface InputObject {
  readonly path: Path
  readonly pointer: string
  readonly required: readonly string[]
  readonly closed: boolean
}

/** How deep below the record fields are followed, and how many are taken at most. */
export const FIELD_DEPTH = 4
export const MAX_FIELDS = 64

/**
 * The subschema with its local `$ref` targets and `allOf` branches merged in (the first value of
 * a keyword wins, `required` lists are joined); anyOf/oneOf branches are alternatives, not merged.
 */
export function mergedSchema(root: unknown, schema: unknown): Obj {
  const merged: Obj = {}
  const required = new Set<string>()
  const queue = [schema]
  const seen = new Set<unknown>()
  while (queue.length > 0 && seen.size < 64) {
    const node = queue.shift()
    if (!isObject(node) || seen.has(node)) continue
    seen.add(node)
    for (const [key, value] of Object.entries(node)) {
      if (key === 'required' && Array.isArray(value))
        value.forEach((r) => typeof r === 'string' && required.add(r))
      else if (key !== '$ref' && key !== 'allOf' && !hasOwn(merged, key)) setOwn(merged, key, value)
    }
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#')) {
      const target = resolvePointer(root, decodeURIComponent(node.$ref.slice(1)))
      if (target.found) queue.push(target.value)
    }
    if (Array.isArray(node.allOf)) queue.push(...(node.allOf as unknown[]))
  }
  if (required.size > 0) merged.required = [...required]
  return merged
}

/**
 * The fields and objects of the input that `base` (a valid input record) shows. Every declared
 * top-level property is a field, present in `base` or not; below the top, only what `base` holds.
 *
 * @example
 * inputFields(contract, { a: { b: 1 } }).fields.map((f) => f.pointer) // ['/a', '/a/b']
 */
export function inputFields(
  contract: Contract,
  base: unknown,
): { fields: InputField[]; objects: InputObject[] } {
  const root = contract.input
  const fields: InputField[] = []
  const objects: InputObject[] = []
  const visit = (value: unknown, schema: Obj, path: Path, depth: number): void => {
    const pointer = joinPointer('', ...path)
    if (isObject(schema.properties) && (path.length === 0 || isObject(value))) {
      objects.push({
        path,
        pointer,
        required: Array.isArray(schema.required)
          ? schema.required.filter((r): r is string => typeof r === 'string')
          : [],
        closed: schema.additionalProperties === false || schema.unevaluatedProperties === false,
      })
      for (const name of Object.keys(schema.properties)) {
        if (fields.length >= MAX_FIELDS) return
        const held = isObject(value) && hasOwn(value, name) ? value[name] : undefined
        if (path.length > 0 && held === undefined) continue
        const child = mergedSchema(root, schema.properties[name])
        fields.push({ path: [...path, name], pointer: joinPointer(pointer, name), schema: child })
        if (depth < FIELD_DEPTH) visit(held, child, [...path, name], depth + 1)
      }
    } else if (Array.isArray(value) && value.length > 0 && depth < FIELD_DEPTH) {
      const items: unknown = Array.isArray(schema.prefixItems)
        ? (schema.prefixItems as unknown[])[0]
        : Array.isArray(schema.items)
          ? (schema.items as unknown[])[0]
          : schema.items
      if (!isObject(items) || fields.length >= MAX_FIELDS) return
      const child = mergedSchema(root, items)
      fields.push({ path: [...path, 0], pointer: joinPointer(pointer, 0), schema: child })
      visit(value[0], child, [...path, 0], depth + 1)
    }
  }
  visit(base, mergedSchema(root, root), [], 0)
  return { fields, objects }
}

/** A copy of `record` with the value at `path` replaced (or added). */
export function withValueAt(record: unknown, path: Path, value: unknown): unknown {
  return setAtPath(structuredClone(record), path, value)
}

/** A copy of `record` without the field at `path`. */
export function withoutValueAt(record: unknown, path: Path): unknown {
  const copy = structuredClone(record)
  const parent = valueAtPath(copy, path.slice(0, -1))
  if (isObject(parent)) delete parent[String(path[path.length - 1])]
  return copy
}
