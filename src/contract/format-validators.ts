/**
 * The validators of standin's OWN schemas: the contract format (`contract.schema.json`), its
 * `x-standin` hint, and the node meta-schemas of both drafts. They are pure functions of constant
 * schemas, so they are built once per process.
 *
 * Compiling them with ajv takes ~60 ms, which every `standin serve` would pay before its first
 * answer. The build (`scripts/precompile-validators.mjs`) therefore writes them as ajv standalone
 * code next to this module (`format-validators.generated.cjs`), from the very `formatAjv` below;
 * the package loads that. Run from source (tests, tsx), the file is absent and they are compiled
 * on first use. A test checks that both give the same errors for the same contracts.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Options, ValidateFunction } from 'ajv'
import formatSchema from './contract.schema.json' with { type: 'json' }
import type { SchemaDraft } from './contract-types.js'
import { createAjv, type AjvInstance } from './create-ajv.js'
import { nodeMetaSchema } from './node-meta-schema.js'

/** The compiled validators. */
export interface FormatValidators {
  /** Validates a whole contract file against the format schema (ajv `verbose`, for messages). */
  readonly validateFormat: ValidateFunction
  /** Validates one `x-standin` value against the format schema's `$defs/xStandin`. */
  readonly validateHint: ValidateFunction
  /** Validates ONE schema node's keyword values for a draft (see `nodeMetaSchema`). */
  readonly validateNode: Readonly<Record<SchemaDraft, ValidateFunction>>
}

/** Each validator's name in the standalone module, and the schema id it validates with. */
export const formatValidatorIds = {
  validateFormat: formatSchema.$id,
  validateHint: `${formatSchema.$id}#/$defs/xStandin`,
  validateNode2020: 'standin:node-meta-schema/2020-12',
  validateNodeDraft07: 'standin:node-meta-schema/draft-07',
} as const

/** The file the build writes, next to this module. */
export const PRECOMPILED_FILE = 'format-validators.generated.cjs'

/**
 * The ajv instance holding standin's own schemas, configured like every other (`createAjv`) plus
 * `verbose` for messages. They are trusted: the 2020-12 meta-schema is not compiled to check
 * them. `extra` adds options: the build passes `code: { source: true }` for standalone code.
 */
export function formatAjv(extra: Options = {}): AjvInstance {
  const ajv = createAjv('2020-12', { verbose: true, validateSchema: false, ...extra })
  ajv.addSchema(formatSchema)
  ajv.addSchema(nodeMetaSchema('2020-12'), formatValidatorIds.validateNode2020)
  ajv.addSchema(nodeMetaSchema('draft-07'), formatValidatorIds.validateNodeDraft07)
  return ajv
}

type Named = Record<keyof typeof formatValidatorIds, ValidateFunction | undefined>

function fromNamed(named: Named, origin: string): FormatValidators {
  const { validateFormat, validateHint, validateNode2020, validateNodeDraft07 } = named
  if (!validateFormat || !validateHint || !validateNode2020 || !validateNodeDraft07) {
    throw new Error(`standin: the contract format validators (${origin}) are incomplete`)
  }
  return {
    validateFormat,
    validateHint,
    validateNode: { '2020-12': validateNode2020, 'draft-07': validateNodeDraft07 },
  }
}

/** Compiles the validators now, with ajv. */
export function compileFormatValidators(): FormatValidators {
  const ajv = formatAjv()
  const named = Object.fromEntries(
    Object.entries(formatValidatorIds).map(([name, id]) => [name, ajv.getSchema(id)]),
  ) as Named
  return fromNamed(named, 'compiled')
}

/** The build's standalone validators, when this module runs from the package. */
export function precompiledFormatValidators(): FormatValidators | undefined {
  const file = new URL(PRECOMPILED_FILE, import.meta.url)
  if (!existsSync(file)) return undefined
  const named = createRequire(import.meta.url)(`./${PRECOMPILED_FILE}`) as Named
  return fromNamed(named, PRECOMPILED_FILE)
}

let built: FormatValidators | undefined

/** The validators: the build's standalone code when present, else compiled on first use. */
export function formatValidators(): FormatValidators {
  return (built ??= precompiledFormatValidators() ?? compileFormatValidators())
}
