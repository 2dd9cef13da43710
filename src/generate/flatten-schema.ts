/**
 * Flattens a list of subschemas that must all hold (a node, its `$ref`s and its `allOf`) into one
 * `Shape`: intersected types, tightest bounds, every property and item rule side by side, and the
 * choices left to make (`anyOf`, `oneOf`, `not`, `if`, `dependentSchemas`) as groups. allOf is
 * merged, not drawn separately (JSON Schema 2020-12 §10.2.1.1: every subschema must hold).
 */
import { mergeArrays } from './merge-arrays.js'
import { mergeCombinators } from './merge-combinators.js'
import { mergeObjects } from './merge-objects.js'
import { mergeScalars } from './merge-scalars.js'
import { isRecord } from './schema-index.js'
import type { SchemaIndex, SchemaRef } from './schema-index.js'
import { emptyShape, type Shape } from './shape.js'
import { unprovenKeywords } from './exact-proof.js'
import { SchemaProblem } from './unsatisfiable-schema-error.js'

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
    for (const key of unprovenKeywords(s)) shape.unproven.push(key)
    if (typeof s.$ref === 'string') {
      // ajv 8 applies the siblings of $ref in draft-07 too, so standin merges them in both drafts.
      queue.push(index.resolve(s.$ref, ref))
    }
    for (const dyn of ['$dynamicRef', '$recursiveRef']) {
      if (typeof s[dyn] === 'string') queue.push(index.resolve(s[dyn], ref))
    }
    mergeScalars(shape, s, at)
    mergeArrays(shape, s, ref, at, draft)
    mergeObjects(shape, s, ref, at, resolved)
    mergeCombinators(shape, s, ref, at, resolved, queue)
    if (isRecord(s['x-standin'])) Object.assign(shape.hints, s['x-standin'])
    if (Array.isArray(s.examples)) shape.examples.push(...(s.examples as unknown[]))
    // OpenAPI 3.0's single `example` feeds the generator like `examples` (checked before use).
    if (s.example !== undefined && !Array.isArray(s.examples)) shape.examples.push(s.example)
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
