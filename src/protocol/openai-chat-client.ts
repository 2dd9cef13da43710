/**
 * The openai-chat protocol's client side, for verify: the request that asks a model for the
 * contract's output (`response_format` json_schema, or the contract's tool forced with
 * `tool_choice`) and the output read back from a chat completion (a streamed answer is put back
 * together in openai-chat-stream.ts). Every problem points into the answer
 * (`/choices/0/message/content`, ...); the parsed content is judged against the output schema by
 * verify, by pointer inside it.
 */
import type { Problem } from '../errors.js'
import type { Contract } from '../contract/index.js'
import {
  envelopeProblem,
  hasOwn,
  isObject,
  shortJson,
  statusProblems,
  typeName,
} from './protocol-helpers.js'
import type { EncodedRequest } from './protocol-types.js'

const json = 'application/json'

/** The request asking for `record`'s answer; `stream` asks for server-sent events (with usage). */
export function encodeChatRequest(
  contract: Contract,
  record: unknown,
  stream = false,
): EncodedRequest {
  const body: Record<string, unknown> = isObject(record) ? { ...record } : {}
  const model = contract.chat?.model ?? contract.name
  // The record carries `model` when the input schema declares it (a case without it must stay
  // without it); otherwise the request names the contract's model, as a client would.
  const input = contract.input
  const declared =
    isObject(input) && isObject(input.properties) && hasOwn(input.properties, 'model')
  if (!declared && !hasOwn(body, 'model')) body.model = model
  const tool = contract.chat?.tool
  if (tool !== undefined) {
    body.tools = [{ type: 'function', function: { name: tool, parameters: contract.output } }]
    body.tool_choice = { type: 'function', function: { name: tool } }
  } else
    body.response_format = {
      type: 'json_schema',
      json_schema: { name: contract.name.replace(/-/g, '_'), schema: contract.output },
    }
  if (stream) {
    body.stream = true
    body.stream_options = { include_usage: true }
  }
  return {
    method: 'POST',
    path: '/v1/chat/completions',
    headers: { 'content-type': json, accept: stream ? 'text/event-stream' : json },
    body,
  }
}

/** Parses the structured text the model sent, or says where and why it is not JSON. */
export function parseContent(text: string, pointer: string, out: Problem[]): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    const shown = text.length > 120 ? `${text.slice(0, 120)}...` : text
    out.push(
      envelopeProblem(
        pointer,
        `the model's structured output is not valid JSON (${why}): ${JSON.stringify(shown)}`,
        'protocol.content-json',
      ),
    )
    return undefined
  }
}

/** The problem of a finish reason other than the one a complete structured answer ends with. */
export function finishProblem(
  reason: unknown,
  tool: boolean,
  pointer: string,
): Problem | undefined {
  if (reason === 'stop' || (tool && reason === 'tool_calls')) return undefined
  const why =
    reason === 'length'
      ? ': the answer was cut at the token limit, so the JSON is incomplete'
      : reason === 'content_filter'
        ? ': the content filter removed the answer'
        : ''
  return envelopeProblem(
    pointer,
    `finish_reason is ${reason === undefined ? 'missing' : shortJson(reason, 80)}, expected ${tool ? '"tool_calls" or "stop"' : '"stop"'}${why}`,
    'protocol.finish-reason',
  )
}

function usageProblems(usage: unknown, pointer: string): Problem[] {
  if (!isObject(usage))
    return [
      envelopeProblem(
        pointer,
        `"usage" must be an object with token counts, got ${typeName(usage)}`,
        'protocol.usage',
      ),
    ]
  return ['prompt_tokens', 'completion_tokens', 'total_tokens'].flatMap((key) =>
    Number.isInteger(usage[key]) && (usage[key] as number) >= 0
      ? []
      : [
          envelopeProblem(
            `${pointer}/${key}`,
            `"${key}" must be a count of tokens, got ${shortJson(usage[key], 80)}`,
            'protocol.usage',
          ),
        ],
  )
}

