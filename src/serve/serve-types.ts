/**
 * The framework-free core's request and response: every adapter (node:http, express, msw, nock)
 * turns its request into a `CoreRequest` and writes the `CoreResponse` back, so all answer alike.
 */
import type { LatencySpec } from '../mock/index.js'

/** An HTTP request, as the core sees it. */
export interface CoreRequest {
  /** Upper-case method, for example `POST`. */
  readonly method: string
  /** Path and query, for example `/v2/models/ticket-router/infer?x=1`. */
  readonly url: string
  /** Headers with lower-case names. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>
  /** The raw body (bytes or text); absent or empty for none. */
  readonly body?: Uint8Array | string
  /** Aborted when the client goes away (ends a held `timeout` scenario early). */
  readonly signal?: AbortSignal
}

/** An HTTP response, as the core makes it. */
export interface CoreResponse {
  readonly status: number
  /** Lower-case header names; always includes `content-type` when there is a body. */
  readonly headers: Readonly<Record<string, string>>
  /** The body text (for a streamed answer: every chunk joined). */
  readonly body: string
  /**
   * Set when the body goes out in timed chunks (server-sent events): adapters write each chunk
   * `delayMs` after the previous one, then end the response, or drop the connection when `cut`.
   */
  readonly stream?: StreamedBody
}

/** A body sent in timed chunks. */
export interface StreamedBody {
  /** The chunks in order, each with its delay after the previous one (ms). */
  readonly chunks: readonly { readonly delayMs: number; readonly text: string }[]
  /** True when the connection drops after the last chunk instead of ending cleanly. */
  readonly cut: boolean
}

/** The first value of a request header (names are lower-case), or undefined. */
export function headerOf(request: CoreRequest, name: string): string | undefined {
  const value = request.headers[name]
  return typeof value === 'string' ? value : value?.[0]
}

/**
 * A copy of `headers` with `name` set to `value` (last when new). A loop, not `{ ...headers }`:
 * measured under load (node 20, `--trace-gc-nvp`), spreading the long-lived header object on
 * every answer made each scavenge copy and promote about 100 kB more, and old space grew until a
 * mark-compact; the loop's copies die young like the rest of the request.
 */
export function withHeader(
  headers: Readonly<Record<string, string>>,
  name: string,
  value: string,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const key in headers) if (Object.hasOwn(headers, key)) out[key] = headers[key] as string
  out[name] = value
  return out
}

/** Options of the handler core and of every adapter. */
export interface ServeOptions {
  /** Seed of every random choice (default: each contract's `mock.seed`, else 0). */
  readonly seed?: number
  /** Latency per request: `20..80ms`, `p50=40ms,p99=250ms`, ms, or an object (default: each contract's `mock.latency`). */
  readonly latency?: LatencySpec
  /** Share of requests that fail with an injected 500 (default: each contract's `mock.errorRate`, else 0). */
  readonly errorRate?: number
  /** Largest request body in bytes; larger gets 413 (default 1 MiB). */
  readonly bodyLimit?: number
  /** Deepest JSON nesting accepted; deeper gets 400 (default 64). */
  readonly maxDepth?: number
  /** Most keys in one object of a request body; more gets 400 before validation (default 1000). */
  readonly maxKeys?: number
  /** Most items in one array of a request body; more gets 400 before validation (default 200000). */
  readonly maxItems?: number
  /** Most characters in one string (or key) of a request body; longer gets 400 (default 100000). */
  readonly maxStringLength?: number
  /** openai-chat streams: ms before the first token (default: the contract's `mock.timeToFirstToken`, else half its promised p50, else 0). */
  readonly timeToFirstToken?: number
  /** openai-chat streams: tokens per second (default: the contract's `mock.tokensPerSecond`, else twice its promised p50, else no pacing). */
  readonly tokensPerSecond?: number
  /** Delay of the `slow` scenario in ms (default 2000). */
  readonly slowMs?: number
  /** How long the `timeout` scenario holds a request before answering 504, in ms (default 30000). */
  readonly timeoutMs?: number
  /**
   * Let web pages on other origins call the stand-in (CORS): `true` any origin, or the origins
   * allowed (`'http://localhost:5173'`). Default off.
   */
  readonly cors?: CorsOption
}

/** The core: a request in, a response out. `routes` lists what it serves as `METHOD /path`. */
export interface Handler {
  (request: CoreRequest): Promise<CoreResponse>
  /** Every route served, `METHOD /path`, in a stable order. */
  readonly routes: readonly string[]
  /** True when some route has this path (adapters pass other paths on when they can). */
  readonly handles: (path: string) => boolean
  /** The same as calling the handler, but synchronous when no delay is due (the fast path). */
  readonly respond: (request: CoreRequest) => CoreResponse | Promise<CoreResponse>
  /** The 413 answer for a body of `size` bytes to `url` (adapters that refuse before reading it). */
  readonly tooLarge: (url: string, size: number) => CoreResponse
  /** The largest body accepted, in bytes. */
  readonly bodyLimit: number
}

/** The default largest body: 1 MiB. */
export const defaultBodyLimit = 1024 * 1024

/** Which origins may call: `true` any, or a list of origins (`http://localhost:5173`). */
export type CorsOption = boolean | string | readonly string[]
