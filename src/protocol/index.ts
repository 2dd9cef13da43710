/**
 * Wire protocols: how one input record and one output record of a contract travel over HTTP
 * (json, kserve-v2, v1, mlflow), for the stand-in's server and for verify's client.
 */
export { getProtocol, protocols } from './get-protocol.js'
export { modelMetadata } from './kserve-v2-protocol.js'
export { protocolProbes } from './protocol-probes.js'
export { standinHeader, standinStamp } from './stand-in-header.js'
export type { ProtocolProbe } from './protocol-probes.js'
export { tensorSpecs, tensorDatatypes } from './tensor-specs.js'
export type { TensorSpec, TensorDatatype } from './tensor-specs.js'
export type {
  CompiledProtocol,
  DecodeResult,
  DecodedBatch,
  DecodedResponse,
  EncodedRequest,
  ErrorAnswer,
  ProtocolRoute,
  ServeFailure,
  StaticAnswer,
  Violation,
  WireProtocol,
} from './protocol-types.js'
