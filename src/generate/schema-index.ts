/**
 * Where every subschema of one root schema lives: its JSON pointer and its base URI, plus the
 * `$id`s and `$anchor`s it declares, so `$ref`s resolve locally (never over the network).
 */
import { escapeToken, isObject, subschemasOf } from '../json/index.js'
import { SchemaProblem } from './unsatisfiable-schema-error.js'

/** A subschema, by the pointer from the root and the base URI its relative `$ref`s resolve against. */
export interface SchemaRef {
  readonly schema: unknown
  readonly pointer: string
  readonly base: string
  /** A schema standin made up (for example `{ required: [name] }`); validated inline. */
  readonly inline?: boolean
}

/** The base URI a schema without `$id` gets (never fetched). */
export const ROOT_URI = 'https://standin.invalid/schema.json'

/** Is a plain object (not an array, not null). */
export const isRecord = isObject

/** The URIs and anchors of one root schema, for `$ref` resolution. */
export interface SchemaIndex {
  readonly root: SchemaRef
  /** Every `$ref` in the schema, where it sits: resolving them all finds a dangling one up front. */
  readonly refs: readonly { readonly ref: string; readonly from: SchemaRef }[]
  /** The pointer of every schema position (not data inside enum, const, default or examples). */
  readonly schemaPointers: readonly string[]
  resolve(ref: string, from: SchemaRef): SchemaRef
  /** Every `$dynamicRef` in the schema, where it sits. */
  readonly dynamicRefs: readonly { readonly ref: string; readonly from: SchemaRef }[]
  /**
   * Where a `$dynamicRef` lands when that does not depend on the path to it: like a `$ref` when
   * its target declares no matching `$dynamicAnchor`, else at the root resource's
   * `$dynamicAnchor` of that name (the root is the outermost dynamic scope of every path).
   * Undefined when the target depends on the dynamic scope.
   */
  resolveDynamic(ref: string, from: SchemaRef): SchemaRef | undefined
}

function withoutHash(uri: string): string {
  const at = uri.indexOf('#')
  return at < 0 ? uri : uri.slice(0, at)
}

function safeUrl(ref: string, base: string): URL | undefined {
  try {
    return new URL(ref, base)
  } catch {
    return undefined
  }
}

