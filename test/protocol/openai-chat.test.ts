import { expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import type { Contract } from '../../src/contract/contract-types.js'
import {
  assembleChatStream,
  createSseReader,
  getProtocol,
  splitTokens,
} from '../../src/protocol/index.js'
import { createHandler } from '../../src/serve/index.js'
import type { CoreResponse } from '../../src/serve/index.js'
import { fixtureContract } from './fixture-contracts.js'
import { openaiErrors } from './openai-envelopes.js'

const contract = await fixtureContract('support-email-extractor')
const tooled: Contract = await loadContract({
  contract: 1,
  name: 'email-tool',
  version: '1.0.0',
  protocol: 'openai-chat',
  chat: { tool: 'record_fields' },
  input: { type: 'object', required: ['messages'] },
  output: {
    type: 'object',
    additionalProperties: false,
    required: ['category', 'urgent'],
    properties: { category: { enum: ['billing', 'delivery'] }, urgent: { type: 'boolean' } },
  },
})
const example = contract.examples[1]?.input as Record<string, unknown>
const generatedInput = {
  model: 'support-extractor',
  messages: [
    { role: 'system', content: 'Extract the fields.' },
    { role: 'user', content: 'Subject: login\nI cannot log in to my account since yesterday.' },
  ],
}
const toolRequest = {
  model: 'any-model',
  messages: [{ role: 'user', content: 'My parcel is late.' }],
  tools: [{ type: 'function', function: { name: 'record_fields', parameters: tooled.output } }],
  tool_choice: { type: 'function', function: { name: 'record_fields' } },
}

function post(
  served: Contract,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<CoreResponse> {
  return createHandler([served], { seed: 3 })({
    method: 'POST',
    url: '/v1/chat/completions',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

function events(response: CoreResponse): string[] {
  const reader = createSseReader()
  return [...reader.push(response.body), ...reader.end()]
}

it('answers a chat completion the OpenAI API schema accepts, with the output as JSON content', async () => {
  for (const input of [example, generatedInput]) {
    const response = await post(contract, input)
    expect(response.status).toBe(200)
    const body = JSON.parse(response.body) as Record<string, unknown>
    expect(openaiErrors('CreateChatCompletionResponse', body)).toBe('')
    const decoded = getProtocol('openai-chat').decodeResponse(contract, 200, body, 1)
    if (!('outputs' in decoded)) throw new Error(JSON.stringify(decoded.problems))
    expect(contract.validateOutput(decoded.outputs[0])).toEqual([])
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'support-extractor',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', refusal: null } }],
      usage: { prompt_tokens: expect.any(Number) as number },
    })
  }
})

it('replays the example and gives the same answer to the same request, in another handler too', async () => {
  const a = await post(contract, example)
  const b = await post(contract, example)
  expect(a.body).toBe(b.body)
  const content = (JSON.parse(a.body) as { choices: { message: { content: string } }[] }).choices[0]
    ?.message.content
  expect(JSON.parse(content ?? '')).toMatchObject({ category: 'delivery', order_id: 'ORD-100237' })
})

it('streams role, token-sized content deltas, the finish chunk, the usage and [DONE], each chunk valid', async () => {
  const plain = JSON.parse((await post(contract, example)).body) as {
    choices: { message: { content: string } }[]
    usage: { completion_tokens: number }
  }
  const response = await post(contract, {
    ...example,
    stream: true,
    stream_options: { include_usage: true },
  })
  expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8')
  const data = events(response)
  expect(data.at(-1)).toBe('[DONE]')
  const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as Record<string, unknown>)
  for (const chunk of chunks)
    expect(openaiErrors('CreateChatCompletionStreamResponse', chunk)).toBe('')
  expect(chunks[0]).toMatchObject({ choices: [{ delta: { role: 'assistant', content: '' } }] })
  const content = plain.choices[0]?.message.content ?? ''
  expect(chunks.length).toBe(splitTokens(content).length + 3)
  expect(chunks.at(-2)).toMatchObject({ choices: [{ delta: {}, finish_reason: 'stop' }] })
  expect(chunks.at(-1)).toMatchObject({ choices: [], usage: plain.usage })
  const assembled = assembleChatStream(contract, data, true)
  expect(assembled).toEqual({
    output: JSON.parse(content) as unknown,
    problems: [],
    tokens: splitTokens(content).length,
    finishReason: 'stop',
  })
})

it("answers a request naming the contract's tool with a tool call, streamed and not", async () => {
  const body = JSON.parse((await post(tooled, toolRequest)).body) as {
    choices: {
      finish_reason: string
      message: { content: unknown; tool_calls: { function: { name: string; arguments: string } }[] }
    }[]
  }
  expect(openaiErrors('CreateChatCompletionResponse', body)).toBe('')
  const choice = body.choices[0]
  expect(choice?.finish_reason).toBe('tool_calls')
  expect(choice?.message.content).toBeNull()
  expect(choice?.message.tool_calls[0]?.function.name).toBe('record_fields')
  const args = JSON.parse(choice?.message.tool_calls[0]?.function.arguments ?? '') as unknown
  expect(tooled.validateOutput(args)).toEqual([])
  expect(getProtocol('openai-chat').decodeResponse(tooled, 200, body, 1)).toEqual({
    outputs: [args],
  })
  const data = events(await post(tooled, { ...toolRequest, stream: true }))
  for (const d of data.slice(0, -1))
    expect(openaiErrors('CreateChatCompletionStreamResponse', JSON.parse(d))).toBe('')
  expect(assembleChatStream(tooled, data, true)).toMatchObject({
    output: args,
    problems: [],
    finishReason: 'tool_calls',
  })
})

it('lists its models in the shape of the API', async () => {
  const handler = createHandler([contract, tooled])
  const list = await handler({ method: 'GET', url: '/v1/models', headers: {} })
  const body = JSON.parse(list.body) as unknown
  expect(openaiErrors('ListModelsResponse', body)).toBe('')
  expect(body).toEqual({
    object: 'list',
    data: [
      { id: 'support-extractor', object: 'model', created: 1700000000, owned_by: 'standin' },
      { id: 'email-tool', object: 'model', created: 1700000000, owned_by: 'standin' },
    ],
  })
})

it('refuses bad requests in the OpenAI error shape, naming the pointer', async () => {
  const cases: [unknown, number, unknown][] = [
    [
      { model: 'm' },
      400,
      {
        message:
          'The body is not a valid openai-chat request. /messages: the request has no "messages"; send at least one chat message',
        type: 'invalid_request_error',
        param: 'messages',
        code: 'invalid-envelope',
      },
    ],
    [
      { ...example, response_format: { type: 'yaml' } },
      400,
      {
        message:
          'The body is not a valid openai-chat request. /response_format/type: unknown response_format type "yaml"; use one of text, json_object, json_schema',
        type: 'invalid_request_error',
        param: 'response_format',
        code: 'invalid-envelope',
      },
    ],
    [
      { ...example, tools: [{ type: 'function', function: { name: 'delete_account' } }] },
      400,
      {
        message:
          'The body is not a valid openai-chat request. /tools/0/function/name: tool "delete_account" is not declared in the contract (the contract declares no tool)',
        type: 'invalid_request_error',
        param: 'tools',
        code: 'invalid-envelope',
      },
    ],
    [
      { ...example, messages: [{ role: 'user', content: 'hi' }] },
      400,
      {
        message:
          'The input breaks the contract support-email-extractor@1.0.0. /messages: must NOT have fewer than 2 items',
        type: 'invalid_request_error',
        param: 'messages',
        code: 'invalid-input',
      },
    ],
  ]
  for (const [body, status, error] of cases) {
    const response = await post(contract, body)
    expect({
      status: response.status,
      error: (JSON.parse(response.body) as { error: unknown }).error,
    }).toEqual({ status, error })
  }
  const big = await createHandler([contract], { bodyLimit: 100 })({
    method: 'POST',
    url: '/v1/chat/completions',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(example),
  })
  expect(big.status).toBe(413)
  expect(JSON.parse(big.body)).toMatchObject({
    error: { type: 'invalid_request_error', param: null, code: 'payload-too-large' },
  })
})

it('injects the LLM faults on demand through x-standin-scenario', async () => {
  const scenario = (name: string, extra: object = {}): Promise<CoreResponse> =>
    post(contract, { ...example, ...extra }, { 'x-standin-scenario': name })
  const limited = await scenario('rate-limit')
  expect(limited.status).toBe(429)
  expect(limited.headers['retry-after']).toBe('1')
  expect(JSON.parse(limited.body)).toMatchObject({
    error: { type: 'requests', code: 'rate_limit_exceeded' },
  })
  expect((await scenario('error')).status).toBe(500)

  const length = JSON.parse((await scenario('length')).body) as Record<string, unknown>
  expect(openaiErrors('CreateChatCompletionResponse', length)).toBe('')
  const cut = getProtocol('openai-chat').decodeResponse(contract, 200, length, 1)
  expect('problems' in cut && cut.problems.map((p) => [p.code, p.pointer])).toEqual([
    ['protocol.finish-reason', '/choices/0/finish_reason'],
    ['protocol.content-json', '/choices/0/message/content'],
  ])

  const refusal = JSON.parse((await scenario('refusal')).body) as Record<string, unknown>
  expect(openaiErrors('CreateChatCompletionResponse', refusal)).toBe('')
  expect(getProtocol('openai-chat').decodeResponse(contract, 200, refusal, 1)).toEqual({
    problems: [
      {
        code: 'protocol.refusal',
        severity: 'error',
        pointer: '/choices/0/message/refusal',
        message: `the model refused: "I'm sorry, but I can't help with that request."`,
      },
    ],
  })

  const streamCut = await scenario('stream-cut', { stream: true })
  expect(streamCut.stream?.cut).toBe(true)
  const assembled = assembleChatStream(contract, events(streamCut), false)
  expect(assembled.output).toBeUndefined()
  expect(assembled.problems.map((p) => p.code)).toEqual([
    'protocol.stream-cut',
    'protocol.content-json',
  ])

  const unknown = await scenario('melt')
  expect(JSON.parse(unknown.body)).toMatchObject({
    error: {
      message:
        'x-standin-scenario must be one of error, slow, timeout, invalid-output, rate-limit, stream-cut, length, refusal. Unknown scenario "melt"',
    },
  })
})

it('reads server-sent events split anywhere, with CRLF, comments and multi-line data', () => {
  const reader = createSseReader()
  const text = ': hello\r\ndata: {"a":\r\ndata: 1}\r\n\r\ndata: [DONE]\n\n'
  const out: string[] = []
  for (const ch of text) out.push(...reader.push(ch))
  out.push(...reader.end())
  expect(out).toEqual(['{"a":\n1}', '[DONE]'])
})

it('splits text into token-sized pieces that join back to it', () => {
  const text = '{"summary":"Über 12345 Pakete 🚚 fehlen"}'
  const pieces = splitTokens(text)
  expect(pieces.join('')).toBe(text)
  expect(pieces.slice(0, 6)).toEqual(['{', '"', 'summar', 'y', '"', ':'])
})
