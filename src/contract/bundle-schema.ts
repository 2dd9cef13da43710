/**
 * Resolves every `$ref` of one schema (input or output) and bundles what it points to into the
 * schema itself, so the result is self-contained: `#/$defs/...` (2020-12) or `#/definitions/...`
 * (draft-07). A `$ref` may point inside the schema, elsewhere in the contract file, or to a
 * relative file beside it; never to the network (JSON Schema 2020-12 §8.2.3 leaves retrieval to
 * the implementation: standin retrieves nothing).
 */
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path'
import { assignOwn } from '../json-object.js'
import type { Problem } from '../errors.js'
import { cloneJson } from './clone-json.js'
import type { SchemaDraft } from './contract-types.js'
import { didYouMean } from './did-you-mean.js'
import { isUnder, joinPointer, parsePointer, resolvePointer } from './json-pointer.js'
import type { ReadResult } from './read-data-file.js'
import { DRAFT_URI, isObject, subschemasOf } from './schema-keywords.js'

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
  readonly imported: ReadonlyMap<string, SchemaOrigin & { readonly raw: unknown }>
  /** Maps a pointer in the bundled schema back to the file and pointer it came from. */
  readonly originOf: (pointer: string) => SchemaOrigin
}

interface Frame {
  readonly node: unknown
  readonly doc: string
  readonly at: string
  readonly root: string
}

const CONTRACT_DOC = '\u0000contract'

/**
 * Bundles `schema`. Never throws for a user mistake: problems are returned.
 *
 * @example
 * const { schema, problems } = await bundleSchema(data.output, { draft: '2020-12', contractData: data, contractPath, file, cwd, basePointer: '/output', readDoc })
 */
