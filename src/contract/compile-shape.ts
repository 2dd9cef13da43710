/**
 * The shape of a file standin wrote and reads back (a recording line, a summary, a verify
 * report), checked against a JSON Schema before anything reads its fields: a file edited by hand,
 * cut short or written by another tool gets a sentence naming where it is wrong, not a crash deep
 * in the reader.
 */
import type { ValidateFunction } from 'ajv'
import { cutText } from '../json/index.js'
import { createAjv, problemsFromAjv, type AjvInstance } from './create-ajv.js'

/**
 * Says what is wrong with a value (the first problem: `/latencyMs must be >= 0`, at most 200
 * characters), or undefined.
 */
export type ShapeCheck = (value: unknown) => string | undefined

/** The one ajv instance every shape compiles in (made on the first check). */
let shapeAjv: AjvInstance | undefined

/**
 * Compiles `schema` (JSON Schema 2020-12) into a check, on its first use (a command that never
 * reads such a file never compiles it). `whole` names the value itself in a problem with it
 * (`the line must be object`).
 *
 * @example
 * const problem = compileShape({ type: 'object', required: ['latencyMs'] })
 * problem({}) // '/latencyMs is required'
 */
export function compileShape(
  schema: Readonly<Record<string, unknown>>,
  whole = 'the value',
): ShapeCheck {
  let validate: ValidateFunction | undefined
  return (value) => {
    shapeAjv ??= createAjv('2020-12', {
      allErrors: false,
      strictNumbers: true,
      meta: false,
      validateSchema: false,
    })
    validate ??= shapeAjv.compile(schema)
    if (validate(value)) return undefined
    const [first] = problemsFromAjv(validate.errors)
    return cutText(
      first ? `${first.pointer === '' ? whole : first.pointer} ${first.message}` : 'is invalid',
    )
  }
}
