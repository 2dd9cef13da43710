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

/** What the keyword checks of one schema share: its draft, its file, and the problems found. */
interface KeywordScan {
  readonly draft: SchemaDraft
  readonly file: string | undefined
  /** Checks the shape of an `x-standin` hint against the format schema's `$defs/xStandin`. */
  readonly validateHint: ValidateFunction
  readonly problems: Problem[]
}

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
  const scan: KeywordScan = { ...options, problems: [] }
  walkSchema(schema, options.base, (node, pointer) => {
    if (!isObject(node)) return
    for (const [keyword, value] of Object.entries(node)) {
      checkKeyword(scan, keyword, value, joinPointer(pointer, keyword))
    }
  })
  return scan.problems
}

/**
 * Checks one keyword at `at`: a hint's shape, a known keyword's value, or that it is a keyword
 * of this draft at all (the other draft's, a foreign vocabulary's, or unknown).
 */
function checkKeyword(scan: KeywordScan, keyword: string, value: unknown, at: string): void {
  const { draft, file } = scan
  if (keyword === 'x-standin') {
    if (!scan.validateHint(value)) {
      scan.problems.push(...formatProblems(scan.validateHint.errors ?? [], file, at))
    }
    return
  }
  if (keyword.startsWith('x-') || KNOWN_KEYWORDS[draft].has(keyword)) {
    checkKnownKeyword(scan, keyword, value, at)
    return
  }
  const translation = OTHER_DRAFT_KEYWORDS[draft][keyword]
  if (translation) {
    error(
      scan,
      at,
      'schema.wrong-draft',
      `"${keyword}" is not a JSON Schema ${draft} keyword`,
      `${translation}.`,
    )
    return
  }
  if (FOREIGN_KEYWORDS.has(keyword)) return
  // JSON Schema: an unknown keyword is an annotation. It stays in the schema, and lint
  // warns, since it is as often a typo as a foreign vocabulary (`lint --strict` fails on it).
  const guess = didYouMean(keyword, KNOWN_KEYWORDS[draft])
  scan.problems.push({
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

/** Checks the value of a known keyword: its format, its patterns, the property names it holds. */
function checkKnownKeyword(scan: KeywordScan, keyword: string, value: unknown, at: string): void {
  if (keyword === 'format' && typeof value === 'string' && !FORMATS.includes(value)) {
    const guess = didYouMean(value, FORMATS)
    // An unknown format is an annotation (JSON Schema 2020-12 §7.2.3): a warning.
    scan.problems.push({
      code: 'schema.unknown-format',
      severity: 'warning',
      file: scan.file,
      pointer: at,
      message: `unknown format "${value}", so it is not validated`,
      hint: guess ? `Did you mean "${guess}"?` : `Use one of ${FORMATS.join(', ')}, or a pattern.`,
    })
  }
  if (keyword === 'pattern' && typeof value === 'string') checkPattern(scan, value, at)
  if (keyword === 'properties' && isObject(value) && Object.hasOwn(value, '__proto__'))
    error(
      scan,
      joinPointer(at, '__proto__'),
      'schema.unsupported-name',
      'a property named "__proto__" cannot be validated: ajv takes it for an undeclared property (ajv-validator/ajv#2664)',
      'Rename the field; every other name, "constructor" and "toString" included, works.',
    )
  if (keyword === 'patternProperties' && isObject(value)) {
    for (const key of Object.keys(value)) checkPattern(scan, key, joinPointer(at, key))
  }
}

/** Records an error at `pointer`. */
function error(
  scan: KeywordScan,
  pointer: string,
  code: ProblemCode,
  message: string,
  hint: string,
): void {
  scan.problems.push({ code, severity: 'error', file: scan.file, pointer, message, hint })
}

/**
 * Reports a pattern that is not a regular expression, or that the linear-time engine cannot
 * run (an error, or a warning when backtracking is allowed).
 */
function checkPattern(scan: KeywordScan, pattern: string, pointer: string): void {
  try {
    new RegExp(pattern, 'u')
  } catch (reason) {
    const detail =
      reason instanceof Error ? reason.message.replace(/^Invalid regular expression: /, '') : ''
    error(
      scan,
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
  scan.problems.push({
    code: 'schema.backtracking-pattern',
    severity: allowed ? 'warning' : 'error',
    file: scan.file,
    pointer,
    message: allowed
      ? `${JSON.stringify(pattern)} uses ${re2.reason}, so it runs in a backtracking engine: a hostile value can stall the process (allowed by STANDIN_ALLOW_BACKTRACKING=1)`
      : `${JSON.stringify(pattern)} uses ${re2.reason}, which the linear-time engine standin runs patterns in cannot run`,
    hint: allowed
      ? 'Only run this contract where every client and model is trusted, or rewrite the pattern.'
      : 'Rewrite it without backreferences or lookaround; on a trusted local run only, STANDIN_ALLOW_BACKTRACKING=1 accepts it with a warning.',
  })
}
