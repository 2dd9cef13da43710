import type { SchemaDraft } from './contract-types.js'
import { DRAFT_URI, draftOf, isObject } from './schema-keywords.js'

/** Reports a problem at a pointer of the contract. */
export type ReportProblem = (pointer: string, code: string, message: string, hint: string) => void

/**
 * The draft both schemas are written in, from their `$schema` (default 2020-12). Older drafts,
 * unknown URIs and a mix of drafts are reported.
 */
export function detectDraft(data: Record<string, unknown>, error: ReportProblem): SchemaDraft {
  const found: { side: string; draft: SchemaDraft }[] = []
  for (const side of ['input', 'output']) {
    const schema = data[side]
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
    const known = draftOf(schema.$schema)
    if ('draft' in known) found.push({ side, draft: known.draft })
    else if ('unsupported' in known) {
      error(
        at,
        'schema.unsupported-draft',
        `JSON Schema ${known.unsupported} is not supported`,
        `Use draft 2020-12 ($schema: ${DRAFT_URI['2020-12']}) or draft-07 ($schema: ${DRAFT_URI['draft-07']}).`,
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
  const [first, second] = found
  if (first && second && first.draft !== second.draft) {
    error(
      '/output/$schema',
      'schema.mixed-drafts',
      `the output schema is ${second.draft} but the input schema is ${first.draft}`,
      'Write both schemas in the same draft.',
    )
  }
  return first?.draft ?? '2020-12'
}
