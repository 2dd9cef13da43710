/**
 * Reads an OpenAPI 3.0 or 3.1 document for import: refuses references outside the document
 * (standin fetches nothing: a remote or file `$ref` is named with its pointer), then validates it
 * with @readme/openapi-parser and reports its first error with the pointer where it sits.
 */
import { loadOpenApiParser, type OpenApiParserModule } from './load-openapi-parser.js'
import { isObject, joinPointer, shortJson } from '../json/index.js'
import { interopError } from './import-error.js'
import { readSource } from './read-source.js'

/** A validated OpenAPI document, as written (its `$ref`s still in place). */
export interface OpenApiDocument {
  readonly source: string
  readonly doc: Record<string, unknown>
  /** `3.0` or `3.1`: 3.0 schemas are a dialect (`nullable`, boolean `exclusiveMinimum`, ...). */
  readonly version: '3.0' | '3.1'
  /**
   * Pointers where a 3.0 document writes `exclusiveMinimum`/`exclusiveMaximum` as a number, the
   * 3.1 form (generators such as utoipa do): read as 3.1 reads them, and noted.
   */
  readonly mixedDialect: readonly string[]
}

/**
 * In a 3.0 document, rewrites numeric `exclusiveMinimum`/`exclusiveMaximum` (3.1's form) to 3.0's
 * (`minimum` plus `true`), in place, so the 3.0 validation judges the rest; returns their pointers.
 */
function acceptNumericExclusives(doc: unknown): string[] {
  const found: string[] = []
  const stack: [unknown, string][] = [[doc, '']]
  while (stack.length > 0) {
    const [node, at] = stack.pop() as [unknown, string]
    if (Array.isArray(node)) node.forEach((item, i) => stack.push([item, `${at}/${i}`]))
    else if (isObject(node)) {
      for (const [exclusive, bound] of [
        ['exclusiveMinimum', 'minimum'],
        ['exclusiveMaximum', 'maximum'],
      ] as const) {
        if (typeof node[exclusive] !== 'number') continue
        found.push(joinPointer(at, exclusive))
        node[bound] = node[exclusive]
        node[exclusive] = true
      }
      for (const [key, value] of Object.entries(node)) stack.push([value, joinPointer(at, key)])
    }
  }
  return found
}

/** The first `$ref` that leaves the document, with its pointer. */
function outsideRef(value: unknown, pointer: string): { pointer: string; ref: string } | undefined {
  const stack: [unknown, string][] = [[value, pointer]]
  while (stack.length > 0) {
    const [node, at] = stack.pop() as [unknown, string]
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], `${at}/${i}`])
    } else if (isObject(node)) {
      if (typeof node.$ref === 'string' && !node.$ref.startsWith('#'))
        return { pointer: joinPointer(at, '$ref'), ref: node.$ref }
      for (const key of Object.keys(node).reverse()) stack.push([node[key], joinPointer(at, key)])
    }
  }
  return undefined
}

/**
 * The pointer of each line of `JSON.stringify(value, null, 2)` (index 0 is line 1), so a code
 * frame the parser prints can be turned into a place in the document.
 */
function linePointers(value: unknown): string[] {
  const lines = ['']
  const walk = (node: unknown, at: string): void => {
    const entries: [string, unknown][] = Array.isArray(node)
      ? node.map((item, i) => [String(i), item])
      : isObject(node)
        ? Object.entries(node).filter(([, v]) => v !== undefined && typeof v !== 'function')
        : []
    if (entries.length === 0) return
    for (const [key, child] of entries) {
      const here = joinPointer(at, key)
      lines.push(here)
      walk(child, here)
    }
    lines.push(at)
  }
  walk(value, '')
  return lines
}

/** The first line of the parser's message, and the pointer its code frame marks. */
function parserProblem(message: string, probe: unknown): { text: string; pointer: string } {
  const [first = message] = message.split('\n')
  const marked = /^>\s*(\d+)\s*\|/m.exec(message)
  const line = marked ? Number(marked[1]) : undefined
  const pointer = line !== undefined ? (linePointers(probe)[line - 1] ?? '') : ''
  const text = first
    .replace(/^[A-Z]+ /, '')
    .replace(/\s+/g, ' ')
    .trim()
  return { text, pointer }
}

/**
 * Reads and validates an OpenAPI document (a file, YAML or JSON, or an http(s) URL).
 *
 * @throws {StandinError} `import.remote-ref` for a `$ref` outside the document, `import.invalid`
 * when it is not OpenAPI 3.0 or 3.1 or does not validate, `import.unreadable` when it cannot be read.
 */
export async function readOpenApi(source: string, cwd: string): Promise<OpenApiDocument> {
  const doc = await readSource(source, {
    cwd,
    expected: 'the OpenAPI document itself (FastAPI serves it at <server>/openapi.json)',
  })
  if (!isObject(doc))
    throw interopError(
      'import.invalid',
      { source },
      `expected an OpenAPI document (an object with "openapi", "info" and "paths"), got ${Array.isArray(doc) ? 'a list' : JSON.stringify(doc)}`,
      'Give the OpenAPI 3.0 or 3.1 document of the service.',
    )
  const declared = typeof doc.openapi === 'string' ? doc.openapi : undefined
  const version = declared?.startsWith('3.0.')
    ? '3.0'
    : declared?.startsWith('3.1.')
      ? '3.1'
      : undefined
  if (version === undefined)
    throw interopError(
      'import.invalid',
      { source, pointer: doc.swagger !== undefined ? '/swagger' : '/openapi' },
      doc.swagger !== undefined
        ? `is Swagger ${JSON.stringify(doc.swagger)}, which standin does not import`
        : `expected "openapi": "3.0.x" or "3.1.x", got ${shortJson(doc.openapi, 80)}`,
      doc.swagger !== undefined
        ? 'Convert it to OpenAPI 3 first (for example with swagger2openapi).'
        : 'Give an OpenAPI 3.0 or 3.1 document.',
    )
  const outside = outsideRef(doc, '')
  if (outside)
    throw interopError(
      'import.remote-ref',
      { source, pointer: outside.pointer },
      `refers to "${outside.ref}", outside this document; standin does not fetch remote or file references`,
      'Bundle the document into one file first (for example with redocly bundle), then import that.',
    )
  const probe = structuredClone(doc)
  const mixedDialect = version === '3.0' ? acceptNumericExclusives(probe) : []
  const { validate } = await loadOpenApiParser()
  const result = await validate(
    probe as unknown as Parameters<OpenApiParserModule['validate']>[0],
    {
      resolve: { external: false, file: false },
      validate: { errors: { colorize: false } },
    },
  )
  if (!result.valid) {
    const { text, pointer } = parserProblem(result.errors[0]?.message ?? 'invalid', probe)
    throw interopError(
      'import.invalid',
      { source, pointer },
      `is not a valid OpenAPI ${version} document: ${text}`,
      'Fix the document (the OpenAPI specification says what belongs there), then import it again.',
    )
  }
  return { source, doc, version, mixedDialect }
}
