/**
 * `standin import openapi --protocol openai-chat` (issues 15 and 16): an operation of a real
 * document (Hugging Face TGI's `generate`) becomes a tool an LLM calls. The official `openai`
 * client asks the stand-in to call it and gets arguments that the operation's own request schema
 * accepts, the same for the same request; an operation whose body is not an object is refused.
 */
import OpenAI from 'openai'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { importOpenApi, loadContract, startServer } from '../../src/index.js'
import type { Contract, StandinServer } from '../../src/index.js'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runBin } from '../helpers/run-cli.js'

const tgi = 'test/fixtures/text-generation-inference/openapi.json'
let contract: Contract
let server: StandinServer

beforeAll(async () => {
  const imported = await importOpenApi(tgi, { operation: 'generate', protocol: 'openai-chat' })
  contract = await loadContract(structuredClone(imported.contract) as object)
  server = await startServer([contract], { port: 0, seed: 4 })
})
afterAll(() => server.close())

it('imports an operation as a tool: its request body is the output, the chat request the input', () => {
  expect(contract.protocol).toBe('openai-chat')
  expect(contract.chat).toEqual({ model: 'generate', tool: 'generate' })
  expect(contract.input).toMatchObject({ required: ['model', 'messages'] })
})

it("answers the openai client's tool call with arguments the operation's own request schema accepts", async () => {
  const openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'sk-test', maxRetries: 0 })
  const ask = () =>
    openai.chat.completions.create({
      model: 'generate',
      messages: [{ role: 'user', content: 'Write a haiku about contracts.' }],
      tools: [
        {
          type: 'function',
          function: { name: 'generate', parameters: contract.output as Record<string, unknown> },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'generate' } },
    })
  const first = await ask()
  const call = first.choices[0]?.message.tool_calls?.[0]
  expect(call?.type).toBe('function')
  const args: unknown = JSON.parse(call?.type === 'function' ? call.function.arguments : 'null')
  expect(contract.validateOutput(args)).toEqual([])
  // TGI's GenerateRequest: `inputs` is required and a string.
  expect(typeof (args as { inputs?: unknown }).inputs).toBe('string')
  const again = await ask()
  expect(again.choices[0]?.message.tool_calls).toEqual(first.choices[0]?.message.tool_calls)
})

it('refuses an operation whose request body is not an object, in one line, exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-chat-tool-'))
  const doc = {
    openapi: '3.1.0',
    info: { title: 'echo', version: '1.0.0' },
    paths: {
      '/echo': {
        post: {
          operationId: 'echo',
          requestBody: { content: { 'application/json': { schema: { type: 'string' } } } },
          responses: { '200': { description: 'ok' } },
        },
      },
    },
  }
  writeFileSync(join(dir, 'echo.json'), JSON.stringify(doc))
  try {
    const run = await runBin(
      ['import', 'openapi', 'echo.json', '--operation', 'echo', '--protocol', 'openai-chat'],
      { cwd: dir },
    )
    expect([run.code, run.stdout]).toEqual([2, ''])
    expect(run.stderr).toBe(
      "echo.json#/paths/~1echo/post/requestBody/content/application~1json/schema: the operation's request body is not an object, and a tool's arguments always are. Import another operation, or import it on the json protocol (--protocol json).\n",
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
