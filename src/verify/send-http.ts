/**
 * The HTTP client verify sends cases with: node:http(s) with a keep-alive agent, a per-request
 * timeout, and a cap on the answer's size. It never throws for anything the target does: a
 * refused or dropped connection, a timeout, a 5xx, an HTML error page or a body that is not JSON
 * all come back as an `Exchange` with their reason, so a run always finishes.
 */
import * as http from 'node:http'
import * as https from 'node:https'
import type { Exchange, WireRequest } from './result-types.js'

/** The most of an answer verify reads (larger answers are cut and reported as not JSON). */
const maxAnswerBytes = 10 * 1024 * 1024

/** A connection pool to one target. */
export interface HttpClient {
  /** Sends one request and resolves to what came back; never rejects. */
  readonly send: (request: WireRequest) => Promise<Exchange>
  /** Closes idle sockets. */
  readonly close: () => void
}

function reasonOf(error: unknown): 'refused' | 'reset' | 'dns' | 'other' {
  const code = (error as { code?: unknown }).code
  if (code === 'ECONNREFUSED') return 'refused'
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') return 'reset'
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns'
  if (error instanceof Error && /socket hang up/.test(error.message)) return 'reset'
  return 'other'
}

const reasonText = {
  refused: 'connection refused',
  reset: 'the connection was dropped before a full answer',
  dns: 'the host name does not resolve',
  other: 'the request failed',
} as const

/**
 * A client for `baseUrl` (its path is a prefix for every request path).
 *
 * @example
 * const client = createHttpClient(new URL('http://127.0.0.1:8080'), { timeoutMs: 10_000, concurrency: 4 })
 * const exchange = await client.send({ method: 'POST', path: '/predict', headers: {}, body: '{}' })
 */
export function createHttpClient(
  baseUrl: URL,
  options: { readonly timeoutMs: number; readonly concurrency: number },
): HttpClient {
  const secure = baseUrl.protocol === 'https:'
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets: options.concurrency })
    : new http.Agent({ keepAlive: true, maxSockets: options.concurrency })
  const prefix = baseUrl.pathname.replace(/\/+$/, '')
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
      const req = (secure ? https : http).request(
        {
          protocol: baseUrl.protocol,
          hostname: baseUrl.hostname.replace(/^\[|\]$/g, ''),
          port: baseUrl.port,
          method: request.method,
          path: `${prefix}${request.path}`,
          agent,
          headers: { ...request.headers, 'content-length': String(body.length) },
        },
        (res) => {
          const chunks: Buffer[] = []
          let size = 0
          res.on('data', (chunk: Buffer) => {
            size += chunk.length
            if (size <= maxAnswerBytes) chunks.push(chunk)
          })
          res.on('error', (error) =>
            finish({
              kind: 'unreachable',
              reason: reasonOf(error) === 'other' ? 'reset' : reasonOf(error),
              message: reasonText.reset,
              latencyMs: elapsed(),
            }),
          )
          res.on('aborted', () =>
            finish({
              kind: 'unreachable',
              reason: 'reset',
              message: reasonText.reset,
              latencyMs: elapsed(),
            }),
          )
          res.on('end', () => {
            if (!res.complete) {
              finish({
                kind: 'unreachable',
                reason: 'reset',
                message: reasonText.reset,
                latencyMs: elapsed(),
              })
              return
            }
            const text = Buffer.concat(chunks).toString('utf8')
            const contentType = String(res.headers['content-type'] ?? '')
            let parsed: unknown
            let json = false
            if (size <= maxAnswerBytes && text.trim() !== '') {
              try {
                parsed = JSON.parse(text)
                json = true
              } catch {
                json = false
              }
            }
            finish({
              kind: 'answered',
              status: res.statusCode ?? 0,
              contentType,
              body: parsed,
              json,
              ...(json ? {} : { text: text.slice(0, 2000) }),
              latencyMs: elapsed(),
            })
          })
        },
      )
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
        const reason = reasonOf(error)
        finish({
          kind: 'unreachable',
          reason,
          message: `${reasonText[reason]} (${(error as { code?: string }).code ?? error.message})`,
          latencyMs: elapsed(),
        })
      })
      req.end(body)
    })
  return { send, close: () => agent.destroy() }
}