/** The output in a chat completion, or what is wrong with the answer. */
export function decodeChatResponse(
  contract: Contract,
  status: number,
  body: unknown,
): { outputs: unknown[] } | { problems: Problem[] } {
  if (status < 200 || status > 299) return { problems: statusProblems(status, body) }
  if (!isObject(body)) return failAt('', `expected a chat completion object, got ${typeName(body)}`)
  if (body.object !== 'chat.completion')
    return failAt(
      '/object',
      `"object" is ${body.object === undefined ? 'missing' : shortJson(body.object, 80)}, expected "chat.completion"`,
    )
  const out = completionFieldProblems(body)
  const first = firstMessage(body.choices)
  if ('problems' in first) return first
  const tool = contract.chat?.tool
  const finish = finishProblem(
    first.choice.finish_reason,
    tool !== undefined,
    '/choices/0/finish_reason',
  )
  if (finish) out.push(finish)
  out.push(...answerUsageProblems(body.usage))
  const structured =
    tool !== undefined
      ? toolArguments(first.message, tool, out)
      : { text: first.message.content, at: '/choices/0/message/content' }
  if ('problems' in structured) return structured
  const { text, at } = structured
  if (typeof text !== 'string')
    return {
      problems: [
        ...out,
        envelopeProblem(at, `expected the structured output as a JSON text, got ${typeName(text)}`),
      ],
    }
  const output = parseContent(text, at, out)
  return out.length > 0 ? { problems: out } : { outputs: [output] }
}

/** An answer refused for one problem at `pointer`. */
function failAt(pointer: string, message: string): { problems: Problem[] } {
  return { problems: [envelopeProblem(pointer, message)] }
}

/** The problems of a completion's `id`, `model` and `created` fields. */
function completionFieldProblems(body: Record<string, unknown>): Problem[] {
  const out: Problem[] = []
  for (const [key, ok] of [
    ['id', typeof body.id === 'string'],
    ['model', typeof body.model === 'string'],
    ['created', Number.isInteger(body.created)],
  ] as const)
    if (!ok) out.push(envelopeProblem(`/${key}`, `"${key}" is missing or of the wrong type`))
  return out
}

/** The first choice and its message, or why there is none (or the model refused). */
function firstMessage(
  choices: unknown,
): { choice: Record<string, unknown>; message: Record<string, unknown> } | { problems: Problem[] } {
  if (!Array.isArray(choices) || choices.length === 0)
    return failAt(
      '/choices',
      `"choices" must be a non-empty list, got ${Array.isArray(choices) ? 'an empty list' : typeName(choices)}`,
    )
  const choice: unknown = choices[0]
  const message = isObject(choice) ? choice.message : undefined
  if (!isObject(choice) || !isObject(message))
    return failAt('/choices/0/message', 'the first choice has no "message" object')
  if (typeof message.refusal === 'string')
    return {
      problems: [
        envelopeProblem(
          '/choices/0/message/refusal',
          `the model refused: ${JSON.stringify(message.refusal.slice(0, 200))}`,
          'protocol.refusal',
        ),
      ],
    }
  return { choice, message }
}

/** The problems of the answer's `usage`, which must be there with its token counts. */
function answerUsageProblems(usage: unknown): Problem[] {
  if (usage === undefined)
    return [
      envelopeProblem(
        '',
        'the answer has no "usage" (prompt, completion and total tokens)',
        'protocol.usage',
      ),
    ]
  return usageProblems(usage, '/usage')
}

/**
 * The arguments of the message's first tool call, where the output is when the contract names a
 * tool; a call of another tool is a problem added to `out`, no call at all ends the decoding.
 */
function toolArguments(
  message: Record<string, unknown>,
  tool: string,
  out: Problem[],
): { text: unknown; at: string } | { problems: Problem[] } {
  const calls = message.tool_calls
  const call: unknown = Array.isArray(calls) ? calls[0] : undefined
  const fn = isObject(call) ? call.function : undefined
  if (!isObject(fn))
    return {
      problems: [
        ...out,
        envelopeProblem(
          '/choices/0/message/tool_calls',
          `expected a call of tool "${tool}", got ${typeName(calls)}`,
        ),
      ],
    }
  if (fn.name !== tool)
    out.push(
      envelopeProblem(
        '/choices/0/message/tool_calls/0/function/name',
        `the model called ${shortJson(fn.name, 80)}, expected "${tool}"`,
      ),
    )
  return { text: fn.arguments, at: '/choices/0/message/tool_calls/0/function/arguments' }
}
