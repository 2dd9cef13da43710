/**
 * The openai-chat protocol's request side: `POST /v1/chat/completions` with a chat-completion
 * body. The protocol checks what it owns (a non-empty `messages` list, `response_format`, the
 * tools against the contract's `chat.tool`, `stream`, `n`), then the record the contract's input
 * schema judges is the body without the keys that only steer the answer's shape (`stream`,
 * `stream_options`, `response_format`, `tools`, `tool_choice`, `parallel_tool_calls`).
 */
import type { Problem, ProblemCode } from '../errors.js'
import type { Contract } from '../contract/index.js'
import { envelopeProblem, isObject, setOwn, shortJson, typeName } from './protocol-helpers.js'
import type { DecodeResult } from './protocol-types.js'
import { countTokens } from './split-tokens.js'

/** Body keys that shape the answer rather than ask the model something: not part of the record. */
export const transportKeys: ReadonlySet<string> = new Set([
  'stream',
  'stream_options',
  'response_format',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
])

/** The `response_format` types of the API. */
const formats = ['text', 'json_object', 'json_schema']

/** What the answer needs to know about the request (carried in the batch's `echo`). */
export interface ChatEcho {
  /** The model asked for (echoed in the answer), or the contract's model id. */
  readonly model: string
  /** `tool` when the request's tools name the contract's tool: the output travels as its arguments. */
  readonly mode: 'content' | 'tool'
  /** True for `stream: true`: the answer is server-sent events. */
  readonly stream: boolean
  /** True for `stream_options.include_usage`: a last chunk carries the usage. */
  readonly includeUsage: boolean
  /** The contract's tool name (tool mode). */
  readonly toolName?: string
  /** Token-sized pieces of the messages' text (the usage's `prompt_tokens`). */
  readonly promptTokens: number
}

const problem = (
  pointer: string,
  message: string,
  code: ProblemCode = 'protocol.envelope',
): Problem => envelopeProblem(pointer, message, code)

/** The problems of `tools` and `tool_choice` against the contract's tool, and whether it is asked for. */
function checkTools(
  body: Record<string, unknown>,
  tool: string | undefined,
  out: Problem[],
): boolean {
  const declared = tool === undefined ? 'the contract declares no tool' : `chat.tool is "${tool}"`
  let asked = false
  if (body.tools !== undefined) {
    if (!Array.isArray(body.tools)) {
      out.push(problem('/tools', `"tools" must be a list of tools, got ${typeName(body.tools)}`))
      return false
    }
    body.tools.forEach((t, i) => {
      const name = isObject(t) && isObject(t.function) ? t.function.name : undefined
      if (typeof name !== 'string')
        out.push(
          problem(`/tools/${i}`, 'a tool must be {"type": "function", "function": {"name": ...}}'),
        )
      else if (name !== tool)
        out.push(
          problem(
            `/tools/${i}/function/name`,
            `tool ${shortJson(name, 80)} is not declared in the contract (${declared})`,
            'request.undeclared-tool',
          ),
        )
      else asked = true
    })
  }
  const choice = body.tool_choice
  if (isObject(choice)) {
    const name = isObject(choice.function) ? choice.function.name : undefined
    if (name !== tool)
      out.push(
        problem(
          '/tool_choice/function/name',
          `tool_choice names "${String(name)}", which is not declared in the contract (${declared})`,
          'request.undeclared-tool',
        ),
      )
  } else if (choice === 'none') asked = false
  return asked
}

/** The problems of `response_format`. */
function checkFormat(format: unknown, out: Problem[]): void {
  if (format === undefined) return
  if (!isObject(format) || typeof format.type !== 'string') {
    out.push(problem('/response_format', 'response_format must be an object with a "type"'))
    return
  }
  if (!formats.includes(format.type))
    out.push(
      problem(
        '/response_format/type',
        `unknown response_format type ${shortJson(format.type, 80)}; use one of ${formats.join(', ')}`,
        'request.response-format',
      ),
    )
  else if (format.type === 'json_schema' && !isObject(format.json_schema))
    out.push(
      problem(
        '/response_format/json_schema',
        'response_format type json_schema needs a "json_schema" object with "name" and "schema"',
        'request.response-format',
      ),
    )
}

/** Token-sized pieces of every message's text, plus a few per message (role and separators). */
function promptTokens(messages: readonly unknown[]): number {
  let n = 0
  for (const m of messages) {
    n += 4
    const content = isObject(m) ? m.content : undefined
    if (typeof content === 'string') n += countTokens(content)
    else if (Array.isArray(content))
      for (const part of content)
        if (isObject(part) && typeof part.text === 'string') n += countTokens(part.text)
  }
  return n
}

/** Decodes a chat-completion request body into its one record, or the envelope problems. */
export function decodeChatRequest(contract: Contract, body: unknown): DecodeResult {
  if (!isObject(body))
    return {
      ok: false,
      problems: [
        problem('', `the body must be a chat-completion request object, got ${typeName(body)}`),
      ],
    }
  const out: Problem[] = []
  const messages = body.messages
  if (!Array.isArray(messages) || messages.length === 0)
    out.push(
      problem(
        '/messages',
        messages === undefined
          ? 'the request has no "messages"; send at least one chat message'
          : `"messages" must be a non-empty list of chat messages, got ${Array.isArray(messages) ? 'an empty list' : typeName(messages)}`,
        'request.messages',
      ),
    )
  checkFormat(body.response_format, out)
  const asked = checkTools(body, contract.chat?.tool, out)
  if (body.stream !== undefined && typeof body.stream !== 'boolean')
    out.push(problem('/stream', `"stream" must be true or false, got ${typeName(body.stream)}`))
  if (body.n !== undefined && body.n !== 1)
    out.push(
      problem(
        '/n',
        `the stand-in answers one choice; send n: 1 or leave it out (got ${shortJson(body.n, 80)})`,
      ),
    )
  if (out.length > 0) return { ok: false, problems: out }
  const record: Record<string, unknown> = {}
  for (const key of Object.keys(body)) if (!transportKeys.has(key)) setOwn(record, key, body[key])
  const options = body.stream_options
  const echo: ChatEcho = {
    model:
      typeof body.model === 'string' && body.model !== ''
        ? body.model
        : (contract.chat?.model ?? contract.name),
    mode: asked ? 'tool' : 'content',
    ...(asked && contract.chat?.tool !== undefined ? { toolName: contract.chat.tool } : {}),
    stream: body.stream === true,
    includeUsage: isObject(options) && options.include_usage === true,
    promptTokens: promptTokens(messages as unknown[]),
  }
  return {
    ok: true,
    batch: { records: [record], pointer: (_i, inner) => inner, single: true, echo: { chat: echo } },
  }
}
