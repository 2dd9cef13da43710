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

/** What the steps below share: the schema index, the ajv check per subschema, and the draft. */
interface ItemsContext {
  readonly index: SchemaIndex
  readonly check: (refs: readonly SchemaRef[]) => Check
  readonly draft: '2020-12' | 'draft-07'
}

/** The subschema at `tokens` under `ref`, with its pointer. */
function child(ref: SchemaRef, ...tokens: (string | number)[]): SchemaRef {
  let node: unknown = ref.schema
  for (const t of tokens)
    node = isRecord(node) ? node[t] : Array.isArray(node) ? node[Number(t)] : undefined
  return {
    schema: node,
    pointer: `${ref.pointer}/${tokens.map((t) => escapeToken(t)).join('/')}`,
    base: ref.base,
  }
}

/** True when `value` is valid against the subschema at `ref` alone. */
function holds(ctx: ItemsContext, ref: SchemaRef, value: unknown): boolean {
  return ctx.check([ref])(value)
}

/** The schema a `$ref` or `$dynamicRef` at `ref` points to, if any. */
function targetOf(ctx: ItemsContext, ref: SchemaRef): SchemaRef | undefined {
  const s = ref.schema
  if (!isRecord(s)) return undefined
  const to =
    typeof s.$ref === 'string'
      ? s.$ref
      : typeof s.$dynamicRef === 'string'
        ? s.$dynamicRef
        : undefined
  return to === undefined ? undefined : ctx.index.resolve(to, ref)
}

/** The item indices `ref` evaluates for `value` (2020-12 §11.2), or every one. */
function evaluated(ctx: ItemsContext, ref: SchemaRef, value: unknown[], depth: number): Evaluated {
  const s = ref.schema
  const out = new Set<number>()
  if (!isRecord(s) || depth > 64) return out
  if (Array.isArray(s.prefixItems)) for (let i = 0; i < s.prefixItems.length; i++) out.add(i)
  if (ctx.draft === 'draft-07' && Array.isArray(s.items)) {
    for (let i = 0; i < s.items.length; i++) out.add(i)
    if (s.additionalItems !== undefined) return 'all'
  } else if (s.items !== undefined) return 'all'
  if (s.unevaluatedItems !== undefined) return 'all'
  if (s.contains !== undefined) {
    const contains = child(ref, 'contains')
    value.forEach((item, i) => {
      if (holds(ctx, contains, item)) out.add(i)
    })
  }
  const merge = (more: Evaluated): boolean => {
    if (more === 'all') return true
    for (const i of more) out.add(i)
    return false
  }
  const target = targetOf(ctx, ref)
  if (target && merge(evaluated(ctx, target, value, depth + 1))) return 'all'
  for (const keyword of IN_PLACE_LISTS) {
    const list = s[keyword]
    if (!Array.isArray(list)) continue
    for (let i = 0; i < list.length; i++) {
      const branch = child(ref, keyword, i)
      if (keyword !== 'allOf' && !holds(ctx, branch, value)) continue
      if (merge(evaluated(ctx, branch, value, depth + 1))) return 'all'
    }
  }
  if (s.if !== undefined) {
    const condition = child(ref, 'if')
    const passed = holds(ctx, condition, value)
    if (passed && merge(evaluated(ctx, condition, value, depth + 1))) return 'all'
    const branch = passed ? 'then' : 'else'
    if (s[branch] !== undefined && merge(evaluated(ctx, child(ref, branch), value, depth + 1))) {
      return 'all'
    }
  }
  return out
}

/** Walks the value the way the schema does, to reach every unevaluatedItems that applies. */
function visit(ctx: ItemsContext, ref: SchemaRef, value: unknown, depth: number): boolean {
  const s = ref.schema
  if (!isRecord(s) || depth > 64) return true
  if (Array.isArray(value)) {
    if (s.unevaluatedItems !== undefined) {
      const seen = evaluated(
        ctx,
        { ...ref, schema: { ...s, unevaluatedItems: undefined } },
        value,
        depth,
      )
      if (seen !== 'all') {
        const rest = child(ref, 'unevaluatedItems')
        for (let i = 0; i < value.length; i++) {
          if (!seen.has(i) && !holds(ctx, rest, value[i])) return false
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
      if (at && !visit(ctx, at, value[i], depth + 1)) return false
    }
  } else if (isRecord(value) && isRecord(s.properties)) {
    for (const [name, item] of Object.entries(value)) {
      if (
        Object.hasOwn(s.properties, name) &&
        !visit(ctx, child(ref, 'properties', name), item, depth + 1)
      ) {
        return false
      }
    }
  }
  const target = targetOf(ctx, ref)
  if (target && !visit(ctx, target, value, depth + 1)) return false
  for (const keyword of IN_PLACE_LISTS) {
    const list = s[keyword]
    if (!Array.isArray(list)) continue
    let any = keyword === 'allOf'
    for (let i = 0; i < list.length; i++) {
      const branch = child(ref, keyword, i)
      const ok = holds(ctx, branch, value) && visit(ctx, branch, value, depth + 1)
      if (keyword === 'allOf' && !ok) return false
      if (ok) any = true
    }
    if (!any) return false
  }
  if (s.if !== undefined) {
    const branch = holds(ctx, child(ref, 'if'), value) ? 'then' : 'else'
    if (s[branch] !== undefined && !visit(ctx, child(ref, branch), value, depth + 1)) return false
  }
  return true
}

/** A check that every `unevaluatedItems` in the schema holds for the value (ajv checks the rest). */
export function unevaluatedItemsCheck(
  index: SchemaIndex,
  check: (refs: readonly SchemaRef[]) => Check,
  draft: '2020-12' | 'draft-07',
): (value: unknown) => boolean {
  const ctx: ItemsContext = { index, check, draft }
  return (value) => visit(ctx, index.root, value, 0)
}
