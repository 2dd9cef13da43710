/**
 * Keyword-level checks of one raw schema, done by standin itself so every problem has a pointer
 * and a fix: unknown or misspelled keywords (ajv's strict mode would stop at the first, without
 * a pointer), keywords of the other draft, unknown formats, patterns that are not regular
 * expressions, and the shape of `x-standin` hints.
 */
import type { ProblemCode } from '../errors.js'
import type { ValidateFunction } from 'ajv'
import { fullFormats } from 'ajv-formats/dist/formats.js'
import type { Problem } from '../errors.js'
import type { SchemaDraft } from './contract-types.js'
import { didYouMean } from './did-you-mean.js'
import { idnFormats } from './idn-formats.js'
import { joinPointer } from '../json/index.js'
import { backtrackingAllowed, toRe2 } from './linear-regexp.js'
import { KNOWN_KEYWORDS, OTHER_DRAFT_KEYWORDS } from './schema-keywords.js'
import { isObject, walkSchema } from '../json/index.js'
import { formatProblems } from './translate-ajv-errors.js'

const FORMATS = [...Object.keys(fullFormats), ...Object.keys(idnFormats)]

/**
 * Keywords of common foreign vocabularies (OpenAPI 3.0), accepted without a warning. `nullable`
 * and `example` are understood as well (see `understandOpenApi` in bundle-schema.ts); the rest are
 * documentation.
 */
export const FOREIGN_KEYWORDS: ReadonlySet<string> = new Set([
  'nullable',
  'example',
  'discriminator',
  'xml',
  'externalDocs',
  'deprecated',
  'readOnly',
  'writeOnly',
])

/** Every keyword problem in `schema` (located at `base` in `file`). */
export function checkSchemaKeywords(
  schema: unknown,
  options: {
    readonly draft: SchemaDraft
    readonly file: string | undefined
    readonly base: string
    readonly validateHint: ValidateFunction
  },
): Problem[] {
  const { draft, file } = options
  const known = KNOWN_KEYWORDS[draft]
  const other = OTHER_DRAFT_KEYWORDS[draft]
  const problems: Problem[] = []
  const error = (pointer: string, code: ProblemCode, message: string, hint: string): void => {
    problems.push({ code, severity: 'error', file, pointer, message, hint })
  }
  walkSchema(schema, options.base, (node, pointer) => {
    if (!isObject(node)) return
    for (const [keyword, value] of Object.entries(node)) {
      const at = joinPointer(pointer, keyword)
      if (keyword === 'x-standin') {
        if (!options.validateHint(value)) {
          problems.push(...formatProblems(options.validateHint.errors ?? [], file, at))
        }
        continue
      }
      if (keyword.startsWith('x-') || known.has(keyword)) {
        if (keyword === 'format' && typeof value === 'string' && !FORMATS.includes(value)) {
          const guess = didYouMean(value, FORMATS)
          // An unknown format is an annotation (JSON Schema 2020-12 §7.2.3): a warning.
          problems.push({
            code: 'schema.unknown-format',
            severity: 'warning',
            file,
            pointer: at,
            message: `unknown format "${value}", so it is not validated`,
            hint: guess
              ? `Did you mean "${guess}"?`
              : `Use one of ${FORMATS.join(', ')}, or a pattern.`,
          })
        }
        if (keyword === 'pattern' && typeof value === 'string') checkPattern(value, at)
        if (keyword === 'properties' && isObject(value) && Object.hasOwn(value, '__proto__'))
          error(
            joinPointer(at, '__proto__'),
            'schema.unsupported-name',
            'a property named "__proto__" cannot be validated: ajv takes it for an undeclared property (ajv-validator/ajv#2664)',
            'Rename the field; every other name, "constructor" and "toString" included, works.',
          )
        if (keyword === 'patternProperties' && isObject(value)) {
          for (const key of Object.keys(value)) checkPattern(key, joinPointer(at, key))
        }
        continue
      }
      const translation = other[keyword]
      if (translation) {
        error(
          at,
          'schema.wrong-draft',
          `"${keyword}" is not a JSON Schema ${draft} keyword`,
          `${translation}.`,
        )
        continue
      }
      if (FOREIGN_KEYWORDS.has(keyword)) continue
      // JSON Schema: an unknown keyword is an annotation. It stays in the schema, and lint
      // warns, since it is as often a typo as a foreign vocabulary (`lint --strict` fails on it).
      const guess = didYouMean(keyword, known)
      problems.push({
        code: 'schema.unknown-keyword',
        severity: 'warning',
        file,
        pointer: at,
        message: `unknown keyword "${keyword}" is kept as an annotation and has no effect`,
        hint: guess
          ? `Did you mean "${guess}"?`
          : `Remove it, or prefix a custom annotation with x- (x-${keyword}).`,
      })
    }
  })
  return problems

  function checkPattern(pattern: string, pointer: string): void {
    try {
      new RegExp(pattern, 'u')
    } catch (reason) {
      const detail =
        reason instanceof Error ? reason.message.replace(/^Invalid regular expression: /, '') : ''
      error(
        pointer,
        'schema.invalid-pattern',
        `${JSON.stringify(pattern)} is not a valid regular expression (${detail})`,
        'Fix the pattern (ECMA-262 syntax, unicode mode).',
      )
      return
    }
    const re2 = toRe2(pattern)
    if (re2.ok) return
    const allowed = backtrackingAllowed()
    problems.push({
      code: 'schema.backtracking-pattern',
      severity: allowed ? 'warning' : 'error',
      file,
      pointer,
      message: allowed
        ? `${JSON.stringify(pattern)} uses ${re2.reason}, so it runs in a backtracking engine: a hostile value can stall the process (allowed by STANDIN_ALLOW_BACKTRACKING=1)`
        : `${JSON.stringify(pattern)} uses ${re2.reason}, which the linear-time engine standin runs patterns in cannot run`,
      hint: allowed
        ? 'Only run this contract where every client and model is trusted, or rewrite the pattern.'
        : 'Rewrite it without backreferences or lookaround; on a trusted local run only, STANDIN_ALLOW_BACKTRACKING=1 accepts it with a warning.',
    })
  }
}
