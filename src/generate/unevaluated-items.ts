/**
 * `unevaluatedItems` as JSON Schema 2020-12 defines it, checked beside ajv. ajv counts items as
 * evaluated that no successful subschema evaluated: the items of a failed `anyOf` branch, every
 * item once `contains` passes. A generated value must still be valid, so every value of a schema
 * with `unevaluatedItems` is also checked here, with ajv for the rest of each subschema.
 */
import type { Check } from './compiler.js'
import type { SchemaIndex, SchemaRef } from './schema-index.js'
import { escapeToken } from '../json/index.js'
import { isRecord } from './schema-index.js'

type Evaluated = Set<number> | 'all'

const IN_PLACE_LISTS = ['allOf', 'anyOf', 'oneOf'] as const

/** A check that every `unevaluatedItems` in the schema holds for the value (ajv checks the rest). */
export function unevaluatedItemsCheck(
  index: SchemaIndex,
  check: (refs: readonly SchemaRef[]) => Check,
  draft: '2020-12' | 'draft-07',
): (value: unknown) => boolean {
  const child = (ref: SchemaRef, ...tokens: (string | number)[]): SchemaRef => {
    let node: unknown = ref.schema
    for (const t of tokens)
      node = isRecord(node) ? node[t] : Array.isArray(node) ? node[Number(t)] : undefined
    return {
      schema: node,
      pointer: `${ref.pointer}/${tokens.map((t) => escapeToken(t)).join('/')}`,
      base: ref.base,
    }
  }
  const holds = (ref: SchemaRef, value: unknown): boolean => check([ref])(value)
  const targetOf = (ref: SchemaRef): SchemaRef | undefined => {
    const s = ref.schema
    if (!isRecord(s)) return undefined
    const to =
      typeof s.$ref === 'string'
        ? s.$ref
        : typeof s.$dynamicRef === 'string'
          ? s.$dynamicRef
          : undefined
    return to === undefined ? undefined : index.resolve(to, ref)
  }

  const evaluated = (ref: SchemaRef, value: unknown[], depth: number): Evaluated => {
    const s = ref.schema
    const out = new Set<number>()
    if (!isRecord(s) || depth > 64) return out
    if (Array.isArray(s.prefixItems)) for (let i = 0; i < s.prefixItems.length; i++) out.add(i)
    if (draft === 'draft-07' && Array.isArray(s.items)) {
      for (let i = 0; i < s.items.length; i++) out.add(i)
      if (s.additionalItems !== undefined) return 'all'
    } else if (s.items !== undefined) return 'all'
    if (s.unevaluatedItems !== undefined) return 'all'
    if (s.contains !== undefined) {
      const contains = child(ref, 'contains')
      value.forEach((item, i) => {
        if (holds(contains, item)) out.add(i)
      })
    }
    const merge = (more: Evaluated): boolean => {
      if (more === 'all') return true
      for (const i of more) out.add(i)
      return false
    }
    const target = targetOf(ref)
    if (target && merge(evaluated(target, value, depth + 1))) return 'all'
    for (const keyword of IN_PLACE_LISTS) {
      const list = s[keyword]
      if (!Array.isArray(list)) continue
      for (let i = 0; i < list.length; i++) {
        const branch = child(ref, keyword, i)
        if (keyword !== 'allOf' && !holds(branch, value)) continue
        if (merge(evaluated(branch, value, depth + 1))) return 'all'
      }
    }
    if (s.if !== undefined) {
      const condition = child(ref, 'if')
      const passed = holds(condition, value)
      if (passed && merge(evaluated(condition, value, depth + 1))) return 'all'
      const branch = passed ? 'then' : 'else'
      if (s[branch] !== undefined && merge(evaluated(child(ref, branch), value, depth + 1))) {
        return 'all'
      }
    }
    return out
  }

  // Walks the value the way the schema does, to reach every unevaluatedItems that applies.
  const visit = (ref: SchemaRef, value: unknown, depth: number): boolean => {
    const s = ref.schema
    if (!isRecord(s) || depth > 64) return true
    if (Array.isArray(value)) {
      if (s.unevaluatedItems !== undefined) {
        const seen = evaluated(
          { ...ref, schema: { ...s, unevaluatedItems: undefined } },
          value,
          depth,
        )
        if (seen !== 'all') {
          const rest = child(ref, 'unevaluatedItems')
          for (let i = 0; i < value.length; i++) {
            if (!seen.has(i) && !holds(rest, value[i])) return false
          }
        }
      }
      const prefix = Array.isArray(s.prefixItems) ? s.prefixItems.length : 0
      for (let i = 0; i < value.length; i++) {
        const at =
          i < prefix
            ? child(ref, 'prefixItems', i)
            : s.items !== undefined && !Array.isArray(s.items)
              ? child(ref, 'items')
              : undefined
        if (at && !visit(at, value[i], depth + 1)) return false
      }
    } else if (isRecord(value) && isRecord(s.properties)) {
      for (const [name, item] of Object.entries(value)) {
        if (
          Object.hasOwn(s.properties, name) &&
          !visit(child(ref, 'properties', name), item, depth + 1)
        ) {
          return false
        }
      }
    }
    const target = targetOf(ref)
    if (target && !visit(target, value, depth + 1)) return false
    for (const keyword of IN_PLACE_LISTS) {
      const list = s[keyword]
      if (!Array.isArray(list)) continue
      let any = keyword === 'allOf'
      for (let i = 0; i < list.length; i++) {
        const branch = child(ref, keyword, i)
        const ok = holds(branch, value) && visit(branch, value, depth + 1)
        if (keyword === 'allOf' && !ok) return false
        if (ok) any = true
      }
      if (!any) return false
    }
    if (s.if !== undefined) {
      const branch = holds(child(ref, 'if'), value) ? 'then' : 'else'
      if (s[branch] !== undefined && !visit(child(ref, branch), value, depth + 1)) return false
    }
    return true
  }
  return (value) => visit(index.root, value, 0)
}
