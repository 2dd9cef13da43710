/**
 * The support-email extractor's request handler: an OpenAI-compatible chat-completions endpoint, written
 * from the API reference as vLLM or llama.cpp's server implement it: `GET /v1/models`,
 * `POST /v1/chat/completions` with `response_format` (text, json_object, json_schema), answers
 * as `chat.completion` objects or, with `stream: true`, as server-sent `chat.completion.chunk`s
 * ending in `data: [DONE]`. Errors are `{"error": {"message", "type", "param", "code"}}`.
 *
 * `fence` (the story's `--broken`) ships a classic chat-template bug: the JSON comes wrapped in a markdown code fence
 * (```json ... ```), which no JSON parser takes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { BodyError, readJson, sendJson } from '../../shared/http.js'
import { extractFields } from './extract.js'

const MODEL = 'support-extractor'
const CREATED = 1_717_000_000

/** How the server misbehaves (the story's `--broken`, and the defects the project's tests inject). */
export interface ExtractorFaults {
  /** Wrap the JSON in a markdown code fence (the story's --broken). */
  readonly fence?: boolean
  /** Non-streamed answers: a trailing comma makes the JSON invalid. */
  readonly invalidJson?: boolean
  /** Non-streamed answers: the category is "misc", outside the schema's enum. */
  readonly violation?: boolean
  /** Streams stop after half their tokens, mid-value, and the connection drops. */
  readonly cutStreams?: boolean
  /** Delay before a stream's first token, ms (default 30). */
  readonly firstTokenMs?: number
  /** Every Nth request is answered 429 (0: never). */
  readonly rateLimitEvery?: number
}

type Json = Record<string, unknown>

function fail(res: ServerResponse, status: number, message: string, param: string | null): void {
  sendJson(res, status, {
    error: {
      message,
      type: status === 429 ? 'requests' : 'invalid_request_error',
      param,
      code: status === 429 ? 'rate_limit_exceeded' : null,
    },
  })
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/** What the server checks in a request (its request model), or the problem and its parameter. */
function checkRequest(body: unknown): { email: string; stream: boolean } | [string, string | null] {
  if (!isObj(body)) return ['the body must be a JSON object', null]
  if (typeof body.model !== 'string' || body.model.length === 0 || body.model.length > 64)
    return ['model must be a model id (1 to 64 characters)', 'model']
  const m = body.messages
  if (!Array.isArray(m) || m.length !== 2)
    return ['messages must be the system prompt and the email', 'messages']
  for (const [i, message] of m.entries()) {
    if (!isObj(message) || (message.role !== 'system' && message.role !== 'user'))
      return [`messages[${i}].role must be system or user`, 'messages']
    if (Object.keys(message).some((k) => k !== 'role' && k !== 'content'))
      return [`messages[${i}] takes only role and content`, 'messages']
    const c = message.content
    if (typeof c !== 'string' || c.length < 1 || c.length > 8000)
      return [`messages[${i}].content must be text of 1 to 8000 characters`, 'messages']
  }
  const t = body.temperature
  if (t !== undefined && (typeof t !== 'number' || t < 0 || t > 2))
    return ['temperature must be a number from 0 to 2', 'temperature']
  const n = body.max_tokens
  if (n !== undefined && (!Number.isInteger(n) || (n as number) < 64 || (n as number) > 4096))
    return ['max_tokens must be an integer from 64 to 4096', 'max_tokens']
  const format = body.response_format
  if (
    format !== undefined &&
    (!isObj(format) || !['text', 'json_object', 'json_schema'].includes(String(format.type)))
  )
    return ['response_format.type must be text, json_object or json_schema', 'response_format']
  if (body.tools !== undefined) return ['this model has no tools', 'tools']
  if (body.stream !== undefined && typeof body.stream !== 'boolean')
    return ['stream must be true or false', 'stream']
  return { email: (m[1] as Json).content as string, stream: body.stream === true }
}

/** Word-sized pieces of the answer, as a tokenizer would stream them. */
function pieces(text: string): string[] {
  return text.match(/ ?[A-Za-z]{1,8}| ?\d{1,4}|\s+|[^]/gu) ?? []
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Streams `text` as chat.completion.chunk events. */
async function stream(
  res: ServerResponse,
  id: string,
  text: string,
  faults: ExtractorFaults,
  usage: Json,
): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  const chunk = (delta: Json, finish: string | null, extra: Json = {}): void => {
    res.write(
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: CREATED, model: MODEL, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra })}\n\n`,
    )
  }
  await sleep(faults.firstTokenMs ?? 30)
  chunk({ role: 'assistant', content: '' }, null)
  const all = pieces(text)
  const sent = faults.cutStreams ? all.slice(0, Math.floor(all.length / 2)) : all
  for (const [i, p] of sent.entries()) {
    if (res.destroyed) return
    chunk({ content: p }, null)
    if (i % 4 === 3) await sleep(4) // about 250 tokens a second, in small bursts
  }
  if (faults.cutStreams) return void res.destroy()
  chunk({}, 'stop')
  res.write(
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: CREATED, model: MODEL, choices: [], usage })}\n\n`,
  )
  res.end('data: [DONE]\n\n')
}

/** The request handler of the extractor, with `faults`. */
export function extractorHandler(
  faults: ExtractorFaults = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  let count = 0
  return async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (req.method === 'GET' && path === '/v1/models')
      return sendJson(res, 200, {
        object: 'list',
        data: [{ id: MODEL, object: 'model', created: CREATED, owned_by: 'support-ml' }],
      })
    if (req.method !== 'POST' || path !== '/v1/chat/completions')
      return fail(res, 404, `no route ${req.method ?? ''} ${path ?? ''}`, null)
    let body: unknown
    try {
      body = await readJson(req)
    } catch (error) {
      if (error instanceof BodyError) return fail(res, error.status, error.message, null)
      throw error
    }
    const checked = checkRequest(body)
    if (Array.isArray(checked)) return fail(res, 400, checked[0], checked[1])
    count++
    if (faults.rateLimitEvery && count % faults.rateLimitEvery === 0) {
      res.setHeader('retry-after', '1')
      return fail(res, 429, 'Rate limit reached for requests', null)
    }
    const fields: Json = { ...extractFields(checked.email) }
    if (faults.violation && !checked.stream) fields.category = 'misc'
    let text = JSON.stringify(fields)
    if (faults.invalidJson && !checked.stream) text = `${text.slice(0, -1)},}`
    if (faults.fence) text = `\`\`\`json\n${text}\n\`\`\``
    const prompt = Math.ceil(checked.email.length / 4) + 20
    const completion = pieces(text).length
    const usage = {
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
    }
    const id = `chatcmpl-${count.toString(16).padStart(8, '0')}`
    if (checked.stream) return stream(res, id, text, faults, usage)
    sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created: CREATED,
      model: MODEL,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: text, refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage,
    })
  }
}
