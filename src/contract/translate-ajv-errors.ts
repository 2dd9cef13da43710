/**
 * Turns ajv's errors about a contract file (against the format schema) or about a schema (against
 * its draft's meta-schema) into problems a person can act on: one per location, with
 * did-you-mean for misspelled keys and enum values.
 */
import type { ErrorObject } from 'ajv'
import type { Problem } from '../errors.js'
import { didYouMean } from './did-you-mean.js'
import { escapeToken } from '../json/index.js'
import { isObject, typeName } from '../json/index.js'

const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']

/** Problems for a contract file's errors against the format schema (needs ajv `verbose`). */
export function formatProblems(
  errors: readonly ErrorObject[],
  file: string | undefined,
  base = '',
): Problem[] {
  const problems: Problem[] = []
  const seen = new Set<string>()
  const specific = new Set(
    errors.filter((e) => !['oneOf', 'anyOf', 'if'].includes(e.keyword)).map((e) => e.instancePath),
  )
  for (const error of errors) {
    const problem = formatProblem(error, specific)
    if (!problem) continue
    const key = `${problem.pointer}\u0000${problem.message}`
    if (seen.has(key)) continue
    seen.add(key)
    problems.push({ severity: 'error', file, ...problem, pointer: base + problem.pointer })
  }
  return problems
}

type Found = Omit<Problem, 'severity' | 'file'>

/** What the problem of one ajv error is made from. */
interface ErrorAt {
  readonly error: ErrorObject
  /** The pointer of the value. */
  readonly at: string
  readonly params: Record<string, unknown>
  readonly data: unknown
  /** The value as JSON, for messages. */
  readonly shown: string
  /** The path of the keyword in the format schema. */
  readonly path: string
}

/**
 * The problem of one ajv error against the format schema, or undefined when another error at
 * the same place says it better (`specific`: places with an error from a keyword other than a
 * combinator).
 */
function formatProblem(error: ErrorObject, specific: ReadonlySet<string>): Found | undefined {
  const data: unknown = error.data
  const e: ErrorAt = {
    error,
    at: error.instancePath,
    params: error.params as Record<string, unknown>,
    data,
    shown: JSON.stringify(data) ?? String(data),
    path: error.schemaPath,
  }
  if (e.path.includes('/$defs/duration/')) {
    if (error.keyword !== 'oneOf') return undefined
    return {
      code: 'contract.invalid-value',
      pointer: e.at,
      message: `${e.shown} is not a duration`,
      hint: 'Write a number with a unit: 50ms, 2s or 1m.',
    }
  }
  if (e.path.includes('/order/oneOf')) {
    if (error.keyword !== 'oneOf') return undefined
    return {
      code: 'hint.invalid',
      pointer: e.at,
      message: `${e.shown} is not an order`,
      hint: 'Write asc, desc, or { by: /field, direction: desc }.',
    }
  }
  switch (error.keyword) {
    case 'oneOf':
    case 'anyOf':
    case 'if':
      return specific.has(e.at) ? undefined : generic(error)
    case 'additionalProperties':
      return unknownKeyProblem(e)
    case 'required':
      return {
        code: 'contract.missing-key',
        pointer: `${e.at}/${escapeToken(String(e.params.missingProperty))}`,
        message: `"${String(e.params.missingProperty)}" is missing`,
        hint: e.at === '' ? missingTopHint(String(e.params.missingProperty)) : 'Add it.',
      }
    case 'const':
      return constProblem(e)
    case 'enum':
      return enumProblem(e)
    case 'type':
      return typeProblem(e)
    case 'pattern':
      return patternProblem(e.at, e.shown, e.path)
    case 'minProperties':
    case 'maxProperties':
      return e.path.includes('/expect/')
        ? {
            code: 'contract.invalid-value',
            pointer: e.at,
            message: 'must give exactly one of equal, increases, decreases, within',
            hint: 'Keep exactly one of them beside path.',
          }
        : generic(error)
    default:
      return generic(error)
  }
}

/** A key the format does not define here, with did-you-mean from the keys it does. */
function unknownKeyProblem({ error, at, params }: ErrorAt): Found {
  const key = String(params.additionalProperty)
  const declared = isObject(error.parentSchema) && isObject(error.parentSchema.properties)
  const allowed = declared
    ? Object.keys((error.parentSchema as { properties: object }).properties)
    : []
  const guess = didYouMean(key, allowed)
  return {
    code: 'contract.unknown-key',
    pointer: `${at}/${escapeToken(key)}`,
    message: `unknown key "${key}"`,
    hint: guess
      ? `Did you mean "${guess}"?`
      : allowed.length > 0
        ? `Remove it; the keys allowed here are ${allowed.join(', ')}.`
        : 'Remove it.',
  }
}

/** A value that must be one constant: the contract format version, or another fixed value. */
function constProblem({ at, params, shown }: ErrorAt): Found {
  if (at === '/contract') {
    return {
      code: 'contract.unknown-version',
      pointer: at,
      message: `unknown contract format ${shown}`,
      hint: 'This standin reads format 1: write "contract: 1", or upgrade standin.',
    }
  }
  return {
    code: 'contract.invalid-value',
    pointer: at,
    message: `must be ${JSON.stringify(params.allowedValue)}, found ${shown}`,
    hint: `Write ${JSON.stringify(params.allowedValue)}, or remove the key.`,
  }
}

