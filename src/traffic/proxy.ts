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
import { maxBodyBytes, numberOption, type NumberRange } from '../number-option.js'
import { MAX_TIMER_MS } from '../timer-limit.js'
import { getProtocol } from '../protocol/index.js'
import { createRecorder } from '../recording/index.js'
import { redactedTarget } from '../redacted-target.js'
import { splitCredentials } from '../redacted-target.js'
import type {
  Outcome,
  Recorder,
  RecorderOptions,
  RecordedExchange,
  Violation,
} from '../recording/index.js'
import { checkAnswer, checkRequest } from './validate-exchange.js'
import type { CheckedAnswer, CheckedRequest } from './validate-exchange.js'
import { listenFailure } from '../listen-failure.js'

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

function forwardHeaders(
  headers: IncomingHttpHeaders,
  host?: string,
  authorization?: string,
): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {}
  for (const [k, v] of Object.entries(headers)) if (!hopByHop.has(k) && v !== undefined) out[k] = v
  if (host !== undefined) out.host = host
  if (authorization !== undefined && out.authorization === undefined)
    out.authorization = authorization
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

/** What every exchange through one proxy shares. */
interface ProxyContext {
  readonly contract: Contract
  readonly compiled: ReturnType<ReturnType<typeof getProtocol>['compile']>
  readonly target: URL
  /** The Basic `authorization` of credentials in `--target`, sent when a request has none. */
  readonly authorization: string | undefined
  readonly agent: Agent
  readonly send: typeof httpRequest
  /** The target's path, without a trailing slash: a prefix of every forwarded path. */
  readonly prefix: string
  /** `METHOD /path` of the contract's inference routes: only these are checked and recorded. */
  readonly infer: ReadonlySet<string>
  readonly timeoutMs: number
  readonly bodyLimit: number
  readonly recorder: Recorder | undefined
  readonly log: ((line: string) => void) | undefined
}

/** The model's URL, or `proxy.target` when it is not http(s). */
function parseTarget(value: string): URL {
  try {
    const target = new URL(value)
    if (target.protocol === 'http:' || target.protocol === 'https:') return target
  } catch {
    // refused below
  }
  throw new StandinError(
    'proxy.target',
    `standin proxy: --target must be the model's http:// or https:// URL, not '${redactedTarget(value)}'.`,
  )
}

/** The context of a proxy: the target's agent, the contract's routes, the recorder. */
const proxyOption = (
  name: string,
  value: number | undefined,
  fallback: number,
  range: NumberRange,
): number =>
  numberOption(name, value, fallback, range, (message) => new StandinError('proxy.option', message))

async function proxyContext(contract: Contract, options: ProxyOptions): Promise<ProxyContext> {
  const given = parseTarget(options.target)
  // Credentials in --target travel as Basic auth, never in a forwarded URL or a printed line.
  const { url: target, authorization } = splitCredentials(given)
  const secure = target.protocol === 'https:'
  const compiled = getProtocol(contract.protocol).compile(contract)
  return {
    contract,
    compiled,
    target,
    authorization,
    agent: secure
      ? new HttpsAgent({ keepAlive: true, maxSockets: 256 })
      : new Agent({ keepAlive: true, maxSockets: 256 }),
    send: secure ? httpsRequest : httpRequest,
    prefix: target.pathname.replace(/\/+$/, ''),
    infer: new Set(
      compiled.routes
        .filter((r) => r.kind === 'infer')
        .map((r) => `${r.method.toUpperCase()} ${r.path}`),
    ),
    timeoutMs: proxyOption('timeoutMs', options.timeoutMs, 60_000, {
      min: 1,
      max: MAX_TIMER_MS,
      integer: false,
    }),
    bodyLimit: proxyOption('bodyLimit', options.bodyLimit, 16 * 1024 * 1024, {
      min: 1,
      max: maxBodyBytes,
    }),
    recorder: options.record
      ? await createRecorder({
          ...options.record,
          contract: { name: contract.name, version: contract.version, protocol: contract.protocol },
        })
      : undefined,
    log: options.log,
  }
}

/** What one exchange has learnt so far, and how it is written down once (logged and recorded). */
class ProxiedExchange {
  private readonly arrived = performance.now()
  private readonly time = new Date().toISOString()
  private settled = false
  /** The request, once read and checked (inference requests within the body limit). */
  checked: CheckedRequest | undefined
  /** The request's text, when it could not be decoded into inputs. */
  requestText: string | undefined

  constructor(
    private readonly ctx: ProxyContext,
    readonly method: string,
    readonly path: string,
    readonly isInfer: boolean,
  ) {}

  /** The request as the recording keeps it: its inputs, or its text. */
  sent(): Pick<RecordedExchange, 'inputs' | 'requestText'> {
    if (this.checked?.inputs) return { inputs: this.checked.inputs }
    return this.requestText !== undefined ? { requestText: this.requestText } : {}
  }

  /** The request's violations, so far. */
  requestViolations(): readonly Violation[] {
    return this.checked?.violations ?? []
  }

  /** Logs each violation and records the exchange, once, for inference routes only. */
  finish(exchange: Omit<RecordedExchange, 'time' | 'method' | 'path' | 'latencyMs'>): void {
    if (this.settled || !this.isInfer) return
    this.settled = true
    for (const v of exchange.violations)
      this.ctx.log?.(
        `${this.method} ${this.path} ${exchange.status ?? '-'} ${v.side}#${v.pointer}: ${v.message}`,
      )
    this.ctx.recorder?.record({
      time: this.time,
      latencyMs: Math.round((performance.now() - this.arrived) * 100) / 100,
      method: this.method,
      path: this.path,
      ...exchange,
    })
  }
}

