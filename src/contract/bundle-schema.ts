/**
 * Resolves every `$ref` of one schema (input or output) and bundles what it points to into the
 * schema itself, so the result is self-contained: `#/$defs/...` (2020-12) or `#/definitions/...`
 * (draft-07). A `$ref` resolves as JSON Schema 2020-12 §8.2 says: against the base URI of the
 * resource it sits in (`$id` at any depth, in any scheme: http, https, urn, relative), to a
 * resource some loaded document declares, an `$anchor`, a JSON pointer, or a relative file beside
 * the referring document; never to the network (§8.2.3 leaves retrieval to the implementation:
 * standin retrieves nothing). Every resource is read in the dialect its `$schema` names and
 * translated to the contract's draft.
 */
import type { ProblemCode } from '../errors.js'
import { basename, isAbsolute, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { assignOwn } from '../json/index.js'
import type { Problem } from '../errors.js'
import { cloneJson } from '../json/index.js'
import type { SchemaDraft } from './contract-types.js'
import { didYouMean } from './did-you-mean.js'
import { isUnder, joinPointer, parsePointer, resolvePointer, unescapeToken } from '../json/index.js'
import { understandOpenApi } from './openapi-keywords.js'
import type { ReadResult } from './read-data-file.js'
import { DRAFT_URI, dialectOfUri, type Dialect } from './schema-keywords.js'
import { isObject, safeUrl, subschemasOf, withoutHash } from '../json/index.js'
import { dropRefSiblings, translateSchema } from './translate-draft.js'

/** Where a schema came from, so problems found in its bundled form point back to the file. */
export interface SchemaOrigin {
  /** The file as the user sees it. */
  readonly file: string | undefined
  /** Pointer in that file. */
  readonly pointer: string
}

/** What bundling needs to know about the contract the schema sits in. */
export interface BundleOptions {
  readonly draft: SchemaDraft
  /** The dialect the schema itself is written in (default: `draft`). */
  readonly dialect?: Dialect
  /** The contract's parsed data (the document `#/...` refers to). */
  readonly contractData: unknown
  /** Absolute path of the contract file; undefined when loaded from an object. */
  readonly contractPath: string | undefined
  /** The contract file as the user named it. */
  readonly file: string | undefined
  /** Folder relative file refs resolve against when there is no contract file. */
  readonly cwd: string
  /** Pointer of the schema in the contract (`/input` or `/output`). */
  readonly basePointer: string
  /** Reads a sibling file (the caller caches). */
  readonly readDoc: (absolutePath: string) => Promise<ReadResult>
}

/** The bundled schema, the problems met, and where each imported definition came from. */
export interface BundleResult {
  readonly schema: unknown
  readonly problems: Problem[]
  /** Imported definition name -> origin (and its raw form, for meta-schema checks). */
  readonly imported: ReadonlyMap<
    string,
    SchemaOrigin & { readonly raw: unknown; readonly dialect: Dialect }
  >
  /** Maps a pointer in the bundled schema back to the file and pointer it came from. */
  readonly originOf: (pointer: string) => SchemaOrigin
  /** The dialect each resource was read in (the schema itself first), for `lint --verbose`. */
  readonly dialects: readonly (SchemaOrigin & { readonly dialect: Dialect })[]
}

interface Frame {
  readonly node: unknown
  readonly doc: string
  readonly at: string
  readonly root: string
  /** The base URI the frame's relative refs resolve against. */
  readonly base: string
}

/** Where a resource (an `$id`) or an anchor lives. */
interface Place {
  readonly doc: string
  readonly pointer: string
}

const CONTRACT_DOC = '\u0000contract'

/** What a `$ref` points at: the document, the pointer in it and the value there. */
interface Target {
  readonly doc: string
  readonly pointer: string
  readonly value: unknown
}

/** Reports a problem with the `$ref` being resolved. */
type RefProblem = (code: ProblemCode, message: string, hint: string) => void

/** What one bundling shares between its steps. */
interface Bundle {
  readonly options: BundleOptions
  /** Where imported targets go: `definitions` (draft-07) or `$defs` (2020-12). */
  readonly defsKey: string
  /** The schema being bundled (a copy of the caller's), rewritten in place. */
  readonly schema: Record<string, unknown>
  /** The dialect the schema itself is written in. */
  readonly ownDialect: Dialect
  readonly problems: Problem[]
  /** Imported definition name -> where it came from. */
  readonly imported: Map<string, SchemaOrigin & { raw: unknown; dialect: Dialect }>
  /** `doc#pointer` of each imported target -> its definition name, so each is imported once. */
  readonly names: Map<string, string>
  /** Every loaded document by absolute path (the contract under `CONTRACT_DOC`). */
  readonly docs: Map<string, unknown>
  readonly dialects: (SchemaOrigin & { dialect: Dialect })[]
  /** Every resource (`$id`) of every loaded document, by absolute URI. */
  readonly resources: Map<string, Place>
  /** Every anchor of every loaded document, by absolute URI. */
  readonly anchors: Map<string, Place>
  /** Every `$dynamicAnchor` name any loaded document declares. */
  readonly dynamicAnchors: Set<string>
  /** Schemas still to walk. */
  readonly stack: Frame[]
}

/**
 * Bundles `schema`. Never throws for a user mistake: problems are returned.
 *
 * @example
 * const { schema, problems } = await bundleSchema(data.output, { draft: '2020-12', contractData: data, contractPath, file, cwd, basePointer: '/output', readDoc })
 */
export async function bundleSchema(raw: unknown, options: BundleOptions): Promise<BundleResult> {
  const defsKey = options.draft === 'draft-07' ? 'definitions' : '$defs'
  const problems: Problem[] = []
  const imported = new Map<string, SchemaOrigin & { raw: unknown; dialect: Dialect }>()
  const schema = cloneJson<unknown>(raw)
  const originOf = (pointer: string): SchemaOrigin => originIn(options, defsKey, imported, pointer)
  const dialects: (SchemaOrigin & { dialect: Dialect })[] = []
  if (!isObject(schema)) return { schema, problems, imported, originOf, dialects }
  const bundle: Bundle = {
    options,
    defsKey,
    schema,
    ownDialect: options.dialect ?? options.draft,
    problems,
    imported,
    names: new Map(),
    docs: new Map([[CONTRACT_DOC, options.contractData]]),
    dialects,
    resources: new Map(),
    anchors: new Map(),
    dynamicAnchors: new Set(),
    stack: [],
  }
  dialects.push({ file: options.file, pointer: options.basePointer, dialect: bundle.ownDialect })
  dropSiblings(bundle, schema, bundle.ownDialect, options.file, options.basePointer)
  if (bundle.ownDialect !== options.draft) {
    const lost = translateSchema(schema, bundle.ownDialect, options.draft)
    lose(bundle, lost, options.file, options.basePointer)
  }
  schema.$schema = DRAFT_URI[options.draft]
  indexDocument(bundle, CONTRACT_DOC, options.contractData)
  await loadDefsDocuments(bundle)
  await rewriteRefs(bundle)
  understandOpenApi(schema)
  return { schema, problems, imported, originOf, dialects }
}

/** Maps a pointer in the bundled schema back to the file and pointer it came from. */
function originIn(
  options: BundleOptions,
  defsKey: string,
  imported: BundleResult['imported'],
  pointer: string,
): SchemaOrigin {
  const match = new RegExp(`^/${defsKey.replace('$', '\\$')}/([^/]+)(.*)$`).exec(pointer)
  const origin = match ? imported.get(match[1] ?? '') : undefined
  if (origin && match) return { file: origin.file, pointer: origin.pointer + (match[2] ?? '') }
  return { file: options.file, pointer: options.basePointer + pointer }
}

/** The file a document is shown as in problems: the contract as named, others from the cwd. */
function displayOf(bundle: Bundle, doc: string): string | undefined {
  return doc === CONTRACT_DOC ? bundle.options.file : relativeToCwd(bundle.options.cwd, doc)
}

/** The URI of a document, which its relative refs and `$id`s resolve against. */
function docUri(bundle: Bundle, doc: string): string {
  const { contractPath, cwd } = bundle.options
  return pathToFileURL(doc === CONTRACT_DOC ? (contractPath ?? resolve(cwd, 'contract.yaml')) : doc)
    .href
}

/** The bundle's definitions object, created on first use. */
function defsOf(bundle: Bundle): Record<string, unknown> {
  const existing = bundle.schema[bundle.defsKey]
  if (isObject(existing)) return existing
  const created: Record<string, unknown> = {}
  bundle.schema[bundle.defsKey] = created
  return created
}

/**
 * Walks the schema and every definition imported into it, rewriting each `$ref` as a pointer
 * from the bundle's root and checking each `$dynamicRef` has a scope.
 */
async function rewriteRefs(bundle: Bundle): Promise<void> {
  const { options, schema, stack } = bundle
  stack.push({
    node: schema,
    doc: CONTRACT_DOC,
    at: options.basePointer,
    root: options.basePointer,
    base: baseAt(bundle, CONTRACT_DOC, options.basePointer),
  })
  while (stack.length > 0) {
    const frame = stack.pop() as Frame
    const { node } = frame
    if (!isObject(node)) continue
    if (typeof node.$dynamicRef === 'string') checkDynamicRef(bundle, node.$dynamicRef, frame)
    if (typeof node.$ref === 'string') await rewriteRef(bundle, node, frame)
    // Every ref is now a pointer from the root: embedded resources and anchors are no longer
    // needed (and ajv would refuse the same anchor imported twice).
    if (node !== schema) delete node.$id
    delete node.$anchor
    pushChildren(bundle, frame, node)
  }
  dropDeadDefinitions(bundle)
}

/**
 * Drops the `definitions` and `$defs` inside each imported copy: every `$ref` in it now points at
 * the bundle's own definitions (each target imported once, by name), so nothing reaches them. Kept,
 * a file's `definitions` sat beside the bundle's `$defs`, and json-schema-to-typescript refused the
 * schema (SchemaStore's tsconfig.json). A copy that declares a `$dynamicAnchor` keeps them: a
 * `$dynamicRef` is not rewritten and may land there.
 */
function dropDeadDefinitions(bundle: Bundle): void {
  const defs = bundle.schema[bundle.defsKey]
  if (!isObject(defs)) return
  for (const name of bundle.imported.keys()) {
    const copy = defs[name]
    if (JSON.stringify(copy ?? null).includes('"$dynamicAnchor"')) continue
    const stack = [copy]
    while (stack.length > 0) {
      const node = stack.pop()
      if (!isObject(node)) continue
      delete node.definitions
      delete node.$defs
      for (const child of subschemasOf(node)) stack.push(child.schema)
    }
  }
}

/** Loads the documents the contract's $defs name up front, so their $ids are declared. */
async function loadDefsDocuments(bundle: Bundle): Promise<void> {
  const { options, docs } = bundle
  if (!isObject(options.contractData) || !isObject(options.contractData.$defs)) return
  for (const value of Object.values(options.contractData.$defs)) {
    if (!isObject(value) || typeof value.$ref !== 'string') continue
    const url = safeUrl(value.$ref, docUri(bundle, CONTRACT_DOC))
    if (url?.protocol !== 'file:' || value.$ref.startsWith('/')) continue
    const path = fileURLToPath(url.href.replace(/#.*$/, ''))
    if (docs.has(path)) continue
    const read = await options.readDoc(path)
    if (read.ok) {
      docs.set(path, read.data)
      indexDocument(bundle, path, read.data)
    }
  }
}

/** Reports problems with the `$ref` of the schema `frame` walks. */
function refProblem(bundle: Bundle, frame: Frame): RefProblem {
  return (code, message, hint) => {
    bundle.problems.push({
      code,
      severity: 'error',
      file: displayOf(bundle, frame.doc),
      pointer: joinPointer(frame.at, '$ref'),
      message,
      hint,
    })
  }
}

/**
 * Rewrites one `$ref` as a pointer from the bundle's root: into the schema itself, or into the
 * definition its target is imported as (imported once, then walked from its own frame).
 */
async function rewriteRef(
  bundle: Bundle,
  node: Record<string, unknown>,
  frame: Frame,
): Promise<void> {
  const { basePointer } = bundle.options
  const target = await locate(bundle, String(node.$ref), frame, refProblem(bundle, frame))
  if (!target) return
  if (target.doc === CONTRACT_DOC && isUnder(target.pointer, basePointer)) {
    node.$ref = `#${fragment(target.pointer.slice(basePointer.length))}`
    return
  }
  const key = `${target.doc}#${target.pointer}`
  let name = bundle.names.get(key)
  if (name === undefined) {
    name = importTarget(bundle, target)
    bundle.names.set(key, name)
  }
  node.$ref = `#${fragment(`/${bundle.defsKey}/${name}`)}`
}

/** Copies a `$ref` target into the definitions, in the bundle's draft; returns its name. */
function importTarget(bundle: Bundle, target: Target): string {
  const { options, dialects } = bundle
  const name = uniqueName(bundle, defsOf(bundle), target)
  const copy = cloneJson<unknown>(target.value)
  const dialect = dialectAt(bundle, target.doc, target.pointer)
  const file = displayOf(bundle, target.doc)
  dropSiblings(bundle, copy, dialect, file, target.pointer)
  if (dialect !== options.draft) {
    lose(bundle, translateSchema(copy, dialect, options.draft), file, target.pointer)
  }
  if (target.doc !== CONTRACT_DOC && dialects.every((d) => d.file !== file)) {
    dialects.push({ file, pointer: '', dialect: dialectAt(bundle, target.doc, '') })
  }
  if (isObject(copy)) {
    delete copy.$id
    delete copy.$schema
  }
  assignOwn(defsOf(bundle), name, copy)
  bundle.imported.set(name, { file, pointer: target.pointer, raw: target.value, dialect })
  bundle.stack.push({
    node: copy,
    doc: target.doc,
    at: target.pointer,
    root: rootOf(target),
    base: baseAt(bundle, target.doc, target.pointer),
  })
  return name
}

/** Pushes the subschemas of `node` to walk, each with the base URI its refs resolve against. */
function pushChildren(bundle: Bundle, frame: Frame, node: Record<string, unknown>): void {
  const { schema, defsKey, imported, stack } = bundle
  const children = subschemasOf(node)
  for (let i = children.length - 1; i >= 0; i--) {
    const child = children[i]
    if (!child) continue
    // Definitions imported into this very object are walked from their own frame.
    if (node === schema && child.keyword === defsKey && imported.has(child.tokens[1] ?? '')) {
      continue
    }
    const childId = isObject(child.schema) ? child.schema.$id : undefined
    stack.push({
      node: child.schema,
      doc: frame.doc,
      at: joinPointer(frame.at, ...child.tokens),
      root: frame.root,
      base:
        typeof childId === 'string' && !childId.startsWith('#')
          ? withoutHash(safeUrl(childId, frame.base)?.href ?? frame.base)
          : frame.base,
    })
  }
}

/**
 * Drops the `$ref` siblings a draft-04/06/07 schema ignores, with a warning for each (once, when
 * a schema is imported twice): ajv would apply them, in a draft-07 bundle.
 */
function dropSiblings(
  bundle: Bundle,
  schema: unknown,
  dialect: Dialect,
  file: string | undefined,
  at: string,
): void {
  for (const { pointer, keyword } of dropRefSiblings(schema, dialect)) {
    const where = joinPointer(at + pointer, keyword)
    if (bundle.problems.some((p) => p.file === file && p.pointer === where)) continue
    bundle.problems.push({
      code: 'schema.ignored-ref-sibling',
      severity: 'warning',
      file,
      pointer: where,
      message: `"${keyword}" beside "$ref" is ignored in ${dialect}, as that draft says, so it has no effect`,
      hint: `Move it into the schema the $ref points to, or put both under allOf: [{ "$ref": ... }, { "${keyword}": ... }].`,
    })
  }
}

/** Reports each keyword a translation to the bundle's draft could not keep. */
function lose(
  bundle: Bundle,
  keywords: readonly string[],
  file: string | undefined,
  pointer: string,
): void {
  for (const keyword of new Set(keywords)) {
    bundle.problems.push({
      code: 'schema.untranslatable',
      severity: 'error',
      file,
      pointer,
      message: `"${keyword}" cannot be said in JSON Schema ${bundle.options.draft}, the draft this contract is bundled in`,
      hint: `Write the contract's schemas in 2020-12 ($schema: ${DRAFT_URI['2020-12']}).`,
    })
  }
}

/** The schema positions of a document to index: the contract's sides and $defs, or the whole. */
function documentRoots(
  bundle: Bundle,
  doc: string,
  data: unknown,
): { node: unknown; at: string; base: string }[] {
  const base = docUri(bundle, doc)
  if (doc !== CONTRACT_DOC) return [{ node: data, at: '', base }]
  return ['input', 'output', '$defs'].flatMap((key) =>
    isObject(data) && data[key] !== undefined
      ? key === '$defs' && isObject(data.$defs)
        ? Object.entries(data.$defs).map(([name, node]) => ({
            node,
            at: joinPointer('/$defs', name),
            base,
          }))
        : [{ node: data[key], at: `/${key}`, base }]
      : [],
  )
}

/** Declares the resources and anchors of a document (its schema positions only). */
function indexDocument(bundle: Bundle, doc: string, data: unknown): void {
  const { resources, anchors, dynamicAnchors } = bundle
  resources.set(docUri(bundle, doc), { doc, pointer: '' })
  const stack = documentRoots(bundle, doc, data).map((root) => ({
    ...root,
    dialect: dialectAt(bundle, doc, root.at),
  }))
  while (stack.length > 0) {
    const { node, at, base: inherited, dialect: outer } = stack.pop() as (typeof stack)[number]
    if (!isObject(node)) continue
    let base = inherited
    const dialect = dialectOf(node, outer)
    const id = idOf(node, dialect)
    if (typeof id === 'string' && !id.startsWith('#')) {
      base = withoutHash(safeUrl(id, inherited)?.href ?? inherited)
      if (!resources.has(base)) resources.set(base, { doc, pointer: at })
    } else if (typeof id === 'string') {
      declareAnchor(bundle, `${base}${id}`, doc, at, '$id')
    }
    if (typeof node.$anchor === 'string')
      declareAnchor(bundle, `${base}#${node.$anchor}`, doc, at, '$anchor')
    if (typeof node.$dynamicAnchor === 'string') {
      dynamicAnchors.add(node.$dynamicAnchor)
      if (!anchors.has(`${base}#${node.$dynamicAnchor}`)) {
        anchors.set(`${base}#${node.$dynamicAnchor}`, { doc, pointer: at })
      }
    }
    for (const child of subschemasOf(node)) {
      stack.push({ node: child.schema, at: joinPointer(at, ...child.tokens), base, dialect })
    }
  }
}

/**
 * The `$id` of a schema node: draft-04 spells it `id` (draft-06 renamed it). Only a schema's own
 * keyword: a property named `id` sits under `properties`, never here.
 */
function idOf(node: Record<string, unknown>, dialect: Dialect): unknown {
  return dialect === 'draft-04' && node.$id === undefined ? node.id : node.$id
}

/** The dialect of a schema node: the one its `$schema` names, or `outer`. */
function dialectOf(node: Record<string, unknown>, outer: Dialect): Dialect {
  if (typeof node.$schema !== 'string') return outer
  const known = dialectOfUri(node.$schema)
  return 'dialect' in known ? known.dialect : outer
}

/** Declares an anchor, or reports it when the same resource already declares it elsewhere. */
function declareAnchor(
  bundle: Bundle,
  uri: string,
  doc: string,
  at: string,
  keyword: string,
): void {
  const first = bundle.anchors.get(uri)
  if (first && (first.doc !== doc || first.pointer !== at)) {
    bundle.problems.push({
      code: 'schema.duplicate-anchor',
      severity: 'error',
      file: displayOf(bundle, doc),
      pointer: joinPointer(at, keyword),
      message: `the anchor ${JSON.stringify(uri.slice(uri.indexOf('#')))} is already declared at ${first.pointer || '/'} in the same resource`,
      hint: 'Give each anchor a name of its own within its resource.',
    })
    return
  }
  bundle.anchors.set(uri, { doc, pointer: at })
}

/**
 * The base URI at `pointer` in a document: its URI, then each `$id` on the way down (draft-04's
 * `id` where that draft is read).
 */
function baseAt(bundle: Bundle, doc: string, pointer: string): string {
  let base = docUri(bundle, doc)
  let node = bundle.docs.get(doc)
  const tokens = parsePointer(pointer) ?? []
  let dialect: Dialect = doc === CONTRACT_DOC ? bundle.ownDialect : bundle.options.draft
  const visit = (value: unknown): void => {
    if (!isObject(value)) return
    dialect = dialectOf(value, dialect)
    const id = idOf(value, dialect)
    if (typeof id === 'string' && !id.startsWith('#')) {
      base = withoutHash(safeUrl(id, base)?.href ?? base)
    }
  }
  if (doc !== CONTRACT_DOC) visit(node)
  for (const token of tokens) {
    node =
      isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[token] : undefined
    visit(node)
  }
  return base
}

/** The dialect at `pointer` in a document: the nearest `$schema` on the way down. */
function dialectAt(bundle: Bundle, doc: string, pointer: string): Dialect {
  let dialect: Dialect = doc === CONTRACT_DOC ? bundle.ownDialect : bundle.options.draft
  let node = bundle.docs.get(doc)
  const visit = (value: unknown): void => {
    if (isObject(value)) dialect = dialectOf(value, dialect)
  }
  if (doc !== CONTRACT_DOC) visit(node)
  for (const token of parsePointer(pointer) ?? []) {
    node =
      isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[token] : undefined
    visit(node)
  }
  return dialect
}

/** Reports a `$dynamicRef` to an anchor name no loaded schema declares. */
function checkDynamicRef(bundle: Bundle, ref: string, frame: Frame): void {
  const hash = ref.indexOf('#')
  const name = hash < 0 ? '' : ref.slice(hash + 1)
  if (name === '' || name.startsWith('/')) return
  if (
    bundle.dynamicAnchors.has(name) ||
    bundle.anchors.has(`${withoutHash(safeUrl(ref, frame.base)?.href ?? '')}#${name}`)
  ) {
    return
  }
  bundle.problems.push({
    code: 'schema.dynamic-ref-no-scope',
    severity: 'error',
    file: displayOf(bundle, frame.doc),
    pointer: joinPointer(frame.at, '$dynamicRef'),
    message: `$dynamicRef ${JSON.stringify(ref)} has no dynamic scope: no loaded schema declares $dynamicAnchor ${JSON.stringify(name)}`,
    hint: `Declare "$dynamicAnchor": ${JSON.stringify(name)} in the schema the reference should extend.`,
  })
}

/** The target of `ref` (from `frame`), or undefined when a problem was reported. */
async function locate(
  bundle: Bundle,
  ref: string,
  frame: Frame,
  problem: RefProblem,
): Promise<Target | undefined> {
  const url = safeUrl(ref, frame.base)
  let pointer: string
  try {
    if (!url) throw new URIError(ref)
    pointer = decodeURIComponent(url.hash.slice(1))
  } catch {
    problem(
      'schema.bad-ref',
      `$ref ${JSON.stringify(ref)} is not a valid URI reference`,
      'Percent-encode it.',
    )
    return undefined
  }
  const found = await locateDocument(bundle, ref, url, frame, problem)
  if (!found) return undefined
  if (pointer !== '' && !pointer.startsWith('/'))
    return anchorTarget(bundle, ref, found, pointer, problem)
  return pointerTarget(bundle, ref, found, pointer, frame, problem)
}

/**
 * The document a `$ref` names, read and indexed on first use: a declared resource (`$id`), or a
 * file beside the referring one (confined to the contract's folder). Never the network.
 */
async function locateDocument(
  bundle: Bundle,
  ref: string,
  url: URL,
  frame: Frame,
  problem: RefProblem,
): Promise<{ doc: string; resource: string; key: string } | undefined> {
  const shown = JSON.stringify(ref)
  const hash = ref.indexOf('#')
  const filePart = hash < 0 ? ref : ref.slice(0, hash)
  let key = withoutHash(url.href)
  // A relative ref inside a resource whose $id is not a file (https://example.com/tree) that
  // names no declared resource is read beside the referring file, where it was found.
  if (
    !bundle.resources.has(key) &&
    url.protocol !== 'file:' &&
    !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(ref)
  ) {
    const beside = safeUrl(ref, docUri(bundle, frame.doc))
    if (beside) key = withoutHash(beside.href)
  }
  const place = bundle.resources.get(key)
  if (place) return { doc: place.doc, resource: place.pointer, key }
  if (!key.startsWith('file:')) {
    problem(
      'schema.remote-ref',
      /^https?:/.test(ref)
        ? `$ref ${shown} points to the network, and standin never fetches schemas`
        : `$ref ${shown} names ${key}, an $id no loaded document declares, and standin never fetches schemas`,
      'Copy the schema into this file or a file beside it and refer to it by relative path.',
    )
    return undefined
  }
  if (isAbsolute(filePart)) {
    problem(
      'schema.bad-ref',
      `$ref ${shown} is an absolute path`,
      'Refer to files by a path relative to the file that holds the $ref.',
    )
    return undefined
  }
  const doc = fileURLToPath(key)
  if (!bundle.docs.has(doc) && !(await loadDocument(bundle, ref, doc, problem))) return undefined
  return { doc, resource: '', key }
}

/**
 * Reads and indexes the file a `$ref` names; reports and returns false when it cannot be read.
 * File reads go through `readDoc`, which confines them to the contract's folder.
 */
async function loadDocument(
  bundle: Bundle,
  ref: string,
  doc: string,
  problem: RefProblem,
): Promise<boolean> {
  const read = await bundle.options.readDoc(doc)
  if (!read.ok) {
    const first = read.problems[0]
    problem(
      'schema.ref-not-found',
      `$ref ${JSON.stringify(ref)} points to ${relativeToCwd(bundle.options.cwd, doc)}, which ${
        !read.fatal
          ? `has an error${first?.line !== undefined ? ` at line ${first.line}, column ${first.column ?? 1}` : ''}: ${first?.message ?? ''}`
          : first?.message === 'file not found'
            ? 'does not exist'
            : (first?.message ?? 'cannot be read')
      }`,
      read.fatal
        ? 'Fix the path (it is relative to the file that holds the $ref).'
        : (first?.hint ?? ''),
    )
    return false
  }
  bundle.docs.set(doc, read.data)
  indexDocument(bundle, doc, read.data)
  return true
}

/**
 * The schema that declares the anchor a `$ref` names (`#name`). Anchors are declared under the base
 * URI of their resource, which an `$id` sets: a file found by its path (`common/defs.json#money`)
 * is looked up under its `$id` too, or its anchors are found only when a ref by `$id` came first.
 */
function anchorTarget(
  bundle: Bundle,
  ref: string,
  { doc, resource, key }: { doc: string; resource: string; key: string },
  anchor: string,
  problem: RefProblem,
): Target | undefined {
  const anchored =
    bundle.anchors.get(`${key}#${anchor}`) ??
    bundle.anchors.get(`${baseAt(bundle, doc, resource)}#${anchor}`)
  if (anchored) {
    const found = resolvePointer(bundle.docs.get(anchored.doc), anchored.pointer)
    if (found.found) return { doc: anchored.doc, pointer: anchored.pointer, value: found.value }
  }
  problem(
    'schema.ref-not-found',
    `$ref ${JSON.stringify(ref)} names the anchor "${anchor}", which no schema in ${key.startsWith('file:') && doc === CONTRACT_DOC ? 'this file' : key} declares`,
    'Declare it with "$anchor", or point to the schema with a JSON pointer, for example "#/$defs/Name".',
  )
  return undefined
}

/**
 * The schema at a JSON pointer in the document: from the resource that holds it, or in the
 * contract, from the side's schema first. Reports the nearest existing place when none exists.
 */
function pointerTarget(
  bundle: Bundle,
  ref: string,
  { doc, resource }: { doc: string; resource: string },
  pointer: string,
  frame: Frame,
  problem: RefProblem,
): Target | undefined {
  const data = bundle.docs.get(doc)
  const candidates =
    resource !== ''
      ? [resource + pointer]
      : doc === CONTRACT_DOC && frame.root !== ''
        ? [frame.root + pointer, pointer]
        : [pointer]
  for (const candidate of candidates) {
    const found = resolvePointer(data, candidate)
    if (found.found) return { doc, pointer: candidate, value: found.value }
  }
  let best = { deepest: '', keys: [] as string[], base: '' }
  for (const candidate of candidates) {
    const found = resolvePointer(data, candidate)
    const base = candidate === pointer ? '' : frame.root
    if (
      !found.found &&
      found.deepest.length - base.length >= best.deepest.length - best.base.length
    ) {
      best = { deepest: found.deepest, keys: found.keys, base }
    }
  }
  const tokens = (parsePointer(pointer) ?? []).slice(
    (parsePointer(best.deepest.slice(best.base.length)) ?? []).length,
  )
  const guess = didYouMean(tokens[0] ?? '', best.keys)
  const hash = ref.indexOf('#')
  const filePart = hash < 0 ? ref : ref.slice(0, hash)
  const where =
    filePart !== ''
      ? `in ${relativeToCwd(bundle.options.cwd, doc)}`
      : frame.root !== ''
        ? `in the ${frame.root.slice(1)} schema or this file`
        : 'in this file'
  problem(
    'schema.ref-not-found',
    `$ref ${JSON.stringify(ref)} points nowhere: there is no ${pointer || 'document'} ${where}`,
    guess
      ? `Did you mean "${filePart}#${fragment(joinPointer(best.deepest.slice(best.base.length), guess, ...tokens.slice(1)))}"?`
      : 'Point it at an existing schema, or add the missing one.',
  )
  return undefined
}

/** The side (`/input` or `/output`) a contract target sits in, or '' outside both. */
function rootOf(target: { doc: string; pointer: string }): string {
  if (target.doc !== CONTRACT_DOC) return ''
  if (isUnder(target.pointer, '/input')) return '/input'
  if (isUnder(target.pointer, '/output')) return '/output'
  return ''
}

/** A definition name for `target`, from its last pointer token or file name, not yet taken. */
function uniqueName(
  bundle: Bundle,
  existing: Record<string, unknown>,
  target: { doc: string; pointer: string },
): string {
  const last = target.pointer.split('/').pop()
  const base =
    (last && last.length > 0
      ? unescapeToken(last)
      : basename(target.doc).replace(/\..*$/, '')
    ).replace(/[^A-Za-z0-9_-]/g, '_') || 'Schema'
  let name = base
  for (let n = 2; Object.hasOwn(existing, name) || bundle.imported.has(name); n++)
    name = `${base}${n}`
  return name
}

/** A JSON pointer as a URI fragment (percent-encodes what a fragment may not hold). */
export function fragment(pointer: string): string {
  return pointer.replace(/[^A-Za-z0-9._~$!&'()*+,;=:@/-]/g, (c) => encodeURIComponent(c))
}

function relativeToCwd(cwd: string, path: string): string {
  const rel = relative(cwd, path)
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel
}
