/**
 * What the steps of `standin import openapi` hand on: the import under way, the contract's
 * identity, the converted sides, and the check that the contract built loads.
 */
import { ContractError, loadContract } from '../contract/index.js'
import { interopError } from './import-error.js'
import { finishImport, type ImportResult, type NoteBook } from './import-result.js'
import { sourceFiles } from './read-source.js'
import type { OpenApiDocument } from './openapi-document.js'
import type { OpenApiOperation } from './openapi-operations.js'
import type { SchemaBundler } from './openapi-schemas.js'

/** The success JSON response of an operation, with its key and pointer. */
export interface SuccessResponse {
  readonly status: string
  readonly pointer: string
  readonly media: Record<string, unknown>
}

/** One import under way: the document, the operation, and what the steps before made of it. */
export interface OperationImport {
  readonly source: string
  readonly cwd: string
  readonly api: OpenApiDocument
  readonly op: OpenApiOperation
  readonly book: NoteBook
  readonly bundler: SchemaBundler
  readonly sides: ConvertedSides
  readonly identity: ContractIdentity
  /** What `export openapi` kept of a contract (`x-standin-contract`), so a round trip gives it back. */
  readonly kept: Record<string, unknown>
}

/** The keys that name a contract: its name, version, description and owner. */
export interface ContractIdentity {
  readonly contract: 1
  readonly name: string
  readonly version: string
  readonly description: string
  readonly owner: string
}

/** The operation's request and response schemas, converted to contract schemas. */
export interface ConvertedSides {
  readonly input: Record<string, unknown>
  readonly output: Record<string, unknown>
  /** The request body's JSON media object and the pointer of its schema. */
  readonly request: Record<string, unknown>
  readonly requestSchemaPointer: string
  readonly response: SuccessResponse | undefined
}

/** Loads the contract built, so a schema standin cannot take is reported here, not later. */
export async function checkLoads(contract: Record<string, unknown>, source: string, cwd: string) {
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

/** The import's result: the contract and its notes, as `import openapi --operation <id>` made it. */
export function finishOperation(
  operation: OperationImport,
  contract: Record<string, unknown>,
  flags = '',
): ImportResult {
  const { source, cwd, op, book } = operation
  return finishImport(
    contract,
    book,
    source,
    `openapi --operation ${op.id}${flags}`,
    sourceFiles(source, cwd),
  )
}