/** Forwards one request to the model and its answer back, checking both when it is inference. */
function handleExchange(ctx: ProxyContext, req: IncomingMessage, res: ServerResponse): void {
  const method = (req.method ?? 'GET').toUpperCase()
  const path = (req.url ?? '/').split('?')[0] ?? '/'
  const exchange = new ProxiedExchange(ctx, method, path, ctx.infer.has(`${method} ${path}`))
  const declared = Number(req.headers['content-length'] ?? 0)
  const streamed = !exchange.isInfer || declared > ctx.bodyLimit
  const upstream = ctx.send({
    protocol: ctx.target.protocol,
    hostname: ctx.target.hostname,
    port: ctx.target.port,
    path: `${ctx.prefix}${req.url ?? '/'}`,
    method,
    headers: forwardHeaders(req.headers, ctx.target.host, ctx.authorization),
    agent: ctx.agent,
  })
  upstream.setTimeout(ctx.timeoutMs, () =>
    upstream.destroy(
      Object.assign(new Error(`no whole answer within ${ctx.timeoutMs} ms`), {
        code: 'standin-timeout',
      }),
    ),
  )
  upstream.on('error', (error) => {
    // Nothing came back: close the service's connection, as the model did to the proxy.
    exchange.finish({
      outcome: outcomeOf(error),
      error: errorText(error),
      ...exchange.sent(),
      violations: exchange.requestViolations(),
    })
    res.destroy()
  })
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy()
  })
  upstream.on('response', (answer) =>
    streamed ? passStreamed(ctx, exchange, answer, res) : passChecked(ctx, exchange, answer, res),
  )
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
    exchange.checked = checkRequest(ctx.contract, ctx.compiled, text)
    if (!exchange.checked.inputs) exchange.requestText = clip(text)
    upstream.end(body)
  })
}

/** An answer passed through as a stream, unchecked (not inference, or a request over the limit). */
function passStreamed(
  ctx: ProxyContext,
  exchange: ProxiedExchange,
  answer: IncomingMessage,
  res: ServerResponse,
): void {
  res.writeHead(answer.statusCode ?? 502, forwardHeaders(answer.headers))
  answer.pipe(res)
  answer.on('end', () =>
    exchange.finish({
      status: answer.statusCode ?? 0,
      outcome: 'answered',
      requestText: `(not validated: body over ${ctx.bodyLimit} bytes)`,
      violations: [],
    }),
  )
  answer.on('error', () => res.destroy())
}

/** An inference answer read whole, checked, then passed on with the violations header. */
function passChecked(
  ctx: ProxyContext,
  exchange: ProxiedExchange,
  answer: IncomingMessage,
  res: ServerResponse,
): void {
  const chunks: Buffer[] = []
  answer.on('data', (c: Buffer) => chunks.push(c))
  answer.on('error', () => undefined)
  answer.on('close', () => {
    const status = answer.statusCode ?? 0
    const body = Buffer.concat(chunks)
    if (!answer.complete) return passCut(exchange, answer, body, res)
    const request = exchange.checked ?? { single: true, violations: [] }
    const { text, check } = readAnswer(ctx.contract, request, answer, body)
    const violations = [...request.violations, ...check.violations]
    const headers = forwardHeaders(answer.headers)
    headers['content-length'] = String(body.length)
    headers[violationsHeader] = String(violations.length)
    res.writeHead(status, headers)
    res.end(body)
    exchange.finish({
      status,
      outcome: 'answered',
      ...exchange.sent(),
      ...(check.outputs ? { outputs: check.outputs } : { answerText: clip(text) }),
      violations,
    })
  })
}

/** Closed mid-answer: pass on what came, then the same close. */
function passCut(
  exchange: ProxiedExchange,
  answer: IncomingMessage,
  body: Buffer,
  res: ServerResponse,
): void {
  const status = answer.statusCode ?? 0
  exchange.finish({
    status,
    outcome: 'closed',
    error: `the model closed the connection after ${body.length} bytes of its answer`,
    ...exchange.sent(),
    violations: exchange.requestViolations(),
  })
  if (!res.headersSent) res.writeHead(status, forwardHeaders(answer.headers))
  if (body.length > 0) res.write(body)
  setImmediate(() => res.destroy())
}

/** The answer's text (decompressed) and what the contract says of it. */
function readAnswer(
  contract: Contract,
  request: CheckedRequest,
  answer: IncomingMessage,
  body: Buffer,
): { text: string; check: CheckedAnswer } {
  let text = ''
  try {
    text = inflate(body, answer.headers['content-encoding']).toString('utf8')
    const contentType = answer.headers['content-type'] ?? ''
    return {
      text,
      check: checkAnswer(contract, request, answer.statusCode ?? 0, contentType, text),
    }
  } catch (error) {
    const message = `cannot be decoded (${errorText(error)})`
    return { text, check: { violations: [{ side: 'answer', pointer: '', message }] } }
  }
}

/** Listens where the options say, with `proxy.listen` when it cannot. */
function listen(server: Server, options: ProxyOptions): Promise<void> {
  const host = options.host ?? '127.0.0.1'
  const port = options.port ?? 4020
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new StandinError('proxy.listen', `standin proxy: ${listenFailure(host, port, error)}`),
      ),
    )
    server.listen(port, host, resolve)
  })
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
  const ctx = await proxyContext(contract, options)
  const server = createServer((req, res) => handleExchange(ctx, req, res))
  server.keepAliveTimeout = 5_000
  await listen(server, options)
  const address = server.address() as AddressInfo
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${shownHost}:${address.port}`,
    server,
    counts: () => ctx.recorder?.counts() ?? { seen: 0, kept: 0 },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
      })
      ctx.agent.destroy()
      await ctx.recorder?.close()
    },
  }
}
