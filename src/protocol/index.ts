/**
 * Wire protocols: how one input record and one output record of a contract travel over HTTP
 * (json, kserve-v2, v1, mlflow, openai-chat), for the stand-in's server and for verify's client.
 */
export { getProtocol, protocols } from './get-protocol.js'
export { modelMetadata } from './kserve-v2-protocol.js'
export { protocolProbes, readinessProbe } from './protocol-probes.js'
export { encodeChatRequest } from './openai-chat-client.js'
export { assembleChatStream } from './openai-chat-stream.js'
export { createSseReader } from './sse.js'
export { splitTokens } from './split-tokens.js'
export { standinHeader, standinStamp } from './stand-in-header.js'
export type { ProtocolProbe } from './protocol-probes.js'
export { tensorSpecs } from './tensor-specs.js'
export type { TensorSpec } from './tensor-specs.js'
export type {
  CompiledProtocol,
  DecodeResult,
  DecodedBatch,
  DecodedResponse,
  EncodedRequest,
  ProtocolAnswer,
  ProtocolRoute,
  ServeFailure,
  StaticAnswer,
  InputViolation,
  WireProtocol,
} from './protocol-types.js'
