/**
 * What loading several contracts shares: the compiled format-schema validators and the cache of
 * sibling files read for `$ref`s. Made per `loadContract`/`loadContracts` call (no module state).
 */
import { Ajv2020 } from 'ajv/dist/2020.js'
import type { ValidateFunction } from 'ajv'
import formatSchema from './contract.schema.json' with { type: 'json' }
import type { SchemaDraft } from './contract-types.js'
import { createAjv } from './create-ajv.js'
import { nodeMetaSchema } from './node-meta-schema.js'
import { readDataFile } from './read-data-file.js'
import type { ReadResult } from './read-data-file.js'

/** Shared state of one load. */
export interface LoadSession {
  /** Validates a whole contract file against the format schema (ajv `verbose`, for messages). */
  readonly validateFormat: ValidateFunction
  /** Validates one `x-standin` value against the format schema's `$defs/xStandin`. */
  readonly validateHint: ValidateFunction
  /** Validates ONE schema node's keyword values for a draft (see `nodeMetaSchema`). */
  readonly validateNode: (draft: SchemaDraft) => ValidateFunction
  /** Reads a sibling file once per load. */
  readonly readDoc: (absolutePath: string) => Promise<ReadResult>
}

/** The format schema (`standin/contract.schema.json`) as an object. */
export const contractFormatSchema: Readonly<Record<string, unknown>> = formatSchema

/** A new session; see `LoadSession`. */
export function createLoadSession(): LoadSession {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true })
  ajv.addSchema(formatSchema)
  const id = formatSchema.$id
  const validateFormat = ajv.getSchema(id)
  const validateHint = ajv.getSchema(`${id}#/$defs/xStandin`)
  if (!validateFormat || !validateHint)
    throw new Error('standin: the contract format schema did not compile')
  const cache = new Map<string, Promise<ReadResult>>()
  const nodeValidators = new Map<SchemaDraft, ValidateFunction>()
  return {
    validateFormat,
    validateHint,
    validateNode: (draft) => {
      let validate = nodeValidators.get(draft)
      if (!validate) {
        validate = createAjv('2020-12', { verbose: true }).compile(nodeMetaSchema(draft))
        nodeValidators.set(draft, validate)
      }
      return validate
    },
    readDoc: (path) => {
      let read = cache.get(path)
      if (!read) {
        read = readDataFile(path, path)
        cache.set(path, read)
      }
      return read
    },
  }
}
