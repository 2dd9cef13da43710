/**
 * Each schema resource is read in the dialect its `$schema` names (draft-04, -06, -07, 2019-09 or
 * 2020-12), and bundled in the contract's draft: `translateSchema` says the same thing in the
 * other draft (`items` lists become `prefixItems`, `dependencies` splits in two, draft-04's boolean
 * `exclusiveMaximum` becomes a number). `$ref` siblings, ignored before 2019-09, are dropped by
 * `dropRefSiblings`, in every bundle.
 */
import type { SchemaDraft } from './contract-types.js'
import { type Dialect } from './schema-keywords.js'
import { isObject, subschemasOf, walkSchema } from '../json/index.js'

/** Keywords draft-07 cannot express, by the 2020-12 keyword. */
const NO_DRAFT_07: readonly string[] = [
  'unevaluatedItems',
  'unevaluatedProperties',
  '$dynamicRef',
  '$dynamicAnchor',
  'minContains',
  'maxContains',
  '$recursiveRef',
  '$recursiveAnchor',
]

/**
 * Keywords a draft-04/06/07 `$ref` keeps beside it: the definitions its target may sit in, the
 * dialect, and notes with no effect on validation. `x-` extensions (`x-standin` hints) stay too.
 */
const REF_SIBLINGS = new Set([
  '$ref',
  '$schema',
  'definitions',
  '$defs',
  '$comment',
  'title',
  'description',
])

/** One keyword beside a `$ref` that its draft ignores, dropped: its schema's pointer and name. */
export interface DroppedSibling {
  /** The pointer of the schema that holds the `$ref`, from the schema given. */
  readonly pointer: string
  readonly keyword: string
}

/**
 * Drops, in place, the keywords beside every `$ref` of a draft-04, -06 or -07 schema: "All other
 * properties in a "$ref" object MUST be ignored" (draft-07 Core §8.3; ajv would apply them).
 * Done whatever draft the schema is bundled in, so a draft-07 schema means the same in a draft-07
 * and in a 2020-12 bundle. Returns what was dropped.
 *
 * @example
 * const schema = { $ref: '#/definitions/n', type: 'string' }
 * dropRefSiblings(schema, 'draft-07') // [{ pointer: '', keyword: 'type' }]; schema: { $ref: '#/definitions/n' }
 */
export function dropRefSiblings(schema: unknown, dialect: Dialect): DroppedSibling[] {
  if (dialect !== 'draft-04' && dialect !== 'draft-06' && dialect !== 'draft-07') return []
  const dropped: DroppedSibling[] = []
  walkSchema(schema, '', (node, pointer) => {
    if (!isObject(node) || typeof node.$ref !== 'string') return
    for (const keyword of Object.keys(node)) {
      if (REF_SIBLINGS.has(keyword) || keyword.startsWith('x-')) continue
      delete node[keyword]
      dropped.push({ pointer, keyword })
    }
  })
  return dropped
}

/**
 * Translates `schema` (a fresh copy the caller owns) in place from `from` to the `to` draft.
 * Returns the keywords that `to` cannot express (empty when nothing was lost).
 *
 * @example
 * const schema = { $schema: 'http://json-schema.org/draft-07/schema#', items: [{ type: 'string' }], additionalItems: false }
 * translateSchema(schema, 'draft-07', '2020-12') // schema: { prefixItems: [{ type: 'string' }], items: false }
 */
export function translateSchema(schema: unknown, from: Dialect, to: SchemaDraft): string[] {
  const lost: string[] = []
  if (from === to) return lost
  const stack: unknown[] = [schema]
  while (stack.length > 0) {
    const node = stack.pop()
    if (!isObject(node)) continue
    if (from === 'draft-04') fromDraft04(node)
    if (to === '2020-12') toModern(node, from)
    else toDraft07(node, lost)
    delete node.$schema
    for (const child of subschemasOf(node)) stack.push(child.schema)
  }
  return lost
}

/**
 * What draft-04 says otherwise than every later draft: `id` (draft-06 renamed it `$id`), and the
 * boolean `exclusiveMaximum` / `exclusiveMinimum` (numbers since draft-06).
 */
function fromDraft04(node: Record<string, unknown>): void {
  if (typeof node.id === 'string' && node.$id === undefined) {
    node.$id = node.id
    delete node.id
  }
  for (const [bound, exclusive] of [
    ['maximum', 'exclusiveMaximum'],
    ['minimum', 'exclusiveMinimum'],
  ] as const) {
    if (node[exclusive] === true && typeof node[bound] === 'number') {
      node[exclusive] = node[bound]
      delete node[bound]
    } else if (typeof node[exclusive] === 'boolean') delete node[exclusive]
  }
}

function toModern(node: Record<string, unknown>, from: Dialect): void {
  const old = from === 'draft-04' || from === 'draft-06' || from === 'draft-07'
  if (old) {
    if (typeof node.$id === 'string' && node.$id.startsWith('#')) {
      node.$anchor = node.$id.slice(1)
      delete node.$id
    }
    if (isObject(node.dependencies)) {
      for (const [name, value] of Object.entries(node.dependencies)) {
        const key = Array.isArray(value) ? 'dependentRequired' : 'dependentSchemas'
        const target = isObject(node[key]) ? node[key] : (node[key] = {})
        target[name] = value
      }
      delete node.dependencies
    }
  }
  if (Array.isArray(node.items)) {
    node.prefixItems = node.items
    if (node.additionalItems !== undefined) node.items = node.additionalItems
    else delete node.items
  }
  delete node.additionalItems
  if (from === '2019-09') {
    if (node.$recursiveRef === '#') {
      node.$dynamicRef = '#standin-recursive'
      delete node.$recursiveRef
    }
    if (node.$recursiveAnchor === true) node.$dynamicAnchor = 'standin-recursive'
    delete node.$recursiveAnchor
  }
}

function toDraft07(node: Record<string, unknown>, lost: string[]): void {
  if (Array.isArray(node.prefixItems)) {
    if (node.items !== undefined) node.additionalItems = node.items
    node.items = node.prefixItems
    delete node.prefixItems
  }
  for (const key of ['dependentRequired', 'dependentSchemas']) {
    const value = node[key]
    if (!isObject(value)) continue
    const target = isObject(node.dependencies) ? node.dependencies : (node.dependencies = {})
    Object.assign(target, value)
    delete node[key]
  }
  if (typeof node.$anchor === 'string') {
    node.$id = `#${node.$anchor}`
    delete node.$anchor
  }
  for (const key of NO_DRAFT_07) if (key in node) lost.push(key)
}
