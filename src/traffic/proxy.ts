/**
 * `standin proxy`: a validating reverse proxy between a service and a real model. Every request
 * and answer is forwarded unchanged (bytes, status and headers; hop-by-hop headers excepted);
 * inference requests and their answers are checked against the contract, the answer gets an
 * `x-standin-violations` header with the count, each violation is logged by pointer, and the
 * exchange is recorded (JSON Lines, sampled, rotated).
 *
 * The proxy never invents an answer: a model that cannot be reached, times out, or closes the
 * connection before answering gets the service's connection closed the same way; one that
 * closes mid-answer gets the status, headers and bytes it sent passed on, then the close.
 */
import { Agent, createServer, request as httpRequest } from 'node:http'
import type {
  IncomingHttpHeaders,
  IncomingMessage,
  OutgoingHttpHeaders,
  Server,
  ServerResponse,
} from 'node:http'
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https'
import type { AddressInfo } from 'node:net'
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib'
import type { Contract } from '../contract/index.js'
import { StandinError } from '../errors.js'
import { getProtocol } from '../protocol/index.js'
import { createRecorder } from '../recording/index.js'
import type {
  Outcome,
  Recorder,
  RecorderOptions,
  RecordedExchange,
  Violation,
} from '../recording/index.js'
import { checkAnswer, checkRequest } from './validate-exchange.js'
import type { CheckedRequest } from './validate-exchange.js'

/** The header the proxy adds to every inference answer: the number of violations. */
export const violationsHeader = 'x-standin-violations'

/** Options of `startProxy`. */
export interface ProxyOptions {
  /** The model's base URL (its path is a prefix of every forwarded path). */
  readonly target: string
  /** Port to listen on (default 4020; 0 picks a free one). */
  readonly port?: number
  /** Address to bind (default 127.0.0.1). */
  readonly host?: string
  /** Record exchanges: the file and its sampling, size cap, rotation and redaction. */
  readonly record?: Omit<RecorderOptions, 'contract'>
  /** The longest wait for the model's whole answer, ms (default 60000). */
  readonly timeoutMs?: number
  /** Larger request bodies are forwarded as a stream, not validated (default 16 MiB). */
  readonly bodyLimit?: number
  /** Called with one line per violation (the CLI prints them). */
  readonly log?: (line: string) => void
}

/** A running proxy. */
export interface RunningProxy {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string
  readonly server: Server
  /** Exchanges seen and recorded so far. */
  readonly counts: () => { readonly seen: number; readonly kept: number }
  /** Stops listening and writes what the recorder holds. */
  readonly close: () => Promise<void>
}

const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
])

function forwardHeaders(headers: IncomingHttpHeaders, host?: string): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {}
  for (const [k, v] of Object.entries(headers)) if (!hopByHop.has(k) && v !== undefined) out[k] = v
  if (host !== undefined) out.host = host
  return out
}

function inflate(body: Buffer, encoding: string | undefined): Buffer {
  const options = { maxOutputLength: 64 * 1024 * 1024 }
  switch ((encoding ?? '').toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(body, options)
    case 'deflate':
      return inflateSync(body, options)
    case 'br':
      return brotliDecompressSync(body, options)
    default:
      return body
  }
}

const clip = (text: string): string => (text.length > 2000 ? `${text.slice(0, 2000)}...` : text)

function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException
  return `${e.code ?? 'ERROR'}: ${e.message}`
}

function outcomeOf(error: unknown): Outcome {
  const code = (error as NodeJS.ErrnoException).code
  if (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'EAI_AGAIN' ||
    code === 'EHOSTUNREACH'
  )
    return 'unreachable'
  if (code === 'ETIMEDOUT' || code === 'standin-timeout') return 'timeout'
  return 'closed'
}

/**
 * Starts the proxy in front of `options.target`.
 *
 * @example
 * const proxy = await startProxy(contract, { target: 'http://127.0.0.1:8080', port: 0, record: { file: 'traffic.jsonl' } })
 * // point the service at proxy.url
 * await proxy.close()
 *
 * @throws {StandinError} `proxy.target` (not an http(s) URL), `proxy.listen` (the port is taken)
 */
