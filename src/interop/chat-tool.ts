/**
 * An OpenAPI operation as a tool an LLM calls (`standin import openapi --protocol openai-chat`):
 * the operation's request body is what the model must produce, the tool call's arguments, so it
 * becomes the contract's output; the contract's input is the chat request the service sends.
 * The operation's response, what the service sends back to the model in a `tool` message, is
 * kept in `$defs` and named on that message's content (`contentMediaType`, `contentSchema`).
 */
import { interopError } from './import-error.js'
import type { NoteBook } from './import-result.js'

/** The JSON Schema dialect every imported schema declares. */
const SCHEMA = 'https://json-schema.org/draft/2020-12/schema'

/** The parts of an openai-chat contract for a tool, and where the tool's result schema went. */
export interface ChatTool {
  readonly input: Record<string, unknown>
  readonly output: Record<string, unknown>
  readonly chat: { readonly model: string; readonly tool: string }
  readonly defs: Record<string, unknown>
}

/**
 * True when `schema` says its value is an object, as the API's tool parameters must be: itself,
 * or through `$ref`s to the `$defs` the import wrote.
 */
function isObjectSchema(schema: unknown, defs: Record<string, unknown>, seen = 0): boolean {
  if (schema === null || typeof schema !== 'object' || seen > 16) return false
  const node = schema as Record<string, unknown>
  const type = node.type
  if (type === 'object') return true
  if (Array.isArray(type)) return type.length === 1 && type[0] === 'object'
  if (type !== undefined) return false
  const ref = typeof node.$ref === 'string' ? /^#\/\$defs\/([^/]+)$/.exec(node.$ref) : null
  if (ref?.[1] !== undefined && Object.hasOwn(defs, ref[1]))
    return isObjectSchema(defs[ref[1]], defs, seen + 1)
  return typeof node.properties === 'object'
}

/** The chat request a service sends to have the model call `tool`: messages, a few parameters. */
function chatRequest(tool: string, result: Record<string, unknown> | undefined) {
  const content = { type: ['string', 'null'], maxLength: 32_000 }
  return {
    $schema: SCHEMA,
    title: 'ChatRequest',
    description: `The chat request the service sends to have the model call the tool ${tool}: the conversation so far, and the sampling parameters it relies on. Other request keys pass.`,
    type: 'object',
    required: ['model', 'messages'],
    properties: {
      model: { description: 'The model id the service asks for.', type: 'string', minLength: 1 },
      temperature: { description: 'Sampling temperature.', type: 'number', minimum: 0, maximum: 2 },
      max_tokens: {
        description: "Upper bound of the answer's tokens.",
        type: 'integer',
        minimum: 1,
      },
      messages: {
        description: `The conversation: instructions, the user's words, and the results of earlier ${tool} calls.`,
        type: 'array',
        minItems: 1,
        maxItems: 64,
        items: {
          type: 'object',
          required: ['role'],
          properties: {
            role: { type: 'string', enum: ['system', 'user', 'assistant', 'tool'] },
            content:
              result === undefined
                ? content
                : {
                    ...content,
                    description: `For a tool message: the JSON text of the ${tool} result.`,
                    contentMediaType: 'application/json',
                    contentSchema: { $ref: '#/$defs/ToolResult' },
                  },
            tool_call_id: { type: 'string' },
          },
        },
      },
    },
  }
}

/**
 * The openai-chat parts for an operation whose request body schema is `args` and 2xx response
 * schema `result` (undefined when it has none): `args` must describe an object.
 *
 * @throws {StandinError} `import.operation` when the request body is not an object: the API's
 * tool parameters are always one.
 */
export function chatTool(
  name: string,
  schemas: {
    readonly args: Record<string, unknown>
    readonly result: Record<string, unknown> | undefined
    /** The `$defs` the import wrote, which the schemas may refer to. */
    readonly defs: Record<string, unknown>
  },
  place: { readonly source: string; readonly pointer: string },
  book: NoteBook,
): ChatTool {
  const { args, result } = schemas
  if (!isObjectSchema(args, schemas.defs))
    throw interopError(
      'import.operation',
      place,
      "the operation's request body is not an object, and a tool's arguments always are",
      'Import another operation, or import it on the json protocol (--protocol json).',
    )
  const tool = name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64)
  const { $schema: _s, ...resultSchema } = result ?? {}
  book.add(
    '/output',
    `the output is the arguments of the tool ${tool}, the operation's request body; the contract's input is a generic chat request: narrow its messages to what your service sends`,
  )
  return {
    input: chatRequest(tool, result === undefined ? undefined : resultSchema),
    // Said at the top, as lint wants it, when the object comes through a $ref.
    output: args.type === undefined ? { ...args, type: 'object' } : args,
    chat: { model: name, tool },
    defs: result === undefined ? {} : { ToolResult: resultSchema },
  }
}
