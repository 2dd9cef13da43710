/**
 * `standin import openapi`: a contract from one operation of an OpenAPI 3.0 or 3.1 document: the
 * JSON request body schema as the input, the success (200, 201, 2xx, 2XX, default) JSON response
 * schema as the output, the components they reach bundled into `$defs`, and the operation's
 * examples as contract examples.
 */
import { isObject, joinPointer, schemaObject } from '../json/index.js'
import { contractName, contractVersion, firstText } from './contract-identity.js'
import { chatTool } from './chat-tool.js'
import { NoteBook, PLACEHOLDER, type ImportResult } from './import-result.js'
import { readOpenApi, type OpenApiDocument } from './openapi-document.js'
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
import { exportedProtocol, importAsExported } from './import-exported.js'
import {
  checkLoads,
  finishOperation,
  type ContractIdentity,
  type ConvertedSides,
  type OperationImport,
  type SuccessResponse,
} from './openapi-import-steps.js'

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
  /**
   * The protocol of the contract (default: the one `export openapi` wrote in the operation's
   * `x-standin-contract`, its records taken out of the protocol's envelope; else `json`).
   */
  readonly protocol?: (typeof openApiTargets)[number]
}

/**
 * The response keys that may hold the operation's result, in the order tried: 200, 201, any other
 * 2xx code, the `2XX` range (OpenAPI 3's Responses Object allows it) and, last, `default`.
 */
function successStatuses(responses: Record<string, unknown>): string[] {
  const codes = Object.keys(responses).filter((key) => /^2\d\d$/.test(key))
  const others = codes.filter((code) => code !== '200' && code !== '201').sort()
  const range = Object.keys(responses).filter((key) => key.toUpperCase() === '2XX')
  return ['200', '201', ...others, ...range, 'default']
}