export async function bundleSchema(raw: unknown, options: BundleOptions): Promise<BundleResult> {
  const defsKey = options.draft === 'draft-07' ? 'definitions' : '$defs'
  const problems: Problem[] = []
  const imported = new Map<string, SchemaOrigin & { raw: unknown }>()
  const names = new Map<string, string>()
  const docs = new Map<string, unknown>([[CONTRACT_DOC, options.contractData]])
  const schema = cloneJson<unknown>(raw)
  const originOf = (pointer: string): SchemaOrigin => {
    const match = new RegExp(`^/${defsKey.replace('$', '\\$')}/([^/]+)(.*)$`).exec(pointer)
    const origin = match ? imported.get(match[1] ?? '') : undefined
    if (origin && match) return { file: origin.file, pointer: origin.pointer + (match[2] ?? '') }
    return { file: options.file, pointer: options.basePointer + pointer }
  }
  if (!isObject(schema)) return { schema, problems, imported, originOf }
  schema.$schema = DRAFT_URI[options.draft]
  const defs = (): Record<string, unknown> => {
    const existing = schema[defsKey]
    if (isObject(existing)) return existing
    const created: Record<string, unknown> = {}
    schema[defsKey] = created
    return created
  }
  const displayOf = (doc: string): string | undefined =>
    doc === CONTRACT_DOC ? options.file : relativeToCwd(options.cwd, doc)
  const fileDir = (doc: string): string =>
    doc === CONTRACT_DOC
      ? options.contractPath
        ? dirname(options.contractPath)
        : options.cwd
      : dirname(doc)

  const stack: Frame[] = [
    { node: schema, doc: CONTRACT_DOC, at: options.basePointer, root: options.basePointer },
  ]
  while (stack.length > 0) {
    const frame = stack.pop() as Frame
    const { node } = frame
    if (!isObject(node)) continue
    if (typeof node.$ref === 'string') {
      const problem = (code: string, message: string, hint: string): void => {
        problems.push({
          code,
          severity: 'error',
          file: displayOf(frame.doc),
          pointer: joinPointer(frame.at, '$ref'),
          message,
          hint,
        })
      }
      const target = await locate(node.$ref, frame, problem)
      if (target) {
        if (target.doc === CONTRACT_DOC && isUnder(target.pointer, options.basePointer)) {
          node.$ref = `#${fragment(target.pointer.slice(options.basePointer.length))}`
        } else {
          const key = `${target.doc}#${target.pointer}`
          let name = names.get(key)
          if (name === undefined) {
            name = uniqueName(defs(), target)
            names.set(key, name)
            const copy = cloneJson<unknown>(target.value)
            if (isObject(copy)) {
              delete copy.$id
              delete copy.$schema
            }
            assignOwn(defs(), name, copy)
            imported.set(name, {
              file: displayOf(target.doc),
              pointer: target.pointer,
              raw: target.value,
            })
            stack.push({ node: copy, doc: target.doc, at: target.pointer, root: rootOf(target) })
          }
          node.$ref = `#${fragment(`/${defsKey}/${name}`)}`
        }
      }
    }
    if (node !== schema) delete node.$id
    const children = subschemasOf(node)
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]
      if (!child) continue
      // Definitions imported into this very object are walked from their own frame.
      if (node === schema && child.keyword === defsKey && imported.has(child.tokens[1] ?? '')) {
        continue
      }
      stack.push({
        node: child.schema,
        doc: frame.doc,
        at: joinPointer(frame.at, ...child.tokens),
        root: frame.root,
      })
    }
  }
  return { schema, problems, imported, originOf }

  async function locate(
    ref: string,
    frame: Frame,
    problem: (code: string, message: string, hint: string) => void,
  ): Promise<{ doc: string; pointer: string; value: unknown } | undefined> {
    const shown = JSON.stringify(ref)
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(ref)) {
      problem(
        'schema.remote-ref',
        `$ref ${shown} points to the network, and standin never fetches schemas`,
        'Copy the schema into this file or a file beside it and refer to it by relative path.',
      )
      return undefined
    }
    const hash = ref.indexOf('#')
    const filePart = hash < 0 ? ref : ref.slice(0, hash)
    let pointer: string
    try {
      pointer = decodeURIComponent(hash < 0 ? '' : ref.slice(hash + 1))
    } catch {
      problem('schema.bad-ref', `$ref ${shown} is not a valid URI reference`, 'Percent-encode it.')
      return undefined
    }
    if (pointer !== '' && !pointer.startsWith('/')) {
      problem(
        'schema.unsupported-ref',
        `$ref ${shown} names an anchor, which standin does not resolve`,
        'Point to the schema with a JSON pointer, for example "#/$defs/Name".',
      )
      return undefined
    }
    let doc = frame.doc
    if (filePart !== '') {
      if (isAbsolute(filePart)) {
        problem(
          'schema.bad-ref',
          `$ref ${shown} is an absolute path`,
          'Refer to files by a path relative to the file that holds the $ref.',
        )
        return undefined
      }
      doc = resolve(fileDir(frame.doc), filePart)
      if (!docs.has(doc)) {
        const read = await options.readDoc(doc)
        if (!read.ok) {
          const first = read.problems[0]
          problem(
            'schema.ref-not-found',
            `$ref ${shown} points to ${relativeToCwd(options.cwd, doc)}, which ${
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
          return undefined
        }
        docs.set(doc, read.data)
      }
    }
    const data = docs.get(doc)
    const candidates =
      filePart === '' && frame.root !== '' ? [frame.root + pointer, pointer] : [pointer]
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
    const where =
      filePart !== ''
        ? `in ${relativeToCwd(options.cwd, doc)}`
        : frame.root !== ''
          ? `in the ${frame.root.slice(1)} schema or this file`
          : 'in this file'
    problem(
      'schema.ref-not-found',
      `$ref ${shown} points nowhere: there is no ${pointer || 'document'} ${where}`,
      guess
        ? `Did you mean "${filePart}#${fragment(joinPointer(best.deepest.slice(best.base.length), guess, ...tokens.slice(1)))}"?`
        : 'Point it at an existing schema, or add the missing one.',
    )
    return undefined
  }

  function rootOf(target: { doc: string; pointer: string }): string {
    if (target.doc !== CONTRACT_DOC) return ''
    if (isUnder(target.pointer, '/input')) return '/input'
    if (isUnder(target.pointer, '/output')) return '/output'
    return ''
  }

  function uniqueName(
    existing: Record<string, unknown>,
    target: { doc: string; pointer: string },
  ): string {
    const last = target.pointer.split('/').pop()
    const base =
      (last && last.length > 0
        ? last.replace(/~1/g, '/').replace(/~0/g, '~')
        : basename(target.doc).replace(/\..*$/, '')
      ).replace(/[^A-Za-z0-9_-]/g, '_') || 'Schema'
    let name = base
    for (let n = 2; Object.hasOwn(existing, name) || imported.has(name); n++) name = `${base}${n}`
    return name
  }
}

/** A JSON pointer as a URI fragment (percent-encodes what a fragment may not hold). */
export function fragment(pointer: string): string {
  return pointer.replace(/[^A-Za-z0-9._~$!&'()*+,;=:@/-]/g, (c) => encodeURIComponent(c))
}

function relativeToCwd(cwd: string, path: string): string {
  const rel = relative(cwd, path)
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel
}
