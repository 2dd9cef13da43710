/**
 * Rewrites every `$ref` of a schema into a JSON pointer from its root, after resolving it as the
 * spec says (base URIs from `$id` at any depth and in any scheme, `$anchor`, pointer escapes),
 * and drops the embedded `$id`s and `$anchor`s that are then no longer needed.
 *
 * ajv resolves a few of these forms wrongly: a pointer inside a `urn:` resource overflows its
 * stack, and an `$anchor` or `$id` inside `enum` or `const` data is taken for a real one. With
 * every ref a plain root pointer, ajv and the generator see the same, spec-resolved targets.
 * Schemas with `$dynamicRef` keep their resources (the dynamic scope depends on them).
 */
import { cloneJson, unescapeToken } from '../json/index.js'
import { indexSchema, isRecord } from './schema-index.js'

const RESOURCE_KEYS = /"\$(id|anchor|dynamicRef|dynamicAnchor)"|"\$ref":"(?!#\/|#")/

/** The schema with every `$ref` a root pointer (the schema itself when nothing needs it). */
export function normalizeRefs(
  schema: unknown,
  draft: '2020-12' | 'draft-07',
  defaultUri: string,
): unknown {
  if (!isRecord(schema)) return schema
  const text = JSON.stringify(schema)
  if (!RESOURCE_KEYS.test(text) || text.includes('"$recursiveRef"')) return schema
  const index = indexSchema(schema, draft, defaultUri)
  const dynamic = index.dynamicRefs.map(({ ref, from }) => ({
    from,
    target: index.resolveDynamic(ref, from),
  }))
  // A $dynamicRef whose target depends on the path keeps every resource as written.
  if (dynamic.some((d) => d.target === undefined)) return schema
  const copy = cloneJson(schema)
  for (const { ref, from } of index.refs) {
    const target = index.resolve(ref, from)
    const node = at(copy, from.pointer)
    if (isRecord(node)) node.$ref = `#${encodePointer(target.pointer)}`
  }
  for (const { from, target } of dynamic) {
    const node = at(copy, from.pointer)
    if (!isRecord(node) || !target) continue
    delete node.$dynamicRef
    const pointerRef = { $ref: `#${encodePointer(target.pointer)}` }
    if (node.$ref === undefined) node.$ref = pointerRef.$ref
    else node.allOf = [...(Array.isArray(node.allOf) ? (node.allOf as unknown[]) : []), pointerRef]
  }
  // Strip the embedded resource markers from schema positions only (data keeps its keys).
  const visit = (node: unknown, pointer: string): void => {
    if (!isRecord(node)) return
    if (pointer !== '') delete node.$id
    delete node.$anchor
    delete node.$dynamicAnchor
    if (draft === 'draft-07' && typeof node.$id === 'string' && node.$id.startsWith('#')) {
      delete node.$id
    }
  }
  for (const pointer of index.schemaPointers) visit(at(copy, pointer), pointer)
  return copy
}

function at(root: unknown, pointer: string): unknown {
  let node = root
  for (const raw of pointer.split('/').slice(1)) {
    const token = unescapeToken(raw)
    if (isRecord(node)) node = node[token]
    else if (Array.isArray(node)) node = node[Number(token)]
    else return undefined
  }
  return node
}

function encodePointer(pointer: string): string {
  return pointer
    .split('/')
    .map((t) => encodeURIComponent(t).replace(/%24/g, '$'))
    .join('/')
}
