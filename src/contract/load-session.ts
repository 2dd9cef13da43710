/**
 * What loading several contracts shares: the compiled format-schema validators and the cache of
 * sibling files read for `$ref`s. A session is made per `loadContract`/`loadContracts` call.
 *
 * The validators of standin's OWN schemas (the contract format, the node meta-schemas) are
 * compiled once per process, on first use: compiling them takes ~30 ms, which would otherwise be
 * paid by every load. They are pure functions of constant schemas, so caching them changes no
 * behaviour (the one write-once cache in the package).
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

function once<T>(build: () => T): () => T {
  let value: { readonly built: T } | undefined
  return () => (value ??= { built: build() }).built
}

const formatValidators = once(() => {
  // standin's own schemas are trusted: skip compiling the 2020-12 meta-schema to check them.
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: false,
    allowUnionTypes: true,
    validateSchema: false,
  })
  ajv.addSchema(formatSchema)
  const id = formatSchema.$id
  const validateFormat = ajv.getSchema(id)
  const validateHint = ajv.getSchema(`${id}#/$defs/xStandin`)
  if (!validateFormat || !validateHint) {
    throw new Error('standin: the contract format schema did not compile')
  }
  return { validateFormat, validateHint }
})

const nodeValidators: Readonly<Record<SchemaDraft, () => ValidateFunction>> = {
  '2020-12': once(() =>
    createAjv('2020-12', { verbose: true, validateSchema: false }).compile(
      nodeMetaSchema('2020-12'),
    ),
  ),
  'draft-07': once(() =>
    createAjv('2020-12', { verbose: true, validateSchema: false }).compile(
      nodeMetaSchema('draft-07'),
    ),
  ),
}

/** A new session; see `LoadSession`. */
export function createLoadSession(): LoadSession {
  const { validateFormat, validateHint } = formatValidators()
  const cache = new Map<string, Promise<ReadResult>>()
  return {
    validateFormat,
    validateHint,
    validateNode: (draft) => nodeValidators[draft](),
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
