/**
 * Merges the object keywords of one subschema into a shape: property counts, required, the
 * property schemas, propertyNames, dependentRequired, dependentSchemas (a choice, as a group) and
 * the unevaluated keywords.
 */
import { assignOwn } from '../json/index.js'
import { escapeToken } from '../json/index.js'
import { isRecord } from './schema-index.js'
import type { SchemaRef } from './schema-index.js'
import { childRef, compilePattern, type Shape, tightenCounts } from './shape.js'

/** Adds the object keywords of `s` (the subschema `ref`) to `shape`; `resolved` groups are skipped. */
export function mergeObjects(
  shape: Shape,
  s: Record<string, unknown>,
  ref: SchemaRef,
  at: (keyword: string) => string,
  resolved: ReadonlySet<string>,
): void {
  tightenCounts(shape, s, at, 'Properties')
  if (Array.isArray(s.required))
    for (const r of s.required) if (typeof r === 'string') shape.required.add(r)
  mergeProperties(shape, s, ref, at)
  if (s.propertyNames !== undefined) {
    shape.propertyNames.push(childRef(ref, s.propertyNames, 'propertyNames'))
    shape.risky.push('propertyNames')
  }
  mergeDependentRequired(shape, s)
  mergeDependentSchemas(shape, s, ref, resolved)
  if (s.unevaluatedProperties !== undefined || s.unevaluatedItems !== undefined) {
    shape.unevaluated = true
    shape.risky.push('unevaluated')
    if (s.unevaluatedProperties !== undefined && s.unevaluatedProperties !== false) {
      shape.objects.push({ properties: {}, patterns: [], additional: undefined })
    }
  }
}

/** `properties`, `patternProperties` and `additionalProperties`, as one object of the shape. */
function mergeProperties(
  shape: Shape,
  s: Record<string, unknown>,
  ref: SchemaRef,
  at: (keyword: string) => string,
): void {
  if (
    !isRecord(s.properties) &&
    !isRecord(s.patternProperties) &&
    s.additionalProperties === undefined
  )
    return
  const properties: Record<string, SchemaRef> = {}
  if (isRecord(s.properties))
    for (const [name, p] of Object.entries(s.properties))
      assignOwn(properties, name, childRef(ref, p, 'properties', name))
  const patterns = isRecord(s.patternProperties)
    ? Object.entries(s.patternProperties).map(([source, p]) => ({
        re: compilePattern(source, `${at('patternProperties')}/${escapeToken(source)}`),
        ref: childRef(ref, p, 'patternProperties', source),
      }))
    : []
  const additional =
    s.additionalProperties !== undefined
      ? childRef(ref, s.additionalProperties, 'additionalProperties')
      : undefined
  shape.objects.push({ properties, patterns, additional })
}

/** `dependentRequired`, and the lists of draft-07 `dependencies`. */
function mergeDependentRequired(shape: Shape, s: Record<string, unknown>): void {
  const depReq = isRecord(s.dependentRequired) ? s.dependentRequired : undefined
  const deps = isRecord(s.dependencies) ? s.dependencies : undefined
  for (const [name, list] of Object.entries({ ...depReq, ...deps })) {
    if (Array.isArray(list)) {
      const cur = shape.dependentRequired.get(name) ?? []
      shape.dependentRequired.set(
        name,
        cur.concat(list.filter((x): x is string => typeof x === 'string')),
      )
    }
  }
}

/**
 * `dependentSchemas`, and the schemas of draft-07 `dependencies`: each a choice between the
 * property absent and the property present with its schema (skipped when already `resolved`).
 */
function mergeDependentSchemas(
  shape: Shape,
  s: Record<string, unknown>,
  ref: SchemaRef,
  resolved: ReadonlySet<string>,
): void {
  const deps = isRecord(s.dependencies) ? s.dependencies : undefined
  const depSchemas: [string, unknown, string][] = []
  if (isRecord(s.dependentSchemas))
    for (const [n, d] of Object.entries(s.dependentSchemas))
      depSchemas.push([n, d, 'dependentSchemas'])
  if (deps)
    for (const [n, d] of Object.entries(deps))
      if (!Array.isArray(d)) depSchemas.push([n, d, 'dependencies'])
  for (const [name, dep, keyword] of depSchemas) {
    const id = `${ref.pointer}/${keyword}/${escapeToken(name)}`
    if (resolved.has(id)) continue
    const depRef = childRef(ref, dep, keyword, name)
    const needs: SchemaRef = {
      schema: { required: [name] },
      pointer: `${id}#required`,
      base: ref.base,
      inline: true,
    }
    shape.groups.push({
      id,
      kind: 'dependentSchemas',
      pointer: id,
      options: [
        { refs: [], mustFail: [], absent: name },
        { refs: [needs, depRef], mustFail: [] },
      ],
    })
  }
}
