/**
 * The HTTP client verify sends cases with: node:http(s) with a keep-alive agent, a per-request
 * timeout covering the whole answer (a model that drips bytes times out), and a cap on the
 * answer's size (see `read-answer.ts`). Redirects are not followed. It never throws for anything the target does: a
 * refused or dropped connection, a timeout, a 5xx, an HTML error page or a body that is not JSON
 * all come back as an `Exchange` with their reason, so a run always finishes.
 */
import * as http from 'node:http'
import * as https from 'node:https'
import { defaultMaxAnswerBytes, readAnswer } from './read-answer.js'
import type { ReadAnswer } from './read-answer.js'
import type { Exchange, WireRequest } from './result-types.js'
import { splitCredentials } from '../redacted-target.js'
import { describeFailure } from './request-failure.js'

/** A header value from the target, cut to a size fit for a report (and copied, not sliced). */
function shortText(value: string): string {
  return value.length > 200 ? `${Buffer.from(value.slice(0, 200)).toString()}...` : value
}

/**
 * Opens `request` to `baseUrl` (its path a prefix of the request's) with the body's length and
 * any `headers` over the request's own; `agent` pools the sockets. Credentials in `baseUrl`
 * travel as a Basic `authorization` header (unless the request has its own). Shared by `send`,
 * `sendStream` and compare's senders.
 */
export function openRequest(
  baseUrl: URL,
  request: WireRequest,
  body: Buffer,
  options: { readonly agent?: http.Agent; readonly headers?: Readonly<Record<string, string>> },
  onResponse: (res: http.IncomingMessage) => void,
): http.ClientRequest {
  return (baseUrl.protocol === 'https:' ? https : http).request(
    {
      protocol: baseUrl.protocol,
      hostname: baseUrl.hostname.replace(/^\[|\]$/g, ''),
      port: baseUrl.port,
      method: request.method,
      path: `${baseUrl.pathname.replace(/\/+$/, '')}${request.path}`,
      ...(options.agent ? { agent: options.agent } : {}),
      headers: {
        ...basicAuth(baseUrl, request.headers),
        ...request.headers,
        ...options.headers,
        'content-length': String(body.length),
      },
    },
    onResponse,
  )
}

/** The Basic `authorization` header of the credentials in `url`, when it has some and `headers` none. */
function basicAuth(url: URL, headers: Readonly<Record<string, string>>): Record<string, string> {
  if (url.username === '' && url.password === '') return {}
  if (Object.keys(headers).some((k) => k.toLowerCase() === 'authorization')) return {}
  const { authorization } = splitCredentials(url)
  return authorization ? { authorization } : {}
}

/** A connection pool to one target. */
export interface HttpClient {
  /** Sends one request and resolves to what came back; never rejects. */
  readonly send: (request: WireRequest) => Promise<Exchange>
  /** Closes idle sockets. */
  readonly close: () => void
}

/** What one read answer becomes: an answered exchange, or a dropped connection. */
function exchangeOf(res: http.IncomingMessage, answer: ReadAnswer, latencyMs: number): Exchange {
  if (answer.kind === 'dropped')
    return {
      kind: 'unreachable',
      reason: 'reset',
      message: 'the connection was dropped before a full answer',
      latencyMs,
    }
  const status = res.statusCode ?? 0
  const location = res.headers.location
  const redirect =
    status >= 300 && status <= 399 && location !== undefined
      ? `a redirect to ${shortText(location)}; verify does not follow redirects (they could carry credentials elsewhere): point --target at the final URL`
      : undefined
  const bodyProblem = redirect ?? answer.bodyProblem
  return {
    kind: 'answered',
    status,
    contentType: shortText(String(res.headers['content-type'] ?? '')),
    ...(answer.json ? { body: answer.body } : {}),
    json: answer.json,
    ...(answer.text !== undefined ? { text: answer.text } : {}),
    ...(bodyProblem !== undefined ? { bodyProblem } : {}),
    latencyMs,
  }
}

/**
 * A client for `baseUrl` (its path is a prefix for every request path).
 *
 * @example
 * const client = createHttpClient(new URL('http://127.0.0.1:8080'), { timeoutMs: 10_000, concurrency: 4 })
 * const exchange = await client.send({ method: 'POST', path: '/predict', headers: {}, body: '{}' })
 */
export function createHttpClient(
  baseUrl: URL,
  options: {
    readonly timeoutMs: number
    readonly concurrency: number
    /** Largest answer read, in bytes, on the wire and inflated (default 4 MiB). */
    readonly maxAnswerBytes?: number
  },
): HttpClient {
  const maxAnswerBytes = options.maxAnswerBytes ?? defaultMaxAnswerBytes
  const secure = baseUrl.protocol === 'https:'
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets: options.concurrency })
    : new http.Agent({ keepAlive: true, maxSockets: options.concurrency })
  const send = (request: WireRequest): Promise<Exchange> =>
    new Promise((resolve) => {
      const started = performance.now()
      const elapsed = (): number => performance.now() - started
      let settled = false
      const finish = (exchange: Exchange): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve(exchange)
      }
      const body = Buffer.from(request.body)
      const req = openRequest(baseUrl, request, body, { agent }, (res) => {
        readAnswer(res, maxAnswerBytes, (answer) => finish(exchangeOf(res, answer, elapsed())))
      })
      const timer = setTimeout(() => {
        finish({
          kind: 'unreachable',
          reason: 'timeout',
          message: `no answer within ${options.timeoutMs} ms`,
          latencyMs: elapsed(),
        })
        req.destroy()
      }, options.timeoutMs)
      req.on('error', (error) => {
        finish({ kind: 'unreachable', ...describeFailure(error, secure), latencyMs: elapsed() })
      })
      req.end(body)
    })
  return { send, close: () => agent.destroy() }
}
