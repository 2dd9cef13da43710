/**
 * What loading several contracts shares: the validators of standin's own schemas (built once per
 * process, see `format-validators.ts`) and the cache of sibling files read for `$ref`s. A session
 * is made per `loadContract`/`loadContracts` call.
 */
import type { ValidateFunction } from 'ajv'
import formatSchema from './contract.schema.json' with { type: 'json' }
import type { SchemaDraft } from './contract-types.js'
import { formatValidators } from './format-validators.js'
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
  const { validateFormat, validateHint, validateNode } = formatValidators()
  const cache = new Map<string, Promise<ReadResult>>()
  return {
    validateFormat,
    validateHint,
    validateNode: (draft) => validateNode[draft],
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
