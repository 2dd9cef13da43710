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
import type { ReadLimits } from './read-text-file.js'

/** Shared state of one load. */
export interface LoadSession {
  /** Validates a whole contract file against the format schema (ajv `verbose`, for messages). */
  readonly validateFormat: ValidateFunction
  /** Validates one `x-standin` value against the format schema's `$defs/xStandin`. */
  readonly validateHint: ValidateFunction
  /** Validates ONE schema node's keyword values for a draft (see `nodeMetaSchema`). */
  readonly validateNode: (draft: SchemaDraft) => ValidateFunction
  /**
   * Reads a file a `$ref` names, once per load and limits: only inside `limits.root` once links
   * are followed, only a regular file, only up to `limits.maxBytes` (see `readTextFile`). Its
   * syntax errors never quote it: the user did not name it.
   */
  readonly readDoc: (absolutePath: string, limits?: ReadLimits) => Promise<ReadResult>
}

/** The format schema (`standin/contract.schema.json`) as an object. */
export const contractFormatSchema: Readonly<Record<string, unknown>> = formatSchema

/** A new session; see `LoadSession`. `onFileRead` hears of every `$ref`'d file read. */
export function createLoadSession(onFileRead?: (path: string) => void): LoadSession {
  const { validateFormat, validateHint, validateNode } = formatValidators()
  const cache = new Map<string, Promise<ReadResult>>()
  return {
    validateFormat,
    validateHint,
    validateNode: (draft) => validateNode[draft],
    readDoc: (path, limits = {}) => {
      const key = `${limits.root ?? ''}\u0000${limits.maxBytes ?? ''}\u0000${path}`
      let read = cache.get(key)
      if (!read) {
        onFileRead?.(path)
        read = readDataFile(path, path, { ...limits, named: false })
        cache.set(key, read)
      }
      return read
    },
  }
}
