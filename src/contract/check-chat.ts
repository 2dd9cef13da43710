/**
 * The openai-chat protocol's contract rules: the output is structured content or a tool call's
 * arguments, and both are JSON objects in the API (`response_format` json_schema takes an object
 * schema; a function's `parameters` are an object), so the output schema must describe an
 * object. `chat` belongs to that protocol alone.
 */
import type { Problem } from '../errors.js'
import { isObject } from '../json/index.js'

/** True when `schema` says its value is an object (`type: object`, or a list holding only it). */
function describesObject(schema: unknown): boolean {
  if (!isObject(schema)) return false
  const type = schema.type
  return type === 'object' || (Array.isArray(type) && type.length === 1 && type[0] === 'object')
}

/** The problems of a parsed contract's openai-chat settings, its output schema being `output`. */
export function checkChat(
  data: Record<string, unknown>,
  output: unknown,
  file?: string,
): Problem[] {
  const where = file !== undefined ? { file } : {}
  if (data.protocol !== 'openai-chat') {
    if (data.chat === undefined) return []
    return [
      {
        code: 'contract.ignored-key',
        severity: 'warning',
        ...where,
        pointer: '/chat',
        message: `chat is ignored for protocol ${JSON.stringify(data.protocol ?? 'json')}; it configures openai-chat`,
        hint: 'Remove it, or set protocol: openai-chat.',
      },
    ]
  }
  if (output === undefined || describesObject(output)) return []
  const type = isObject(output) ? output.type : undefined
  return [
    {
      code: 'contract.chat-output',
      severity: 'error',
      ...where,
      pointer: isObject(output) && type !== undefined ? '/output/type' : '/output',
      message: `protocol openai-chat needs an object output schema (the structured content or a tool's arguments are a JSON object), got ${type === undefined ? 'no "type"' : `type ${JSON.stringify(type)}`}`,
      hint: 'Give the output schema type: object, with the fields as properties.',
    },
  ]
}