export async function startProxy(contract: Contract, options: ProxyOptions): Promise<RunningProxy> {
  let target: URL
  try {
    target = new URL(options.target)
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error('scheme')
  } catch {
    throw new StandinError(
      'proxy.target',
      `standin proxy: --target must be the model's http:// or https:// URL, not '${options.target}'.`,
    )
  }
  const secure = target.protocol === 'https:'
  const agent = secure
    ? new HttpsAgent({ keepAlive: true, maxSockets: 256 })
    : new Agent({ keepAlive: true, maxSockets: 256 })
  const send = secure ? httpsRequest : httpRequest
  const prefix = target.pathname.replace(/\/+$/, '')
  const compiled = getProtocol(contract.protocol).compile(contract)
  const infer = new Set(
    compiled.routes
      .filter((r) => r.kind === 'infer')
      .map((r) => `${r.method.toUpperCase()} ${r.path}`),
  )
  const timeoutMs = options.timeoutMs ?? 60_000
  const bodyLimit = options.bodyLimit ?? 16 * 1024 * 1024
  const recorder: Recorder | undefined = options.record
    ? await createRecorder({
        ...options.record,
        contract: { name: contract.name, version: contract.version, protocol: contract.protocol },
      })
    : undefined

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const arrived = performance.now()
    const time = new Date().toISOString()
    const method = (req.method ?? 'GET').toUpperCase()
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    const isInfer = infer.has(`${method} ${path}`)
    const declared = Number(req.headers['content-length'] ?? 0)
    const streamed = !isInfer || declared > bodyLimit
    const upstream = send({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      path: `${prefix}${req.url ?? '/'}`,
      method,
      headers: forwardHeaders(req.headers, target.host),
      agent,
    })
    let settled = false
    const finish = (
      exchange: Omit<RecordedExchange, 'time' | 'method' | 'path' | 'latencyMs'>,
    ): void => {
      if (settled || !isInfer) return
      settled = true
      for (const v of exchange.violations)
        options.log?.(
          `${method} ${path} ${exchange.status ?? '-'} ${v.side}#${v.pointer}: ${v.message}`,
        )
      recorder?.record({
        time,
        latencyMs: Math.round((performance.now() - arrived) * 100) / 100,
        method,
        path,
        ...exchange,
      })
    }
    let checked: CheckedRequest | undefined
    let requestText: string | undefined
    const sent = (): Pick<RecordedExchange, 'inputs' | 'requestText'> =>
      checked?.inputs
        ? { inputs: checked.inputs }
        : requestText !== undefined
          ? { requestText }
          : {}
    upstream.setTimeout(timeoutMs, () =>
      upstream.destroy(
        Object.assign(new Error(`no whole answer within ${timeoutMs} ms`), {
          code: 'standin-timeout',
        }),
      ),
    )
    upstream.on('error', (error) => {
      // Nothing came back: close the service's connection, as the model did to the proxy.
      finish({
        outcome: outcomeOf(error),
        error: errorText(error),
        ...sent(),
        violations: checked?.violations ?? [],
      })
      res.destroy()
    })
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy()
    })
    upstream.on('response', (answer) => {
      if (streamed) {
        res.writeHead(answer.statusCode ?? 502, forwardHeaders(answer.headers))
        answer.pipe(res)
        answer.on('end', () =>
          finish({
            status: answer.statusCode ?? 0,
            outcome: 'answered',
            requestText: `(not validated: body over ${bodyLimit} bytes)`,
            violations: [],
          }),
        )
        answer.on('error', () => res.destroy())
        return
      }
      const chunks: Buffer[] = []
      answer.on('data', (c: Buffer) => chunks.push(c))
      answer.on('error', () => undefined)
      answer.on('close', () => {
        const status = answer.statusCode ?? 0
        const body = Buffer.concat(chunks)
        if (!answer.complete) {
          // Closed mid-answer: pass on what came, then the same close.
          finish({
            status,
            outcome: 'closed',
            error: `the model closed the connection after ${body.length} bytes of its answer`,
            ...sent(),
            violations: checked?.violations ?? [],
          })
          if (!res.headersSent) res.writeHead(status, forwardHeaders(answer.headers))
          if (body.length > 0) res.write(body)
          setImmediate(() => res.destroy())
          return
        }
        const request = checked ?? { single: true, violations: [] }
        let text = ''
        let answerCheck: { outputs?: readonly unknown[]; violations: readonly Violation[] }
        try {
          text = inflate(body, answer.headers['content-encoding']).toString('utf8')
          answerCheck = checkAnswer(
            contract,
            request,
            status,
            answer.headers['content-type'] ?? '',
            text,
          )
        } catch (error) {
          answerCheck = {
            violations: [
              { side: 'answer', pointer: '', message: `cannot be decoded (${errorText(error)})` },
            ],
          }
        }
        const violations = [...request.violations, ...answerCheck.violations]
        const headers = forwardHeaders(answer.headers)
        headers['content-length'] = String(body.length)
        headers[violationsHeader] = String(violations.length)
        res.writeHead(status, headers)
        res.end(body)
        finish({
          status,
          outcome: 'answered',
          ...sent(),
          ...(answerCheck.outputs ? { outputs: answerCheck.outputs } : { answerText: clip(text) }),
          violations,
        })
      })
    })
    if (streamed) {
      req.pipe(upstream)
      return
    }
    const parts: Buffer[] = []
    req.on('data', (c: Buffer) => parts.push(c))
    req.on('error', () => upstream.destroy())
    req.on('end', () => {
      const body = Buffer.concat(parts)
      const text = body.toString('utf8')
      checked = checkRequest(contract, compiled, text)
      if (!checked.inputs) requestText = clip(text)
      upstream.end(body)
    })
  }

  const server = createServer(handle)
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new StandinError(
          'proxy.listen',
          `standin proxy: cannot listen on ${options.host ?? '127.0.0.1'}:${options.port ?? 4020} (${error.code ?? error.message}). Pick another --port.`,
        ),
      ),
    )
    server.listen(options.port ?? 4020, options.host ?? '127.0.0.1', resolve)
  })
  const address = server.address() as AddressInfo
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${shownHost}:${address.port}`,
    server,
    counts: () => recorder?.counts() ?? { seen: 0, kept: 0 },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
      })
      agent.destroy()
      await recorder?.close()
    },
  }
}
