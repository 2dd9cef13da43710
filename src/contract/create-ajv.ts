import { isProblemCode } from '../problem-codes.js'
import type { ProblemCode } from '../problem-codes.js'
import { Ajv } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import type { ErrorObject, Options } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { FormatsPlugin } from 'ajv-formats'
import type { Problem } from '../errors.js'
import type { SchemaDraft } from './contract-types.js'
import { idnFormats } from './idn-formats.js'
import { escapeToken } from '../json/index.js'
import { backtrackingAllowed, linearRegExpEngine } from './linear-regexp.js'

// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, which is the
// plugin itself at run time while its typings describe `{ default: plugin }`.
const addFormats = addFormatsModule as unknown as FormatsPlugin

/** An ajv instance for either draft (both classes share the same API). */
export type AjvInstance = Ajv | Ajv2020

/**
 * The ajv options standin validates with everywhere (loading, the stand-in, verify), so a value
 * valid in one place is valid in all: every error reported (`allErrors`), formats from
 * ajv-formats, unknown `x-` annotations allowed (standin checks schema keywords itself, with
 * pointers and did-you-mean, when a contract loads), union types allowed, no console logging.
 *
 * `multipleOfPrecision` makes `multipleOf` tolerate binary floating-point error: without it
 * `0.07` is not a multiple of `0.01` (0.07 / 0.01 = 7.000000000000001), so a real client's valid
 * amount would be refused. Six decimal digits of the quotient: the rounding error of quotients up to 1e9 stays inside it.
 *
 * `code.regExp` runs every `pattern` and `patternProperties` in linear time (re2js, see
 * `linear-regexp.ts`): the data they run on comes from outside, and one `aaaa…!` against
 * `^(a+)+$` would otherwise stall the process.
 *
 * `ownProperties` makes `required`, `properties` and `dependentRequired` look at own fields only:
 * without it `{}` has a `toString` and a `constructor` (inherited), so `required: [toString]`
 * passes and `properties: { constructor: { type: number } }` fails (ajv-validator/ajv#2664).
 */
export const ajvOptions: Readonly<Options> = {
  allErrors: true,
  strict: false,
  allowUnionTypes: true,
  validateFormats: true,
  logger: false,
  multipleOfPrecision: 6,
  ownProperties: true,
}

/**
 * A fresh, configured ajv instance for a JSON Schema draft (default 2020-12). Fresh on every call:
 * schemas added to one never clash with another contract's `$id`s. `extra` adds ajv options
 * (standin itself only adds `verbose` for its own messages).
 *
 * @example
 * const ajv = createAjv('draft-07')
 * const validate = ajv.compile({ type: 'number', minimum: 0 })
 * validate(-1) // false
 *
 * @throws never: ajv itself throws when `compile` gets an invalid schema.
 */
export function createAjv(draft: SchemaDraft = '2020-12', extra: Options = {}): AjvInstance {
  const options = {
    ...ajvOptions,
    code: { regExp: linearRegExpEngine(backtrackingAllowed()) },
    ...extra,
  }
  const ajv = draft === 'draft-07' ? new Ajv(options) : new Ajv2020(options)
  addFormats(ajv)
  for (const [name, check] of Object.entries(idnFormats)) ajv.addFormat(name, check)
  ajv.addKeyword({ keyword: 'x-standin', schemaType: 'object' })
  // ajv throws "NOT SUPPORTED: keyword id" on any schema with `id`; after draft-04 (whose `id` is
  // read as `$id`, translate-draft.ts) it is an unknown keyword, an annotation like any other.
  ajv.removeKeyword('id')
  return ajv
}

/** `schema.<keyword>` for a keyword of the catalog (every keyword ajv reports on a value). */
function schemaCode(keyword: string): ProblemCode {
  const code = `schema.${keyword}`
  return isProblemCode(code) ? code : 'schema.invalid'
}

/**
 * Turns ajv's errors for one value into standin problems: pointers into the value (the missing or
 * undeclared property is appended for `required` / `additionalProperties`), the keyword in the
 * code (`schema.required`).
 */
export function problemsFromAjv(errors: readonly ErrorObject[] | null | undefined): Problem[] {
  if (!errors) return []
  return errors.map((error) => {
    const params = error.params as Record<string, unknown>
    if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
      return {
        code: 'schema.required',
        severity: 'error' as const,
        pointer: `${error.instancePath}/${escapeToken(params.missingProperty)}`,
        message: 'is required',
      }
    }
    if (
      (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') &&
      typeof (params.additionalProperty ?? params.unevaluatedProperty) === 'string'
    ) {
      const name = String(params.additionalProperty ?? params.unevaluatedProperty)
      return {
        code: schemaCode(error.keyword),
        severity: 'error' as const,
        pointer: `${error.instancePath}/${escapeToken(name)}`,
        message: 'is not allowed: the schema declares no such property',
      }
    }
    const allowed = Array.isArray(params.allowedValues)
      ? `: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
      : ''
    return {
      code: schemaCode(error.keyword),
      severity: 'error' as const,
      pointer: error.instancePath,
      message: `${error.message ?? 'is invalid'}${allowed}`,
    }
  })
}
