/**
 * The `openai-chat` protocol (OpenAI-compatible chat completions, as OpenAI, vLLM, TGI,
 * llama.cpp's server, Ollama and gateways serve them): `POST /v1/chat/completions`, with
 * `GET /v1/models` and `GET /v1/models/{model}` beside it. The input record is the request body
 * without the keys that only shape the answer; the output record is the structured content
 * (a JSON text in `message.content`) or the arguments of the contract's tool. With
 * `stream: true` the answer is server-sent events. Errors take the API's shape,
 * `{"error": {"message", "type", "param", "code"}}` (plus standin's `errors[]`, one per pointer).
 */
import type { Contract } from '../contract/index.js'
import { chatAnswer, chatScenarios } from './openai-chat-answer.js'
import { decodeChatResponse, encodeChatRequest } from './openai-chat-client.js'
import { decodeChatRequest, type ChatEcho } from './openai-chat-request.js'
import { failureErrors, failureText, splitPointer } from './protocol-helpers.js'
import type { CompiledProtocol, ServeFailure, WireProtocol } from './protocol-types.js'

const json = 'application/json'

/** When the listed models say they were made: a fixed time, so answers never change. */
const modelCreated = 1_700_000_000

function modelObject(contract: Contract): Record<string, unknown> {
  return {
    id: contract.chat?.model ?? contract.name,
    object: 'model',
    created: modelCreated,
    owned_by: 'standin',
  }
}

/** The API's ListModelsResponse for `contracts`. */
function modelList(contracts: readonly Contract[]): Record<string, unknown> {
  return { object: 'list', data: contracts.map(modelObject) }
}

function compile(contract: Contract): CompiledProtocol {
  const model = contract.chat?.model ?? contract.name
  return {
    contract,
    routes: [
      { kind: 'infer', method: 'POST', path: '/v1/chat/completions' },
      // Also under /{contract name}/v1 when several share a server: a client's base URL there
      // lists its own model.
      {
        kind: 'static',
        method: 'GET',
        path: '/v1/models',
        answer: { status: 200, contentType: json, body: JSON.stringify(modelList([contract])) },
      },
      {
        kind: 'static',
        method: 'GET',
        path: `/v1/models/${model}`,
        answer: { status: 200, contentType: json, body: JSON.stringify(modelObject(contract)) },
      },
    ],
    decodeRequest: (body) => decodeChatRequest(contract, body),
    encodeResponse(outputs, batch) {
      const answer = chatAnswer(
        batch.records[0],
        outputs[0],
        batch.echo?.chat as ChatEcho,
        undefined,
      )
      return answer.kind === 'body' ? answer.body : undefined
    },
    encodeAnswer: (output, batch, scenario) =>
      chatAnswer(batch.records[0], output, batch.echo?.chat as ChatEcho, scenario),
  }
}

/** The API's error `type` and `code` for a refusal. */
function kindOf(failure: ServeFailure): { type: string; code: string } {
  if (failure.status === 429) return { type: 'requests', code: 'rate_limit_exceeded' }
  if (failure.status >= 500) return { type: 'server_error', code: failure.type }
  return { type: 'invalid_request_error', code: failure.type }
}

/** The openai-chat protocol. */
export const openaiChatProtocol: WireProtocol = {
  name: 'openai-chat',
  invalidStatus: 400,
  servesByName: true,
  batches: () => false,
  compile,
  scenarios: chatScenarios,
  serverRoutes(contracts) {
    const list = modelList(contracts)
    return [
      {
        kind: 'static',
        method: 'GET',
        path: '/v1/models',
        answer: { status: 200, contentType: json, body: JSON.stringify(list) },
      },
    ]
  },
  encodeError(failure) {
    const first = failure.problems[0]?.pointer
    const param = first === undefined || first === '' ? null : splitPointer(first).head
    const { type, code } = kindOf(failure)
    const body: Record<string, unknown> = {
      error: { message: failureText(failure), type, param, code },
      errors: failureErrors(failure),
    }
    if (failure.routes) body.routes = failure.routes
    return { contentType: json, body }
  },
  encodeRequest: (contract, records) => encodeChatRequest(contract, records[0]),
  decodeResponse: (contract, status, body) => decodeChatResponse(contract, status, body),
}
