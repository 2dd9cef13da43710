/**
 * The operations of an OpenAPI document, and which of them `standin import openapi` can turn
 * into a contract: those that take a JSON request body.
 */
import { didYouMean } from '../contract/index.js'
import { isObject, joinPointer, resolvePointer } from '../json/index.js'
import { interopError } from './import-error.js'
import type { OpenApiDocument } from './openapi-document.js'

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

/** One operation of the document. */
export interface OpenApiOperation {
  /** `operationId` when it has one, else `METHOD /path`. */
  readonly id: string
  readonly method: string
  readonly path: string
  readonly summary?: string
  /** Pointer of the operation in the document (`/paths/~1generate/post`). */
  readonly pointer: string
  /** The operation object, as written. */
  readonly operation: Record<string, unknown>
  /** Why it cannot be imported; undefined when it can. */
  readonly unimportable?: string
}

/** Follows a local `$ref` (components/requestBodies, components/responses, ...). */
export function follow(doc: Record<string, unknown>, value: unknown, depth = 0): unknown {
  if (!isObject(value) || typeof value.$ref !== 'string' || depth > 16) return value
  if (!value.$ref.startsWith('#')) return value
  const target = resolvePointer(doc, decodeURIComponent(value.$ref.slice(1)))
  return target.found ? follow(doc, target.value, depth + 1) : undefined
}

/** The JSON media type of a content map: `application/json` first, then any `+json` or `/json`. */
export function jsonMedia(content: unknown): [string, Record<string, unknown>] | undefined {
  if (!isObject(content)) return undefined
  const types = Object.keys(content)
  const type =
    types.find((t) => t.split(';')[0]?.trim().toLowerCase() === 'application/json') ??
    types.find((t) => /[/+]json\s*(;|$)/i.test(t))
  const media = type === undefined ? undefined : content[type]
  return type !== undefined && isObject(media) ? [type, media] : undefined
}

/** Every operation of the document, in document order. */
export function listOperations(api: OpenApiDocument): OpenApiOperation[] {
  const paths = isObject(api.doc.paths) ? api.doc.paths : {}
  const out: OpenApiOperation[] = []
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue
    for (const method of METHODS) {
      const operation = item[method]
      if (!isObject(operation)) continue
      const body = follow(api.doc, operation.requestBody)
      const json = isObject(body) ? jsonMedia(body.content) : undefined
      const upper = method.toUpperCase()
      const id =
        typeof operation.operationId === 'string' ? operation.operationId : `${upper} ${path}`
      const unimportable = !json
        ? 'no JSON request body'
        : !['POST', 'PUT', 'PATCH', 'GET'].includes(upper)
          ? `the method ${upper} (standin's json protocol serves POST, PUT, PATCH and GET)`
          : undefined
      out.push({
        id,
        method: upper,
        path,
        ...(typeof operation.summary === 'string' ? { summary: operation.summary } : {}),
        pointer: joinPointer(joinPointer('/paths', path), method),
        operation,
        ...(unimportable ? { unimportable } : {}),
      })
    }
  }
  return out
}

/** The operation `wanted` names: an `operationId`, or `METHOD /path` (method in any case). */
export function findOperation(api: OpenApiDocument, wanted: string): OpenApiOperation {
  const all = listOperations(api)
  const spaced = /^([A-Za-z]+)\s+(\/.*)$/.exec(wanted.trim())
  const found = all.find(
    (op) =>
      op.id === wanted ||
      (spaced !== null && op.method === spaced[1]?.toUpperCase() && op.path === spaced[2]),
  )
  const importable = all.filter((op) => !op.unimportable)
  if (!found) {
    const near = didYouMean(
      wanted,
      all.map((op) => op.id),
    )
    throw interopError(
      'import.operation',
      { source: api.source, pointer: '/paths' },
      `has no operation "${wanted}"${near ? ` (did you mean "${near}"?)` : ''}`,
      importable.length > 0
        ? `Pick one of: ${importable.map((op) => op.id).join(', ')}.`
        : 'The document has no operation with a JSON request body to import.',
    )
  }
  if (found.unimportable) {
    const others = importable.filter((op) => op !== found).map((op) => op.id)
    throw interopError(
      'import.operation',
      { source: api.source, pointer: found.pointer },
      `the operation ${found.method} ${found.path} has ${found.unimportable}, so it cannot be imported`,
      others.length > 0
        ? `Pick an operation that takes JSON: ${others.join(', ')}.`
        : 'The document has no operation with a JSON request body to import.',
    )
  }
  return found
}