/** Indexes `$id`s and anchors of a root schema. */
export function indexSchema(
  root: unknown,
  draft: '2020-12' | 'draft-07',
  defaultUri = ROOT_URI,
): SchemaIndex {
  const byUri = new Map<string, SchemaRef>()
  const refs: { ref: string; from: SchemaRef }[] = []
  const schemaPointers: string[] = []
  const dynamicRefs: { ref: string; from: SchemaRef }[] = []
  const dynamicAnchors = new Map<string, SchemaRef>()
  const rootId = isRecord(root) && typeof root.$id === 'string' ? root.$id : undefined
  const rootBase = rootId ? (safeUrl(rootId, defaultUri)?.href ?? defaultUri) : defaultUri
  const visit = (schema: unknown, pointer: string, inherited: string): void => {
    if (!isRecord(schema)) return
    schemaPointers.push(pointer)
    let base = inherited
    const id = schema.$id
    if (typeof id === 'string') {
      if (draft === 'draft-07' && id.startsWith('#')) {
        byUri.set(withoutHash(base) + id, { schema, pointer, base })
      } else {
        base = withoutHash(safeUrl(id, inherited)?.href ?? inherited)
        byUri.set(base, { schema, pointer, base })
        const hash = safeUrl(id, inherited)?.hash
        if (hash && hash.length > 1) byUri.set(base + hash, { schema, pointer, base })
      }
    }
    if (typeof schema.$ref === 'string')
      refs.push({ ref: schema.$ref, from: { schema, pointer, base } })
    if (typeof schema.$dynamicRef === 'string')
      dynamicRefs.push({ ref: schema.$dynamicRef, from: { schema, pointer, base } })
    if (typeof schema.$dynamicAnchor === 'string')
      dynamicAnchors.set(`${base}#${schema.$dynamicAnchor}`, { schema, pointer, base })
    for (const key of ['$anchor', '$dynamicAnchor']) {
      const anchor = schema[key]
      if (typeof anchor === 'string') byUri.set(`${base}#${anchor}`, { schema, pointer, base })
    }
    for (const child of subschemasOf(schema)) {
      visit(child.schema, `${pointer}/${child.tokens.map(escapeToken).join('/')}`, base)
    }
  }
  const rootRef: SchemaRef = { schema: root, pointer: '', base: rootBase }
  byUri.set(rootBase, rootRef)
  visit(root, '', rootBase)

  const follow = (start: SchemaRef, fragment: string, ref: string, at: string): SchemaRef => {
    let current = start
    for (const raw of fragment.split('/').slice(1)) {
      let decoded = raw
      try {
        decoded = decodeURIComponent(raw)
      } catch {
        // not percent-encoded after all: use it as written
      }
      const token = decoded.replace(/~1/g, '/').replace(/~0/g, '~')
      const node: unknown = current.schema
      const next: unknown = isRecord(node)
        ? node[token]
        : Array.isArray(node)
          ? node[Number(token)]
          : undefined
      if (next === undefined) {
        throw new SchemaProblem(
          'schema.unsupported',
          at,
          `$ref "${ref}" does not resolve inside the schema`,
          'Point the $ref at a subschema of this schema, or bundle it.',
        )
      }
      let base = current.base
      if (
        isRecord(next) &&
        typeof next.$id === 'string' &&
        !(draft === 'draft-07' && next.$id.startsWith('#'))
      ) {
        base = withoutHash(safeUrl(next.$id, base)?.href ?? base)
      }
      current = { schema: next, pointer: `${current.pointer}/${escapeToken(token)}`, base }
    }
    return current
  }

  const index: SchemaIndex = {
    root: rootRef,
    refs,
    schemaPointers,
    dynamicRefs,
    resolveDynamic(ref, from) {
      const target = index.resolve(ref, from)
      const hash = ref.includes('#') ? ref.slice(ref.indexOf('#') + 1) : ''
      if (hash === '' || hash.startsWith('/')) return target
      if (!isRecord(target.schema) || target.schema.$dynamicAnchor !== hash) return target
      const outermost = dynamicAnchors.get(`${rootBase}#${hash}`)
      if (outermost) return outermost
      // No other resource declares it: only this one can be in scope.
      const declaring = [...dynamicAnchors.keys()].filter((k) => k.endsWith(`#${hash}`))
      return declaring.length === 1 ? target : undefined
    },
    resolve(ref, from) {
      const at = `${from.pointer}/$ref`
      const url = safeUrl(ref, from.base)
      if (!url) {
        throw new SchemaProblem(
          'schema.unsupported',
          at,
          `$ref "${ref}" is not a valid URI reference`,
          'Fix the $ref.',
        )
      }
      const doc = byUri.get(withoutHash(url.href))
      let hash: string
      try {
        hash = decodeURIComponent(url.hash)
      } catch {
        hash = url.hash
      }
      if (!doc) {
        throw new SchemaProblem(
          'schema.unsupported',
          at,
          `$ref "${ref}" points outside the schema (standin never fetches remote schemas)`,
          'Bundle the referenced schema into $defs.',
        )
      }
      if (hash === '' || hash === '#') return doc
      // Pointer fragments are percent-decoded token by token in follow (RFC 6901 §6).
      if (url.hash.startsWith('#/')) return follow(doc, url.hash.slice(1), ref, at)
      const anchored =
        byUri.get(`${withoutHash(url.href)}${url.hash}`) ?? byUri.get(withoutHash(url.href) + hash)
      if (!anchored) {
        throw new SchemaProblem(
          'schema.unsupported',
          at,
          `$ref "${ref}" names an anchor the schema does not declare`,
          'Declare the $anchor, or use a JSON pointer.',
        )
      }
      return anchored
    },
  }
  return index
}