/** The success JSON response of an operation (see `successStatuses`), with its key and pointer. */
function successResponse(api: OpenApiDocument, op: OpenApiOperation): SuccessResponse | undefined {
  const responses = isObject(op.operation.responses) ? op.operation.responses : {}
  for (const status of successStatuses(responses)) {
    const response = follow(api.doc, responses[status])
    const json = isObject(response) ? jsonMedia(response.content) : undefined
    if (json)
      return {
        status,
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
  success: string | undefined,
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
  const isSuccess = (status: string) => /^2(\d\d|XX)$/i.test(status)
  const unused = responses.filter((status) => status !== success && isSuccess(status))
  if (success !== undefined && unused.length > 0)
    book.add(
      '/output',
      `the success responses ${unused.join(', ')} are not carried: the output is the ${success} response's schema`,
    )
  const others = responses.filter((status) => {
    if (status === success || isSuccess(status)) return false
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
  const sides = convertSides(api, op, bundler, book)
  noteDocumentQuirks(api, bundler, book)
  const paths = isObject(api.doc.paths) ? api.doc.paths : {}
  noteUncarried(op, paths[op.path], book, options.protocol ?? 'json', sides.response?.status)
  const kept = isObject(op.operation['x-standin-contract'])
    ? op.operation['x-standin-contract']
    : {}
  const identity = contractIdentity(api, op, kept, options.name, book)
  const operation = { source, cwd, api, op, book, bundler, sides, identity, kept }
  const exported = exportedProtocol(kept)
  if (options.protocol === undefined && exported !== undefined && exported !== 'json')
    return importAsExported(operation, exported)
  if (options.protocol === 'openai-chat') return importAsChatTool(operation)
  return importAsJson(operation, options.protocol ?? 'json')
}

/**
 * Converts the request body's JSON schema to the input and the success JSON response's (200,
 * 201, another 2xx, 2XX, default) to the output (any JSON value, with a note, when there is none).
 */
function convertSides(
  api: OpenApiDocument,
  op: OpenApiOperation,
  bundler: SchemaBundler,
  book: NoteBook,
): ConvertedSides {
  const body = follow(api.doc, op.operation.requestBody) as Record<string, unknown>
  const [type, request] = jsonMedia(body.content) as [string, Record<string, unknown>]
  const requestSchemaPointer = joinPointer(op.pointer, 'requestBody', 'content', type, 'schema')
  const input = {
    $schema: SCHEMA,
    ...schemaObject(bundler.convert(request.schema ?? {}, requestSchemaPointer, 'input')),
  }
  const response = successResponse(api, op)
  let output: Record<string, unknown>
  if (response) {
    output = {
      $schema: SCHEMA,
      ...schemaObject(
        bundler.convert(
          response.media.schema ?? {},
          joinPointer(response.pointer, 'schema'),
          'output',
        ),
      ),
    }
  } else {
    output = { $schema: SCHEMA }
    book.add(
      '/output',
      'the operation has no 2xx (or default) JSON response, so any JSON value passes as an output; write the output schema by hand',
    )
  }
  return { input, output, request, requestSchemaPointer, response }
}

/** Notes on how the document's schemas were read: 3.1 bounds in a 3.0 document, Python patterns. */
function noteDocumentQuirks(api: OpenApiDocument, bundler: SchemaBundler, book: NoteBook): void {
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
}

/** The contract's name, version, description and owner, from the operation and the document. */
function contractIdentity(
  api: OpenApiDocument,
  op: OpenApiOperation,
  kept: Record<string, unknown>,
  wantedName: string | undefined,
  book: NoteBook,
): ContractIdentity {
  const info = isObject(api.doc.info) ? api.doc.info : {}
  const contact = isObject(info.contact) ? info.contact : {}
  const name =
    wantedName ??
    contractName(
      typeof kept.name === 'string'
        ? kept.name
        : typeof op.operation.operationId === 'string'
          ? op.operation.operationId
          : `${op.method} ${op.path}`,
    )
  // The contract's own version, which export keeps on the operation: a document of several
  // contracts has its own info.version (0.0.0 unless given).
  const version = typeof kept.version === 'string' ? kept.version : info.version
  return {
    contract: 1,
    name,
    version: contractVersion(version, book, '/input'),
    description: firstText(
      [op.operation.description, op.operation.summary, info.description, info.summary],
      PLACEHOLDER.description,
    ),
    owner: firstText([kept.owner, contact.name, contact.email, contact.url], PLACEHOLDER.owner),
  }
}

/** The contract on the openai-chat protocol: the operation as a tool an LLM calls. */
async function importAsChatTool(operation: OperationImport): Promise<ImportResult> {
  const { source, cwd, book, bundler, sides, identity } = operation
  const place = { source, pointer: sides.requestSchemaPointer }
  const schemas = {
    args: sides.input,
    result: sides.response ? sides.output : undefined,
    defs: bundler.defs,
  }
  const tool = chatTool(identity.name, schemas, place, book)
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
  return finishOperation(operation, chat, ' --protocol openai-chat')
}

/** The contract on the json protocol: the operation served as it is, with its examples. */
async function importAsJson(
  operation: OperationImport,
  protocol: (typeof openApiTargets)[number],
): Promise<ImportResult> {
  const { source, cwd, api, op, book, bundler, sides, identity, kept } = operation
  const contract: Record<string, unknown> = {
    ...identity,
    protocol,
    endpoint: { method: op.method, path: op.path, ...(kept.batch === true ? { batch: true } : {}) },
    input: kept.batch === true ? unbatched(sides.input) : sides.input,
    output: kept.batch === true ? unbatched(sides.output) : sides.output,
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
  const examples = openApiExamples(api, sides.request, sides.response?.media, bare, book)
  if (examples.length > 0) contract.examples = examples
  return finishOperation(operation, contract)
}

/** The record of a batch endpoint's `oneOf: [record, [record]]` (as `export openapi` writes it). */
function unbatched(schema: Record<string, unknown>): Record<string, unknown> {
  const [record] = Array.isArray(schema.oneOf) ? (schema.oneOf as unknown[]) : []
  return isObject(record) ? { $schema: schema.$schema, ...record } : schema
}

/** The operations of a document, for `standin import openapi` without `--operation`. */
export async function listOpenApiOperations(
  source: string,
  options: { readonly cwd?: string } = {},
): Promise<OpenApiOperation[]> {
  return listOperations(await readOpenApi(source, options.cwd ?? process.cwd()))
}
