/**
 * Where every subschema of one root schema lives: its JSON pointer and its base URI, plus the
 * `$id`s and `$anchor`s it declares, so `$ref`s resolve locally (never over the network).
 */
import {
  decodeToken,
  escapeToken,
  isObject,
  safeUrl,
  subschemasOf,
  withoutHash,
} from '../json/index.js'
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

/** What indexing gathers as it walks one root schema, and what resolving reads back. */
interface Indexed {
  readonly draft: '2020-12' | 'draft-07'
  /** The root resource's base URI. */
  readonly rootBase: string
  /** Every resource and anchor, by absolute URI. */
  readonly byUri: Map<string, SchemaRef>
  readonly refs: { ref: string; from: SchemaRef }[]
  readonly schemaPointers: string[]
  readonly dynamicRefs: { ref: string; from: SchemaRef }[]
  /** Every `$dynamicAnchor`, by its resource's base URI and name. */
  readonly dynamicAnchors: Map<string, SchemaRef>
}

/** Records one subschema (its `$id`, anchors and refs) and walks into its subschemas. */
function visit(ctx: Indexed, schema: unknown, pointer: string, inherited: string): void {
  if (!isRecord(schema)) return
  ctx.schemaPointers.push(pointer)
  let base = inherited
  const id = schema.$id
  if (typeof id === 'string') {
    if (ctx.draft === 'draft-07' && id.startsWith('#')) {
      ctx.byUri.set(withoutHash(base) + id, { schema, pointer, base })
    } else {
      base = withoutHash(safeUrl(id, inherited)?.href ?? inherited)
      ctx.byUri.set(base, { schema, pointer, base })
      const hash = safeUrl(id, inherited)?.hash
      if (hash && hash.length > 1) ctx.byUri.set(base + hash, { schema, pointer, base })
    }
  }
  if (typeof schema.$ref === 'string')
    ctx.refs.push({ ref: schema.$ref, from: { schema, pointer, base } })
  if (typeof schema.$dynamicRef === 'string')
    ctx.dynamicRefs.push({ ref: schema.$dynamicRef, from: { schema, pointer, base } })
  if (typeof schema.$dynamicAnchor === 'string')
    ctx.dynamicAnchors.set(`${base}#${schema.$dynamicAnchor}`, { schema, pointer, base })
  for (const key of ['$anchor', '$dynamicAnchor']) {
    const anchor = schema[key]
    if (typeof anchor === 'string') ctx.byUri.set(`${base}#${anchor}`, { schema, pointer, base })
  }
  for (const child of subschemasOf(schema)) {
    visit(ctx, child.schema, `${pointer}/${child.tokens.map(escapeToken).join('/')}`, base)
  }
}

/** Follows a JSON-pointer fragment from `start`, tracking `$id` base changes on the way. */
function follow(
  draft: '2020-12' | 'draft-07',
  start: SchemaRef,
  fragment: string,
  ref: string,
  at: string,
): SchemaRef {
  let current = start
  for (const raw of fragment.split('/').slice(1)) {
    const token = decodeToken(raw)
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

/** Resolves a `$ref` from where it sits, inside the schema only. */
function resolveRef(ctx: Indexed, ref: string, from: SchemaRef): SchemaRef {
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
  const doc = ctx.byUri.get(withoutHash(url.href))
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
  if (url.hash.startsWith('#/')) return follow(ctx.draft, doc, url.hash.slice(1), ref, at)
  const anchored =
    ctx.byUri.get(`${withoutHash(url.href)}${url.hash}`) ??
    ctx.byUri.get(withoutHash(url.href) + hash)
  if (!anchored) {
    throw new SchemaProblem(
      'schema.unsupported',
      at,
      `$ref "${ref}" names an anchor the schema does not declare`,
      'Declare the $anchor, or use a JSON pointer.',
    )
  }
  return anchored
}

/** Where a `$dynamicRef` lands when that does not depend on the path to it (see `SchemaIndex`). */
function resolveDynamicRef(ctx: Indexed, ref: string, from: SchemaRef): SchemaRef | undefined {
  const target = resolveRef(ctx, ref, from)
  const hash = ref.includes('#') ? ref.slice(ref.indexOf('#') + 1) : ''
  if (hash === '' || hash.startsWith('/')) return target
  if (!isRecord(target.schema) || target.schema.$dynamicAnchor !== hash) return target
  const outermost = ctx.dynamicAnchors.get(`${ctx.rootBase}#${hash}`)
  if (outermost) return outermost
  // No other resource declares it: only this one can be in scope.
  const declaring = [...ctx.dynamicAnchors.keys()].filter((k) => k.endsWith(`#${hash}`))
  return declaring.length === 1 ? target : undefined
}

/** Indexes `$id`s and anchors of a root schema. */
export function indexSchema(
  root: unknown,
  draft: '2020-12' | 'draft-07',
  defaultUri = ROOT_URI,
): SchemaIndex {
  const rootId = isRecord(root) && typeof root.$id === 'string' ? root.$id : undefined
  const rootBase = rootId ? (safeUrl(rootId, defaultUri)?.href ?? defaultUri) : defaultUri
  const ctx: Indexed = {
    draft,
    rootBase,
    byUri: new Map<string, SchemaRef>(),
    refs: [],
    schemaPointers: [],
    dynamicRefs: [],
    dynamicAnchors: new Map<string, SchemaRef>(),
  }
  const rootRef: SchemaRef = { schema: root, pointer: '', base: rootBase }
  ctx.byUri.set(rootBase, rootRef)
  visit(ctx, root, '', rootBase)
  return {
    root: rootRef,
    refs: ctx.refs,
    schemaPointers: ctx.schemaPointers,
    dynamicRefs: ctx.dynamicRefs,
    resolveDynamic: (ref, from) => resolveDynamicRef(ctx, ref, from),
    resolve: (ref, from) => resolveRef(ctx, ref, from),
  }
}
