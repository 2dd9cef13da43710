import type { ProblemCode } from '../errors.js'
import type { SchemaDraft } from './contract-types.js'
import { DRAFT_URI, dialectOfUri, type Dialect } from './schema-keywords.js'
import { isObject } from '../json/index.js'

/** Reports a problem at a pointer of the contract. */
export type ReportProblem = (
  pointer: string,
  code: ProblemCode,
  message: string,
  hint: string,
) => void

/** The contract's draft and the dialect each schema is written in. */
export interface DetectedDraft {
  /** The draft both schemas are bundled and validated in. */
  readonly draft: SchemaDraft
  /** The dialect each side's `$schema` names (2020-12 when it names none). */
  readonly dialects: Readonly<Record<'input' | 'output', Dialect>>
}

/**
 * The dialect of each schema, from its `$schema` (default 2020-12), and the draft the contract is
 * bundled in: their common family (draft-04, -06 and -07 bundle as draft-07; 2019-09 and 2020-12 as
 * 2020-12), or 2020-12 when they mix, the other side translated. A schema without `$schema` is
 * read in the draft of the other. Unknown URIs are reported.
 */
export function detectDraft(data: Record<string, unknown>, error: ReportProblem): DetectedDraft {
  const dialects: Record<'input' | 'output', Dialect> = { input: '2020-12', output: '2020-12' }
  const families = new Set<SchemaDraft>()
  for (const side of ['input', 'output'] as const) {
    const schema = data[side]
    // A schema without $schema is read in the other one's dialect.
    if (!isObject(schema) || schema.$schema === undefined) continue
    const at = `/${side}/$schema`
    if (typeof schema.$schema !== 'string') {
      error(
        at,
        'schema.unknown-draft',
        '$schema must be a string',
        `Write $schema: ${DRAFT_URI['2020-12']}.`,
      )
      continue
    }
    const known = dialectOfUri(schema.$schema)
    if ('draft' in known) {
      dialects[side] = known.dialect
      families.add(known.draft)
    } else if ('unsupported' in known) {
      error(
        at,
        'schema.unsupported-draft',
        `JSON Schema ${known.unsupported} is not supported`,
        `Use draft 2020-12 ($schema: ${DRAFT_URI['2020-12']}), 2019-09, draft-07, -06 or -04.`,
      )
    } else {
      error(
        at,
        'schema.unknown-draft',
        `unknown $schema ${JSON.stringify(schema.$schema)}`,
        `Use ${DRAFT_URI['2020-12']} or ${DRAFT_URI['draft-07']}, or leave it out for 2020-12.`,
      )
    }
  }
  const draft = families.size === 1 ? ([...families][0] as SchemaDraft) : '2020-12'
  for (const side of ['input', 'output'] as const) {
    const schema = data[side]
    if (
      !isObject(schema) ||
      typeof schema.$schema !== 'string' ||
      !('draft' in dialectOfUri(schema.$schema))
    ) {
      dialects[side] = draft
    }
  }
  return { draft, dialects }
}
