/**
 * Merges the array keywords of one subschema into a shape: item counts, uniqueness, the item
 * schemas (prefixItems/items in 2020-12, items/additionalItems in draft-07) and contains.
 */
import type { SchemaRef } from './schema-index.js'
import { childRef, num, type Shape, tightenCounts } from './shape.js'

/** Adds the array keywords of `s` (the subschema `ref`) to `shape`. */
export function mergeArrays(
  shape: Shape,
  s: Record<string, unknown>,
  ref: SchemaRef,
  at: (keyword: string) => string,
  draft: '2020-12' | 'draft-07',
): void {
  // arrays
  tightenCounts(shape, s, at, 'Items')
  if (s.uniqueItems === true) shape.uniqueItems = true
  const prefixList = draft === '2020-12' ? s.prefixItems : s.items
  if (
    Array.isArray(prefixList) ||
    (s.items !== undefined && !Array.isArray(s.items)) ||
    (draft === 'draft-07' && s.additionalItems !== undefined && Array.isArray(s.items))
  ) {
    const prefixKey = draft === '2020-12' ? 'prefixItems' : 'items'
    const prefix = Array.isArray(prefixList)
      ? prefixList.map((p, i) => childRef(ref, p, prefixKey, i))
      : []
    let rest: SchemaRef | undefined
    if (draft === '2020-12' && s.items !== undefined && !Array.isArray(s.items))
      rest = childRef(ref, s.items, 'items')
    if (draft === 'draft-07') {
      if (!Array.isArray(s.items) && s.items !== undefined) rest = childRef(ref, s.items, 'items')
      else if (Array.isArray(s.items) && s.additionalItems !== undefined)
        rest = childRef(ref, s.additionalItems, 'additionalItems')
    }
    shape.arrays.push({ prefix, rest })
  } else if (draft === '2020-12' && Array.isArray(s.items)) {
    shape.arrays.push({ prefix: s.items.map((p, i) => childRef(ref, p, 'items', i)) })
  }
  if (s.contains !== undefined) {
    const min = num(s.minContains) ? s.minContains : 1
    const max = num(s.maxContains) ? s.maxContains : Infinity
    shape.contains.push({ ref: childRef(ref, s.contains, 'contains'), min, max })
    shape.risky.push('contains')
  }
}
