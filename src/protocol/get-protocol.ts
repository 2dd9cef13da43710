import { StandinError } from '../errors.js'
import type { ProtocolName } from '../contract/index.js'
import { jsonProtocol } from './json-protocol.js'
import { kserveV2Protocol } from './kserve-v2-protocol.js'
import { mlflowProtocol } from './mlflow-protocol.js'
import { openaiChatProtocol } from './openai-chat-protocol.js'
import type { WireProtocol } from './protocol-types.js'
import { v1Protocol } from './v1-protocol.js'

/** Every wire protocol, keyed by the name a contract's `protocol` gives. */
export const protocols: Readonly<Record<ProtocolName, WireProtocol>> = {
  json: jsonProtocol,
  'kserve-v2': kserveV2Protocol,
  v1: v1Protocol,
  mlflow: mlflowProtocol,
  'openai-chat': openaiChatProtocol,
}

/**
 * The wire protocol called `name`: its server side (routes, request decoding, response and error
 * encoding) and its client side (`encodeRequest`, `decodeResponse`).
 *
 * @example
 * const { encodeRequest, decodeResponse } = getProtocol(contract.protocol)
 * const request = encodeRequest(contract, [input])
 * const answer = await fetch(baseUrl + request.path, { method: request.method, headers: request.headers, body: JSON.stringify(request.body) })
 * const decoded = decodeResponse(contract, answer.status, await answer.json(), 1)
 * if ('problems' in decoded) console.log(decoded.problems)
 *
 * @throws {StandinError} `protocol.unknown` when `name` is not json, kserve-v2, v1, mlflow or openai-chat.
 */
export function getProtocol(name: ProtocolName): WireProtocol {
  const protocol = (protocols as Record<string, WireProtocol | undefined>)[name]
  if (!protocol)
    throw new StandinError(
      'protocol.unknown',
      `Unknown protocol "${String(name)}". Use one of ${Object.keys(protocols).join(', ')}.`,
    )
  return protocol
}
