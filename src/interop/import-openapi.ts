/**
 * `standin import openapi`: a contract from one operation of an OpenAPI 3.0 or 3.1 document: the
 * JSON request body schema as the input, the 200/201 JSON response schema as the output, the
 * components they reach bundled into `$defs`, and the operation's examples as contract examples.
 */
import { loadContract } from '../contract/index.js'
import { isObject, joinPointer } from '../json/index.js'
import { ContractError } from '../contract/index.js'
import { contractName, contractVersion, firstText } from './contract-identity.js'
import { interopError } from './import-error.js'
import { chatTool } from './chat-tool.js'
import { NoteBook, PLACEHOLDER, finishImport, type ImportResult } from './import-result.js'
import { readOpenApi } from './openapi-document.js'
import { openApiExamples } from './openapi-examples.js'
import {
  findOperation,
  follow,
  jsonMedia,
  listOperations,
  type OpenApiOperation,
} from './openapi-operations.js'
import { SchemaBundler } from './openapi-schemas.js'
import { PROTOCOL_ERROR } from './export-openapi.js'

const SCHEMA = 'https://json-schema.org/draft/2020-12/schema'

/**
 * The protocols an OpenAPI operation can be imported as: `json` (the operation served as it is),
 * or `openai-chat` (the operation as a tool an LLM calls: see chat-tool.ts).
 */
export const openApiTargets = ['json', 'openai-chat'] as const

/** Options of `importOpenApi`. */
export interface ImportOpenApiOptions {
  /** Folder relative paths resolve against (default `process.cwd()`). */
  readonly cwd?: string
  /** The operation: its `operationId`, or `METHOD /path`. */
  readonly operation: string
  /** The contract's name (default: the operationId, made a contract name). */
  readonly name?: string
  /** The protocol of the contract (default `json`). */
  readonly protocol?: (typeof openApiTargets)[number]
}

/** The 200 or 201 JSON response of an operation, with its pointer. */
function successResponse(
  api: Awaited<ReturnType<typeof readOpenApi>>,
  op: OpenApiOperation,
): { pointer: string; media: Record<string, unknown> } | undefined {
  const responses = isObject(op.operation.responses) ? op.operation.responses : {}
  for (const status of ['200', '201']) {
    const response = follow(api.doc, responses[status])
    const json = isObject(response) ? jsonMedia(response.content) : undefined
    if (json)
      return {
        pointer: joinPointer(op.pointer, 'responses', status, 'content', json[0]),
        media: json[1],
      }
  }
  return undefined
}

/** Notes on what the operation says that the contract does not carry. */
function noteUncarried(
  op: OpenApiOperation,
  pathItem: unknown,
  book: NoteBook,
  protocol: (typeof openApiTargets)[number],
): void {
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : [])
  const parameters = [
    ...list(isObject(pathItem) ? pathItem.parameters : undefined),
    ...list(op.operation.parameters),
  ]
  const named = parameters.map((p: unknown) =>
    isObject(p) && typeof p.name === 'string' ? `${p.name} (${String(p.in)})` : '$ref',
  )
  if (named.length > 0)
    book.add(
      '/input',
      `the operation's parameters ${named.join(', ')} are not carried: a contract describes the JSON body`,
    )
  const responses = isObject(op.operation.responses) ? Object.keys(op.operation.responses) : []
  const others = responses.filter((status) => {
    if (status === '200' || status === '201') return false
    const response = (op.operation.responses as Record<string, unknown>)[status]
    // The error answers `export openapi` writes are the protocol's own: nothing is lost.
    return !(isObject(response) && response[PROTOCOL_ERROR] === true)
  })
  if (others.length > 0)
    book.add(
      '/output',
      protocol === 'openai-chat'
        ? `the responses ${others.join(', ')} are not carried: only the 2xx result is kept, as the content of the tool's messages`
        : `the responses ${others.join(', ')} are not carried: the stand-in answers errors in the json protocol's problem+json shape`,
    )
  if (op.operation.security !== undefined)
    book.add('/input', "the operation's security requirements are not carried")
}

/**
 * Imports one operation of an OpenAPI 3.0 or 3.1 document as a contract on the json protocol.
 *
 * @example
 * const { text } = await importOpenApi('openapi.json', { operation: 'generate' })
 *
 * @throws {StandinError} `import.invalid` (not OpenAPI 3.x, fails validation), `import.remote-ref`
 * (a `$ref` outside the document), `import.operation` (no such operation, or no JSON body),
 * `import.unreadable`; one line naming the file and the place in it.
 */
