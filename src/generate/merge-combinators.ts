/**
 * Merges the applicators of one subschema into a shape: allOf's subschemas join the queue of
 * what must all hold; anyOf, oneOf, not and if/then/else become groups, choices drawn later.
 */
import { isRecord } from './schema-index.js'
import type { SchemaRef } from './schema-index.js'
import { childRef, type Shape } from './shape.js'
import { SchemaProblem } from './unsatisfiable-schema-error.js'

/**
 * Adds the applicators of `s` (the subschema `ref`) to `shape`, and allOf's subschemas to
 * `queue`; `resolved` groups are skipped.
 */
export function mergeCombinators(
  shape: Shape,
  s: Record<string, unknown>,
  ref: SchemaRef,
  at: (keyword: string) => string,
  resolved: ReadonlySet<string>,
  queue: SchemaRef[],
): void {
  // combinators
  if (Array.isArray(s.allOf))
    s.allOf.forEach((sub, i) => queue.push(childRef(ref, sub, 'allOf', i)))
  for (const kind of ['anyOf', 'oneOf'] as const) {
    const list = s[kind]
    const id = at(kind)
    if (!Array.isArray(list) || resolved.has(id)) continue
    if (list.length === 0)
      throw new SchemaProblem(
        'schema.unsatisfiable',
        id,
        `${kind} is empty, so no value is valid`,
        'List at least one subschema.',
      )
    const branches = list.map((sub, i) => childRef(ref, sub, kind, i))
    shape.groups.push({
      id,
      kind,
      pointer: id,
      options: branches.map((b, i) => ({
        refs: [b],
        mustFail: kind === 'oneOf' ? branches.filter((_, j) => j !== i) : [],
      })),
    })
  }
  if (s.not !== undefined && !resolved.has(at('not'))) {
    if (s.not === true || (isRecord(s.not) && Object.keys(s.not).length === 0)) {
      throw new SchemaProblem(
        'schema.unsatisfiable',
        at('not'),
        'not excludes every value',
        'Narrow the schema inside not.',
      )
    }
    shape.groups.push({
      id: at('not'),
      kind: 'not',
      pointer: at('not'),
      options: [{ refs: [], mustFail: [childRef(ref, s.not, 'not')] }],
    })
  }
  if (s.if !== undefined && !resolved.has(at('if'))) {
    const ifRef = childRef(ref, s.if, 'if')
    const thenRefs = s.then !== undefined ? [childRef(ref, s.then, 'then')] : []
    const elseRefs = s.else !== undefined ? [childRef(ref, s.else, 'else')] : []
    shape.groups.push({
      id: at('if'),
      kind: 'if',
      pointer: at('if'),
      options: [
        { refs: [ifRef, ...thenRefs], mustFail: [] },
        { refs: elseRefs, mustFail: [ifRef] },
      ],
    })
  }
}
