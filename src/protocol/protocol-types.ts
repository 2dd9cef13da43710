/**
 * The shape every wire protocol has. A protocol maps one input record and one output record of a
 * contract onto HTTP: the SERVER side (routes, decoding a request body into records, encoding the
 * outputs and errors) serves the stand-in; the CLIENT side (`encodeRequest`, `decodeResponse`)
 * lets verify call a real model that speaks the protocol.
 */
import type { Problem } from '../errors.js'
import type { Contract, ProtocolName } from '../contract/index.js'

/**
 * The one input rule a negative case breaks, as data: where in the record, and which JSON Schema
 * keyword. A protocol that carries records in its own shapes reads it to carry the violation the
 * same way (kserve-v2: an undeclared field travels as an undeclared tensor).
 */
export interface InputViolation {
  /** JSON pointer into the record: the field (the missing one for `required`), or the object for `additionalProperties`. */
  readonly pointer: string
  /**
   * The keyword broken: `required`, `type`, `maximum`, `minimum`, `maxLength`, `enum` or
   * `additionalProperties` (also used for `unevaluatedProperties: false`).
   */
  readonly keyword: string
}

/** A request a client sends: method, path (no host), headers and a JSON body. */
export interface EncodedRequest {
  readonly method: string
  readonly path: string
  readonly headers: Record<string, string>
  readonly body: unknown
}

/** What `decodeResponse` makes of a model's answer: one output per record sent, or what is wrong. */
export type DecodedResponse = { readonly outputs: unknown[] } | { readonly problems: Problem[] }

/** A fixed answer (health, metadata): status, content type and the body text. */
export interface StaticAnswer {
  readonly status: number
  readonly contentType: string
  readonly body: string
}

/** One route a protocol serves. `infer` routes run the model; `static` routes answer a fixed body. */
export type ProtocolRoute =
  | { readonly kind: 'infer'; readonly method: string; readonly path: string }
  | {
      readonly kind: 'static'
      readonly method: string
      readonly path: string
      readonly answer: StaticAnswer
    }

/** The records a request carries, and how to point back into the request body. */
export interface DecodedBatch {
  /** The input records, in order. */
  readonly records: unknown[]
  /** Maps a JSON pointer inside record `index` to a pointer inside the request body. */
  readonly pointer: (index: number, inner: string) => string
  /** True when the request held one bare record (json protocol): the answer is one bare output. */
  readonly single: boolean
  /** Protocol data echoed in the answer (kserve-v2 `id`, requested outputs). */
  readonly echo?: Readonly<Record<string, unknown>>
}

/** Decoding a request body: the records, or the envelope problems (pointers into the body). */
export type DecodeResult =
  | { readonly ok: true; readonly batch: DecodedBatch }
  | { readonly ok: false; readonly problems: Problem[] }

/** A request the stand-in refuses, before it is put in the protocol's own error shape. */
export interface ServeFailure {
  /** HTTP status (4xx, or 5xx for injected faults). */
  readonly status: number
  /** Stable slug, for example `invalid-input`, `malformed-json`, `not-found`. */
  readonly type: string
  /** Short human title, for example `Invalid input`. */
  readonly title: string
  /** One sentence about this occurrence. */
  readonly detail: string
  /** Every violation, by JSON pointer into the request body. */
  readonly problems: readonly Problem[]
  /** The routes served (for 404s). */
  readonly routes?: readonly string[]
}

/** An error answer in the protocol's own shape. */
export interface ErrorAnswer {
  readonly contentType: string
  readonly body: unknown
}

/** One piece of a streamed answer; `token` marks a piece that carries a content token. */
export interface StreamPiece {
  readonly text: string
  /** True when the piece carries a token of content: the serve core paces these. */
  readonly token: boolean
}

/**
 * An answer a protocol makes itself, for a scenario or a streamed request: a JSON body, or a
 * body sent in pieces (server-sent events), maybe cut before its end.
 */
export type ProtocolAnswer =
  | { readonly kind: 'body'; readonly body: unknown }
  | {
      readonly kind: 'stream'
      readonly contentType: string
      readonly pieces: readonly StreamPiece[]
      /** True when the connection drops after the last piece (a stream cut mid-value). */
      readonly cut: boolean
    }

/** A protocol compiled for one contract (schema-derived tables are built once). */
export interface CompiledProtocol {
  readonly contract: Contract
  /** The routes of this contract (infer, metadata, model health). */
  readonly routes: readonly ProtocolRoute[]
  /** Turns a parsed request body into records, or envelope problems. */
  readonly decodeRequest: (body: unknown) => DecodeResult
  /** Turns one output per record into the response body. */
  readonly encodeResponse: (outputs: readonly unknown[], batch: DecodedBatch) => unknown
  /**
   * The whole answer to one record, for protocols that stream or have scenarios of their own
   * (openai-chat): `scenario` is the `x-standin-scenario` asked for, if any. When absent, the
   * core answers `encodeResponse`'s body.
   */
  readonly encodeAnswer?: (
    output: unknown,
    batch: DecodedBatch,
    scenario: string | undefined,
  ) => ProtocolAnswer
}

/** A wire protocol: json, kserve-v2, v1, mlflow or openai-chat. */
export interface WireProtocol {
  readonly name: ProtocolName
  /** The HTTP status for a body whose records break the input schema (422 for json, 400 otherwise). */
  readonly invalidStatus: number
  /**
   * True when the protocol's paths do not name the model (json, mlflow): the server also mounts
   * each contract's routes under `/{contract name}`, so several such contracts share one server.
   */
  readonly servesByName: boolean
  /**
   * True when one request may carry several records for `contract` (json: only when the contract's
   * endpoint declares `batch: true`; kserve-v2, v1 and mlflow always, in their own envelopes).
   */
  readonly batches: (contract: Contract) => boolean
  /** Compiles the server side for one contract. */
  readonly compile: (contract: Contract) => CompiledProtocol
  /** Routes shared by every contract of this protocol on one server (health, server metadata). */
  readonly serverRoutes: (
    contracts: readonly Contract[],
    server: { readonly name: string; readonly version: string },
  ) => readonly ProtocolRoute[]
  /** `x-standin-scenario` values this protocol adds to the common ones (openai-chat: `stream-cut`, `length`, `refusal`). */
  readonly scenarios?: readonly string[]
  /** Puts a refusal in the protocol's error shape. */
  readonly encodeError: (failure: ServeFailure) => ErrorAnswer
  /**
   * CLIENT: the request that sends `records` (one or more) to a model speaking this protocol.
   * `violates`, for a negative case, names the rule the records break, for a protocol that must
   * carry that break in its own envelope (the records alone would lose it).
   */
  readonly encodeRequest: (
    contract: Contract,
    records: readonly unknown[],
    violates?: InputViolation,
  ) => EncodedRequest
  /**
   * CLIENT: the outputs in a model's answer to `count` records, or the envelope problems
   * (wrong status, wrong batch length, kserve-v2 tensor names/datatypes/shapes), by pointer into
   * the response body. Outputs are not checked against the output schema here.
   */
  readonly decodeResponse: (
    contract: Contract,
    status: number,
    body: unknown,
    count: number,
  ) => DecodedResponse
}