export async function importOpenApi(
  source: string,
  options: ImportOpenApiOptions,
): Promise<ImportResult> {
  const cwd = options.cwd ?? process.cwd()
  const api = await readOpenApi(source, cwd)
  const op = findOperation(api, options.operation)
  const book = new NoteBook()
  const bundler = new SchemaBundler(api)
  const body = follow(api.doc, op.operation.requestBody) as Record<string, unknown>
  const [type, request] = jsonMedia(body.content) as [string, Record<string, unknown>]
  const requestPointer = joinPointer(op.pointer, 'requestBody', 'content', type)
  const input = {
    $schema: SCHEMA,
    ...asObject(bundler.convert(request.schema ?? {}, joinPointer(requestPointer, 'schema'))),
  }
  const response = successResponse(api, op)
  let output: Record<string, unknown>
  if (response) {
    output = {
      $schema: SCHEMA,
      ...asObject(
        bundler.convert(response.media.schema ?? {}, joinPointer(response.pointer, 'schema')),
      ),
    }
  } else {
    output = { $schema: SCHEMA }
    book.add(
      '/output',
      'the operation has no 200 or 201 JSON response, so any JSON value passes as an output; write the output schema by hand',
    )
  }
  if (api.mixedDialect.length > 0)
    book.add(
      '/input',
      `the document declares OpenAPI ${String(api.doc.openapi)} but writes exclusiveMinimum or exclusiveMaximum as a number (OpenAPI 3.1's form) at ${api.mixedDialect.length} place${api.mixedDialect.length === 1 ? '' : 's'}; read as 3.1 reads them`,
    )
  if (bundler.pythonPatterns.length > 0)
    book.add(
      '/input',
      `the patterns at ${bundler.pythonPatterns.join(', ')} are written for Python's re; they were rewritten for JSON Schema (ECMA-262 named groups and escapes)`,
    )
  const paths = isObject(api.doc.paths) ? api.doc.paths : {}
  noteUncarried(op, paths[op.path], book, options.protocol ?? 'json')
  // What `export openapi` kept of a contract, so a round trip gives it back.
  const kept = isObject(op.operation['x-standin-contract'])
    ? op.operation['x-standin-contract']
    : {}
  const info = isObject(api.doc.info) ? api.doc.info : {}
  const contact = isObject(info.contact) ? info.contact : {}
  const name =
    options.name ??
    contractName(
      typeof op.operation.operationId === 'string'
        ? op.operation.operationId
        : `${op.method} ${op.path}`,
    )
  const identity = {
    contract: 1,
    name,
    version: contractVersion(info.version, book, '/input'),
    description: firstText(
      [op.operation.description, op.operation.summary, info.description, info.summary],
      PLACEHOLDER.description,
    ),
    owner: firstText([kept.owner, contact.name, contact.email, contact.url], PLACEHOLDER.owner),
  }
  if (options.protocol === 'openai-chat') {
    const place = { source, pointer: joinPointer(requestPointer, 'schema') }
    const schemas = { args: input, result: response ? output : undefined, defs: bundler.defs }
    const tool = chatTool(name, schemas, place, book)
    const defs = { ...bundler.defs, ...tool.defs }
    const chat: Record<string, unknown> = {
      ...identity,
      protocol: 'openai-chat',
      chat: tool.chat,
      input: tool.input,
      output: tool.output,
      ...(Object.keys(defs).length > 0 ? { $defs: defs } : {}),
    }
    await checkLoads(structuredClone(chat), source, cwd)
    return finishImport(chat, book, source, `openapi --operation ${op.id} --protocol openai-chat`)
  }
  const contract: Record<string, unknown> = {
    ...identity,
    protocol: options.protocol ?? 'json',
    endpoint: { method: op.method, path: op.path, ...(kept.batch === true ? { batch: true } : {}) },
    input: kept.batch === true ? unbatched(input) : input,
    output: kept.batch === true ? unbatched(output) : output,
  }
  if (isObject(kept.checks)) contract.checks = kept.checks
  if (isObject(kept.mock)) contract.mock = kept.mock
  if (/[{}]/.test(op.path))
    book.add(
      '/input',
      `the path ${op.path} has parameters; the stand-in serves it with the braces as written`,
    )
  if (Object.keys(bundler.defs).length > 0) contract.$defs = bundler.defs
  const bare = await checkLoads(structuredClone(contract), source, cwd)
  const examples = openApiExamples(api, request, response?.media, bare, book)
  if (examples.length > 0) contract.examples = examples
  return finishImport(contract, book, source, `openapi --operation ${op.id}`)
}

/** The record of a batch endpoint's `oneOf: [record, [record]]` (as `export openapi` writes it). */
function unbatched(schema: Record<string, unknown>): Record<string, unknown> {
  const [record] = Array.isArray(schema.oneOf) ? (schema.oneOf as unknown[]) : []
  return isObject(record) ? { $schema: schema.$schema, ...record } : schema
}

function asObject(schema: Record<string, unknown> | boolean): Record<string, unknown> {
  return typeof schema === 'boolean' ? (schema ? {} : { not: {} }) : schema
}

/** Loads the contract built, so a schema standin cannot take is reported here, not later. */
async function checkLoads(contract: Record<string, unknown>, source: string, cwd: string) {
  try {
    return await loadContract(contract, { cwd })
  } catch (error) {
    if (!(error instanceof ContractError)) throw error
    const first = error.problems.find((p) => p.severity === 'error')
    throw interopError(
      'import.invalid',
      { source },
      `the operation's schemas do not make a contract standin can load: ${first ? `${first.pointer}: ${first.message}` : error.message}`,
      first?.hint ?? 'Fix the schema in the document.',
    )
  }
}

/** The operations of a document, for `standin import openapi` without `--operation`. */
export async function listOpenApiOperations(
  source: string,
  options: { readonly cwd?: string } = {},
): Promise<OpenApiOperation[]> {
  return listOperations(await readOpenApi(source, options.cwd ?? process.cwd()))
}
