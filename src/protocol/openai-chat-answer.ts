/**
 * The openai-chat protocol's answers, shaped as the API's `CreateChatCompletionResponse` and, for
 * `stream: true`, its `CreateChatCompletionStreamResponse` chunks (a role delta, one delta per
 * token-sized piece of content, the finish chunk, the usage chunk when asked, `data: [DONE]`).
 * The output travels as the API encodes structured output: a JSON text in `message.content`, or
 * in `tool_calls[0].function.arguments` when the request asked for the contract's tool. Same
 * request, same answer: the id and `created` come from a hash of the request and the output.
 */
import { canonicalJson } from '../generate/index.js'
import type { ChatEcho } from './openai-chat-request.js'
import type { ProtocolAnswer, StreamPiece } from './protocol-types.js'
import { sseDone, sseEvent } from './sse.js'
import { splitTokens } from './split-tokens.js'

/** The scenarios openai-chat adds: a stream cut mid-value, an answer cut at max_tokens, a refusal. */
export const chatScenarios = ['stream-cut', 'length', 'refusal'] as const

/** The refusal text of the `refusal` scenario. */
export const refusalText = "I'm sorry, but I can't help with that request."

/** FNV-1a over `text` from `basis`, as 8 hex digits. */
function fnv(text: string, basis: number): string {
  let h = basis >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(16).padStart(8, '0')
}

/** What every envelope of one answer shares. */
interface Identity {
  readonly id: string
  readonly callId: string
  readonly created: number
  readonly model: string
}

function identity(record: unknown, output: unknown, model: string): Identity {
  const text = `${canonicalJson(record)}\u0000${JSON.stringify(output) ?? ''}`
  const a = fnv(text, 0x811c9dc5)
  const b = fnv(text, 0x050c5d1f)
  const c = fnv(text, 0x1b873593)
  return {
    id: `chatcmpl-${a}${b}${c}`,
    callId: `call_${c}${a}`,
    // A plausible Unix time in 2023-2024, fixed for the request.
    created: 1_700_000_000 + (parseInt(b, 16) % 31_536_000),
    model,
  }
}

/** The text the answer carries and how it ends, for a scenario. */
function payload(
  output: unknown,
  scenario: string | undefined,
): { text: string; pieces: string[]; finish: 'stop' | 'length'; refusal: boolean } {
  if (scenario === 'refusal')
    return { text: refusalText, pieces: splitTokens(refusalText), finish: 'stop', refusal: true }
  const full = JSON.stringify(output) ?? 'null'
  const pieces = splitTokens(full)
  if (scenario !== 'length') return { text: full, pieces, finish: 'stop', refusal: false }
  // Cut at max_tokens: about half the pieces, never a whole JSON value.
  const kept = pieces.slice(0, Math.max(1, Math.floor(pieces.length / 2)))
  return { text: kept.join(''), pieces: kept, finish: 'length', refusal: false }
}

function usage(echo: ChatEcho, completion: number): Record<string, number> {
  return {
    prompt_tokens: echo.promptTokens,
    completion_tokens: completion,
    total_tokens: echo.promptTokens + completion,
  }
}

/** The non-streamed chat completion. */
function completion(
  who: Identity,
  echo: ChatEcho,
  text: string,
  count: number,
  finish: 'stop' | 'length',
  refusal: boolean,
): Record<string, unknown> {
  const tool = echo.mode === 'tool' && !refusal
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: tool || refusal ? null : text,
    refusal: refusal ? text : null,
    annotations: [],
  }
  if (tool)
    message.tool_calls = [
      { id: who.callId, type: 'function', function: { name: echo.toolName, arguments: text } },
    ]
  return {
    id: who.id,
    object: 'chat.completion',
    created: who.created,
    model: who.model,
    system_fingerprint: 'fp_standin',
    choices: [
      {
        index: 0,
        message,
        logprobs: null,
        finish_reason: tool && finish === 'stop' ? 'tool_calls' : finish,
      },
    ],
    usage: usage(echo, count),
  }
}

/** The streamed chunks of an answer as event pieces (`cut`: only the first half of the tokens). */
function chunks(
  who: Identity,
  echo: ChatEcho,
  pieces: readonly string[],
  finish: 'stop' | 'length',
  refusal: boolean,
  cut: boolean,
): StreamPiece[] {
  const tool = echo.mode === 'tool' && !refusal
  const chunk = (delta: Record<string, unknown>, finishReason: string | null): string => {
    const body: Record<string, unknown> = {
      id: who.id,
      object: 'chat.completion.chunk',
      created: who.created,
      model: who.model,
      system_fingerprint: 'fp_standin',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    }
    if (echo.includeUsage) body.usage = null
    return sseEvent(JSON.stringify(body))
  }
  const first: Record<string, unknown> = tool
    ? {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            index: 0,
            id: who.callId,
            type: 'function',
            function: { name: echo.toolName, arguments: '' },
          },
        ],
      }
    : { role: 'assistant', content: '', refusal: null }
  const out: StreamPiece[] = [{ text: chunk(first, null), token: false }]
  const sent = cut ? pieces.slice(0, Math.max(1, Math.floor(pieces.length / 2))) : pieces
  for (const p of sent) {
    const delta = tool
      ? { tool_calls: [{ index: 0, function: { arguments: p } }] }
      : refusal
        ? { refusal: p }
        : { content: p }
    out.push({ text: chunk(delta, null), token: true })
  }
  if (cut) return out
  out.push({ text: chunk({}, tool && finish === 'stop' ? 'tool_calls' : finish), token: false })
  if (echo.includeUsage)
    out.push({
      text: sseEvent(
        JSON.stringify({
          id: who.id,
          object: 'chat.completion.chunk',
          created: who.created,
          model: who.model,
          system_fingerprint: 'fp_standin',
          choices: [],
          usage: usage(echo, pieces.length),
        }),
      ),
      token: false,
    })
  out.push({ text: sseEvent(sseDone), token: false })
  return out
}

/**
 * The answer to one chat request whose output is `output`: the completion, or its stream, shaped
 * by the scenario (`length`, `refusal`, `stream-cut`; others answer normally).
 */
export function chatAnswer(
  record: unknown,
  output: unknown,
  echo: ChatEcho,
  scenario: string | undefined,
): ProtocolAnswer {
  const who = identity(record, output, echo.model)
  const { text, pieces, finish, refusal } = payload(output, scenario)
  const cut = scenario === 'stream-cut'
  if (echo.stream)
    return {
      kind: 'stream',
      contentType: 'text/event-stream; charset=utf-8',
      pieces: chunks(who, echo, pieces, finish, refusal, cut),
      cut,
    }
  const body = completion(who, echo, text, pieces.length, finish, refusal)
  if (!cut) return { kind: 'body', body }
  // A non-streamed answer cut mid-body: the first half of its JSON text, then the connection drops.
  const whole = JSON.stringify(body)
  return {
    kind: 'stream',
    contentType: 'application/json',
    pieces: [{ text: whole.slice(0, Math.floor(whole.length / 2)), token: false }],
    cut: true,
  }
}
