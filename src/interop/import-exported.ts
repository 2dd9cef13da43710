/**
 * A document `standin export openapi` wrote for a contract on a protocol other than json, imported
 * back: the records taken out of the protocol's envelopes, and the contract's own keys from
 * `x-standin-contract`.
 */
import type { Contract } from '../contract/index.js'
import { isObject, joinPointer, schemaObject } from '../json/index.js'
import { interopError } from './import-error.js'
import type { ImportResult } from './import-result.js'
import { follow } from './openapi-operations.js'
import { checkLoads, finishOperation, type OperationImport } from './openapi-import-steps.js'
import { recordPaths } from './protocol-envelopes.js'

const SCHEMA = 'https://json-schema.org/draft/2020-12/schema'

/** The protocol `export openapi` wrote in `x-standin-contract`, when it is one standin serves. */
export function exportedProtocol(kept: Record<string, unknown>): Contract['protocol'] | undefined {
  const protocol = kept.protocol
  return typeof protocol === 'string' && Object.hasOwn(recordPaths, protocol)
    ? (protocol as Contract['protocol'])
    : undefined
}

/** The record schema of one side, taken out of the protocol's envelope in the document. */
function exportedRecord(
  operation: OperationImport,
  protocol: Contract['protocol'],
  side: 'input' | 'output',
): Record<string, unknown> {
  const { api, op, bundler, sides } = operation
  const [body, bodyPointer] =
    side === 'input'
      ? [operation.sides.request.schema, sides.requestSchemaPointer]
      : [sides.response?.media.schema, joinPointer(sides.response?.pointer ?? op.pointer, 'schema')]
  const tokens = recordPaths[protocol][side]
  let node: unknown = follow(api.doc, body)
  for (const token of tokens)
    node = follow(
      api.doc,
      Array.isArray(node) ? node[Number(token)] : isObject(node) ? node[token] : undefined,
    )
  if (!isObject(node) && typeof node !== 'boolean')
    throw interopError(
      'import.invalid',
      { source: operation.source, pointer: joinPointer(bodyPointer, ...tokens) },
      `expected the ${side} record schema that export openapi writes for the ${protocol} protocol here`,
      `Import it with --protocol json to take the body as it is, or export the contract again.`,
    )
  return {
    $schema: SCHEMA,
    ...schemaObject(bundler.convert(node, joinPointer(bodyPointer, ...tokens), side)),
  }
}

/** The model's own name and version on the wire (`endpoint.model`, `.version`), as export kept them. */
function servedAs(kept: Record<string, unknown>): { endpoint?: Record<string, string> } {
  const given = isObject(kept.endpoint) ? kept.endpoint : {}
  const endpoint: Record<string, string> = {}
  if (typeof given.model === 'string') endpoint.model = given.model
  if (typeof given.version === 'string') endpoint.version = given.version
  return Object.keys(endpoint).length > 0 ? { endpoint } : {}
}

/**
 * The contract `export openapi` wrote on a protocol other than json: its records taken back out
 * of the protocol's envelopes, its protocol, chat settings, checks and mock from
 * `x-standin-contract`. Its examples are in the protocol's request form, so they are noted.
 */
export async function importAsExported(
  operation: OperationImport,
  protocol: Contract['protocol'],
): Promise<ImportResult> {
  const { source, cwd, book, bundler, sides, identity, kept } = operation
  const input = exportedRecord(operation, protocol, 'input')
  const output = sides.response ? exportedRecord(operation, protocol, 'output') : sides.output
  const contract: Record<string, unknown> = {
    ...identity,
    protocol,
    ...servedAs(kept),
    ...(protocol === 'openai-chat' && isObject(kept.chat) ? { chat: kept.chat } : {}),
    input,
    output,
  }
  if (isObject(kept.checks)) contract.checks = kept.checks
  if (isObject(kept.mock)) contract.mock = kept.mock
  if (Object.keys(bundler.defs).length > 0) contract.$defs = bundler.defs
  const requestExamples = sides.request.examples ?? sides.request.example
  if (requestExamples !== undefined)
    book.add(
      '/input',
      `the examples are not carried: export openapi writes them in the ${protocol} protocol's request form, not as records`,
    )
  await checkLoads(structuredClone(contract), source, cwd)
  return finishOperation(operation, contract)
}
