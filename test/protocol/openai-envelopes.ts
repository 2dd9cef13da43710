/**
 * The OpenAI API's own response schemas (CreateChatCompletionResponse, its stream chunk,
 * ListModelsResponse), extracted from the openai-openapi repository's openapi.yaml into
 * test/fixtures/openai-openapi (see its SOURCE and LICENSE; scripts/refresh-fixtures.mjs).
 */
import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { root } from '../helpers/run-cli.js'

/**
 * The document is OpenAPI 3.1 but keeps a few OpenAPI 3.0 `nullable: true`s (some without a
 * `type`, which ajv refuses): each becomes the 3.1 spelling, null as one more allowed type.
 */
function nullables(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullables)
  if (node === null || typeof node !== 'object') return node
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node))
    if (key !== 'nullable') out[key] = nullables(value)
  if ((node as { nullable?: unknown }).nullable !== true) return out
  // OpenAPI 3.0 reads nullable as "null is allowed too", past `enum` as well.
  if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null]
  if (typeof out.type === 'string') return { ...out, type: [out.type, 'null'] }
  return { anyOf: [out, { type: 'null' }] }
}

const document = nullables(
  JSON.parse(readFileSync(`${root}test/fixtures/openai-openapi/schemas.json`, 'utf8')),
) as object
// OpenAPI 3.1 schemas are JSON Schema 2020-12 plus annotations (x-oaiMeta, format: unixtime).
const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false })
ajv.addSchema(document, 'openai')

/** ajv's error text for `value` against the API's schema `name`, or '' when it is valid. */
export function openaiErrors(
  name:
    'CreateChatCompletionResponse' | 'CreateChatCompletionStreamResponse' | 'ListModelsResponse',
  value: unknown,
): string {
  const validate = ajv.getSchema(`openai#/components/schemas/${name}`)
  if (!validate) throw new Error(`no schema ${name}`)
  return validate(value) ? '' : ajv.errorsText(validate.errors)
}