/** A value outside its list, with did-you-mean for a misspelled one. */
function enumProblem({ at, params, data, shown }: ErrorAt): Found {
  const allowed = (Array.isArray(params.allowedValues) ? params.allowedValues : []).map(String)
  const guess = typeof data === 'string' ? didYouMean(data, allowed) : undefined
  return {
    code: 'contract.invalid-value',
    pointer: at,
    message: `${shown} is not one of ${allowed.join(', ')}`,
    hint: guess ? `Did you mean "${guess}"?` : 'Use one of them.',
  }
}

/** A value of the wrong JSON type (a version YAML read as a number gets its own hint). */
function typeProblem({ at, params, data }: ErrorAt): Found {
  const expected = String(params.type).split(',')
  return {
    code: 'contract.invalid-value',
    pointer: at,
    message: `must be ${expected.map(article).join(' or ')}, found ${typeName(data)}`,
    hint:
      at === '/version' && typeof data === 'number'
        ? 'Quote it: version: "1.0.0" (YAML reads 1.0 as a number).'
        : `Write ${article(expected[0] ?? 'value')}.`,
  }
}

function patternProblem(
  at: string,
  shown: string,
  path: string,
): Omit<Problem, 'severity' | 'file'> {
  const [message, hint] =
    at === '/name'
      ? [
          'is not a valid name',
          'Use lowercase letters, digits and dashes, for example transaction-classifier.',
        ]
      : at === '/version'
        ? ['is not a semantic version', 'Write major.minor.patch, for example 1.2.0.']
        : path.includes('/$defs/pointer/')
          ? [
              'is not a JSON pointer',
              'Start it with / and separate fields with /, for example /narration.',
            ]
          : at.endsWith('/op')
            ? [
                'is not a perturbation',
                'Use lowercase, uppercase, whitespace, punctuation, typo, scale:k, add:k, noise:sigma or set:value.',
              ]
            : path.includes('/faker/')
              ? ['is not a faker method', 'Write module.method, for example person.fullName.']
              : at === '/endpoint/path'
                ? ['is not a URL path', 'Start it with /, for example /predict.']
                : ['does not have the expected form', 'Fix the value.']
  return { code: 'contract.invalid-value', pointer: at, message: `${shown} ${message}`, hint }
}

function generic(error: ErrorObject): Omit<Problem, 'severity' | 'file'> {
  const shown = JSON.stringify(error.data) ?? String(error.data)
  return {
    code: 'contract.invalid-value',
    pointer: error.instancePath,
    message: `${shown.length > 60 ? 'the value' : shown} ${error.message ?? 'is invalid'}`,
    hint: 'Fix the value.',
  }
}

function missingTopHint(key: string): string {
  const hints: Record<string, string> = {
    contract: 'Add "contract: 1" as the first line.',
    name: 'Add a name such as "name: transaction-classifier".',
    version: 'Add the interface version, for example "version: 1.0.0".',
    input: 'Add the JSON Schema of one input record under "input:".',
    output: 'Add the JSON Schema of one output record under "output:".',
  }
  return hints[key] ?? 'Add it.'
}

/** Problems for a schema's errors against its draft's meta-schema, one per location. */
export function metaSchemaProblems(
  errors: readonly ErrorObject[],
  file: string | undefined,
  base: string,
  draft: string,
): Problem[] {
  const byPointer = new Map<string, ErrorObject>()
  for (const error of errors) {
    const current = byPointer.get(error.instancePath)
    if (
      !current ||
      (['anyOf', 'oneOf'].includes(current.keyword) && !['anyOf', 'oneOf'].includes(error.keyword))
    ) {
      byPointer.set(error.instancePath, error)
    }
  }
  const problems: Problem[] = []
  for (const [at, error] of byPointer) {
    // Skip a summary when a more precise error sits below it.
    if ([...byPointer.keys()].some((other) => other !== at && other.startsWith(`${at}/`))) continue
    const keyword = at.split('/').pop() ?? ''
    const data: unknown = error.data
    const isTypeName = /\/type(\/\d+)?$/.test(at) && typeof data === 'string'
    if (isTypeName) {
      const guess = didYouMean(data, JSON_TYPES)
      problems.push({
        code: 'schema.invalid-keyword',
        severity: 'error',
        file,
        pointer: base + at,
        message: `${JSON.stringify(data)} is not a JSON Schema type`,
        hint: guess ? `Did you mean "${guess}"?` : `Use one of ${JSON_TYPES.join(', ')}.`,
      })
      continue
    }
    problems.push({
      code: 'schema.invalid-keyword',
      severity: 'error',
      file,
      pointer: base + at,
      message: `${/^\d+$/.test(keyword) ? 'this entry' : `"${keyword}"`} ${(error.message ?? 'is invalid').replace(/^must be (\w+)$/, (_, t: string) => `must be ${article(t)}`)}${data === undefined ? '' : `, found ${JSON.stringify(data)}`}`,
      hint: `Fix it as JSON Schema ${draft} defines it.`,
    })
  }
  return problems
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`
}
