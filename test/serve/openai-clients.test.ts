/**
 * Clients no one here wrote talk to the stand-in (issue 16): the official `openai` package and
 * the Vercel AI SDK (`ai` with `@ai-sdk/openai`), streaming and not, with response_format
 * json_schema and with tools. Each gets objects the contract's output schema accepts, and the
 * same answer for the same request.
 */
import { createOpenAI } from '@ai-sdk/openai'
import { generateObject, jsonSchema, streamObject } from 'ai'
import OpenAI from 'openai'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import type { Contract, JsonSchema } from '../../src/contract/contract-types.js'
import { startServer } from '../../src/serve/index.js'
import type { StandinServer } from '../../src/serve/index.js'
import { bundledContract } from './bundled.js'

const extractor = await bundledContract('support-email-extractor')
const tooled: Contract = await loadContract({
  contract: 1,
  name: 'ticket-tagger',
  version: '1.0.0',
  protocol: 'openai-chat',
  chat: { model: 'tagger', tool: 'record_ticket' },
  input: { type: 'object', required: ['model', 'messages'] },
  output: {
    type: 'object',
    additionalProperties: false,
    required: ['category', 'urgent'],
    properties: {
      category: { type: 'string', enum: ['billing', 'delivery', 'returns'] },
      urgent: { type: 'boolean' },
    },
  },
})
const system = 'Extract the fields of the support email as JSON.'
const email =
  'Subject: Wrong size\nHello, the shoes from order ORD-555123 are the wrong size. I would like to return them.\nAnna Smith'
const messages = [
  { role: 'system' as const, content: system },
  { role: 'user' as const, content: email },
]
const format = {
  type: 'json_schema' as const,
  json_schema: {
    name: 'email_fields',
    schema: extractor.output as Record<string, unknown>,
    strict: true,
  },
}
const tool = {
  type: 'function' as const,
  function: { name: 'record_ticket', parameters: tooled.output as Record<string, unknown> },
}

let server: StandinServer
let openai: OpenAI

beforeAll(async () => {
  server = await startServer([extractor, tooled], {
    port: 0,
    seed: 9,
    timeToFirstToken: 0,
    tokensPerSecond: 5000,
  })
  openai = new OpenAI({
    baseURL: `${server.url}/support-email-extractor/v1`,
    apiKey: 'sk-test-key',
    maxRetries: 0,
  })
})
afterAll(() => server.close())

it('answers the openai package with a completion whose content the contract accepts, the same each time', async () => {
  const ask = () =>
    openai.chat.completions.create({
      model: 'support-extractor',
      messages,
      response_format: format,
    })
  const first = await ask()
  const content = first.choices[0]?.message.content ?? ''
  const object = JSON.parse(content) as unknown
  expect(extractor.validateOutput(object)).toEqual([])
  expect(first.choices[0]?.finish_reason).toBe('stop')
  expect(first.usage?.total_tokens).toBeGreaterThan(0)
  expect((await ask()).choices[0]?.message.content).toBe(content)
})

it('streams to the openai package: the deltas join into the same object', async () => {
  const plain = await openai.chat.completions.create({
    model: 'support-extractor',
    messages,
    response_format: format,
  })
  const stream = await openai.chat.completions.create({
    model: 'support-extractor',
    messages,
    response_format: format,
    stream: true,
    stream_options: { include_usage: true },
  })
  let text = ''
  let deltas = 0
  let finish: string | null | undefined
  let usage: unknown
  for await (const chunk of stream) {
    const choice = chunk.choices[0]
    if (choice?.delta.content) {
      text += choice.delta.content
      deltas++
    }
    if (choice?.finish_reason) finish = choice.finish_reason
    if (chunk.usage) usage = chunk.usage
  }
  expect(deltas).toBeGreaterThan(10)
  expect(finish).toBe('stop')
  expect(usage).toEqual(plain.usage)
  expect(text).toBe(plain.choices[0]?.message.content)
})

it("answers the openai package's tool call with arguments the contract accepts, streamed and not", async () => {
  const client = new OpenAI({
    baseURL: `${server.url}/ticket-tagger/v1`,
    apiKey: 'sk-test-key',
    maxRetries: 0,
  })
  const request = {
    model: 'tagger',
    messages,
    tools: [tool],
    tool_choice: { type: 'function' as const, function: { name: 'record_ticket' } },
  }
  const answer = await client.chat.completions.create(request)
  const call = answer.choices[0]?.message.tool_calls?.[0]
  if (call?.type !== 'function') throw new Error('expected a function call')
  expect(call.function.name).toBe('record_ticket')
  const args = JSON.parse(call.function.arguments) as unknown
  expect(tooled.validateOutput(args)).toEqual([])
  const runner = client.chat.completions.stream(request)
  const final = await runner.finalChatCompletion()
  const streamed = final.choices[0]?.message.tool_calls?.[0]
  if (streamed?.type !== 'function') throw new Error('expected a streamed function call')
  expect(JSON.parse(streamed.function.arguments)).toEqual(args)
})

it('lists the models to the openai package and refuses an undeclared tool in its error shape', async () => {
  const models = await openai.models.list()
  expect(models.data.map((m) => m.id)).toEqual(['support-extractor'])
  const error = await openai.chat.completions
    .create({
      model: 'support-extractor',
      messages,
      tools: [{ type: 'function', function: { name: 'delete_account' } }],
    })
    .catch((e: unknown) => e)
  expect(error).toBeInstanceOf(OpenAI.BadRequestError)
  expect(error).toMatchObject({
    status: 400,
    type: 'invalid_request_error',
    param: 'tools',
    code: 'invalid-envelope',
  })
})

it('gives the AI SDK generateObject and streamObject valid objects, the same for the same request', async () => {
  const provider = createOpenAI({
    baseURL: `${server.url}/support-email-extractor/v1`,
    apiKey: 'sk-test-key',
  })
  const schema = jsonSchema<Record<string, unknown>>(extractor.output as JsonSchema & object)
  const ask = () =>
    generateObject({
      model: provider.chat('support-extractor'),
      schema,
      system,
      prompt: email,
      maxRetries: 0,
    })
  const first = await ask()
  expect(extractor.validateOutput(first.object)).toEqual([])
  expect((await ask()).object).toEqual(first.object)
  const streamed = streamObject({
    model: provider.chat('support-extractor'),
    schema,
    system,
    prompt: email,
    maxRetries: 0,
  })
  const partials: unknown[] = []
  for await (const partial of streamed.partialObjectStream) partials.push(partial)
  expect(partials.length).toBeGreaterThan(3)
  expect(await streamed.object).toEqual(first.object)
})
