/**
 * The keywords of the two JSON Schema drafts standin accepts, the keywords of the other draft and
 * how to write them in this one, and the dialect a `$schema` URI names. Which keywords hold
 * subschemas is the ground floor's table (`src/json/subschema-keywords.ts`).
 */
import type { SchemaDraft } from './contract-types.js'

const ANNOTATIONS = [
  'title',
  'description',
  'default',
  'examples',
  'readOnly',
  'writeOnly',
  'deprecated',
  '$comment',
  'format',
  'contentEncoding',
  'contentMediaType',
]

const VALIDATION = [
  'type',
  'enum',
  'const',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
  'required',
]

const APPLICATORS = [
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'items',
  'contains',
  'properties',
  'patternProperties',
  'additionalProperties',
  'propertyNames',
]

/** Every keyword a draft defines (`definitions` and `$defs` are accepted in both). */
export const KNOWN_KEYWORDS: Readonly<Record<SchemaDraft, ReadonlySet<string>>> = {
  '2020-12': new Set([
    ...ANNOTATIONS,
    ...VALIDATION,
    ...APPLICATORS,
    '$schema',
    '$id',
    '$ref',
    '$anchor',
    '$dynamicRef',
    '$dynamicAnchor',
    '$vocabulary',
    '$defs',
    'definitions',
    'prefixItems',
    'dependentSchemas',
    'dependentRequired',
    'unevaluatedItems',
    'unevaluatedProperties',
    'maxContains',
    'minContains',
    'contentSchema',
  ]),
  'draft-07': new Set([
    ...ANNOTATIONS,
    ...VALIDATION,
    ...APPLICATORS,
    '$schema',
    '$id',
    '$ref',
    '$defs',
    'definitions',
    'additionalItems',
    'dependencies',
  ]),
}

/** Keywords of the other draft, with how to say the same thing in this one. */
export const OTHER_DRAFT_KEYWORDS: Readonly<Record<SchemaDraft, Readonly<Record<string, string>>>> =
  {
    '2020-12': {
      additionalItems: 'In 2020-12 write prefixItems for the tuple and items for the rest',
      dependencies: 'In 2020-12 write dependentRequired or dependentSchemas',
    },
    'draft-07': {
      prefixItems: 'In draft-07 write items as an array of schemas',
      dependentRequired: 'In draft-07 write dependencies',
      dependentSchemas: 'In draft-07 write dependencies',
      unevaluatedProperties: 'draft-07 has no unevaluatedProperties; use additionalProperties',
      unevaluatedItems: 'draft-07 has no unevaluatedItems; use additionalItems',
      $anchor: 'draft-07 has no $anchor; use a JSON pointer in $ref',
      minContains: 'draft-07 has no minContains',
      maxContains: 'draft-07 has no maxContains',
      $dynamicRef: 'draft-07 has no $dynamicRef',
      $dynamicAnchor: 'draft-07 has no $dynamicAnchor',
    },
  }

/** A JSON Schema dialect standin reads; each is bundled in its family's draft (`familyOf`). */
export type Dialect = 'draft-04' | 'draft-06' | 'draft-07' | '2019-09' | '2020-12'

/** The draft a dialect is bundled and validated in: 2019-09 as 2020-12, draft-04 and -06 as draft-07. */
export function familyOf(dialect: Dialect): SchemaDraft {
  return dialect === '2019-09' || dialect === '2020-12' ? '2020-12' : 'draft-07'
}

/** The dialect a `$schema` URI names (`{ unknown: true }` for any other URI). */
export function dialectOfUri(
  uri: string,
): { draft: SchemaDraft; dialect: Dialect } | { unsupported: string } | { unknown: true } {
  const normal = uri.replace(/^https?:\/\//, '').replace(/#$/, '')
  const match = /^json-schema\.org\/(draft-0[3-7]|draft\/2019-09|draft\/2020-12)\/schema$/.exec(
    normal,
  )
  if (!match) return { unknown: true }
  const name = (match[1] ?? '').replace('draft/', '')
  if (name === 'draft-03') return { unsupported: name }
  const dialect = (name === 'draft-05' ? 'draft-04' : name) as Dialect
  return { draft: familyOf(dialect), dialect }
}

/** The canonical `$schema` URI of a draft. */
export const DRAFT_URI: Readonly<Record<SchemaDraft, string>> = {
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
  'draft-07': 'http://json-schema.org/draft-07/schema#',
}
