/**
 * The framework-free handler core: a request in, a response out. Routing is one Map lookup; the
 * body is checked (size, content type, UTF-8, nesting, JSON), decoded by the contract's
 * protocol, every record validated by the contract's compiled validator, and answered by the
 * stand-in. Faults (latency, error rate, `x-standin-scenario`) come last, so a bad request always
 * gets its 4xx. Refusals take the protocol's own error shape.
 */
import type { Contract } from '../contract/index.js'
import { createMock, type MockModel } from '../mock/index.js'
import { getProtocol, standinHeader, standinStamp, type WireProtocol } from '../protocol/index.js'
import { answerInfer, type InferSettings } from './answer-infer.js'
import { buildRoutes, type RouteEntry, type Routes, type ServerInfo } from './build-routes.js'
import { defaultBodyLimits } from './check-limits.js'
import { createCors, isPreflight } from './cors.js'
import { standinVersion } from '../version.js'
import { StandinError } from '../errors.js'
import { maxBodyBytes, numberOption, type NumberRange } from '../number-option.js'
import { MAX_TIMER_MS } from '../timer-limit.js'
import { isJsonContentType, refusals, refuse } from './refusals.js'
import {
  defaultBodyLimit,
  headerOf,
  type CoreRequest,
  type CoreResponse,
  type Handler,
  type ServeOptions,
  withHeader,
} from './serve-types.js'

/** The response with the stand-in's identity header added (kept when already there). */
function stamp(response: CoreResponse, identity: string): CoreResponse {
  if (response.headers[standinHeader] === identity) return response
  return { ...response, headers: withHeader(response.headers, standinHeader, identity) }
}

const encoder = new TextEncoder()

/** The answer to HEAD: GET's status and headers (its content-length too), no body (RFC 9110 section 9.3.2). */
function headOf(
  answer: CoreResponse | Promise<CoreResponse>,
): CoreResponse | Promise<CoreResponse> {
  const strip = (r: CoreResponse): CoreResponse => ({
    status: r.status,
    headers: withHeader(r.headers, 'content-length', String(encoder.encode(r.body).byteLength)),
    body: '',
  })
  return answer instanceof Promise ? answer.then(strip) : strip(answer)
}

/**
 * Makes the handler core for contracts: one stand-in per contract, routes for each contract's
 * protocol, and the server routes (`/_standin`, health, metadata).
 *
 * @example
 * const handler = createHandler([contract], { seed: 7 })
 * const response = await handler({ method: 'POST', url: '/predict', headers: { 'content-type': 'application/json' }, body: '{"narration":"TESCO"}' })
 * response.status // 200, or 422 with a problem+json body listing every violation
 *
 * @throws {StandinError} when an output schema cannot be generated or an option is invalid.
 */
export function createHandler(
  contracts: readonly Contract[],
  options: HandlerOptions = {},
): Handler {
  const mocks: MockModel[] = contracts.map((contract) =>
    createMock(contract, {
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.latency !== undefined ? { latency: options.latency } : {}),
      ...(options.errorRate !== undefined ? { errorRate: options.errorRate } : {}),
      ...(options.timeToFirstToken !== undefined
        ? { timeToFirstToken: options.timeToFirstToken }
        : {}),
      ...(options.tokensPerSecond !== undefined
        ? { tokensPerSecond: options.tokensPerSecond }
        : {}),
    }),
  )
  const server = options.server ?? { name: 'standin', version: standinVersion() }
  const identity = standinStamp(server.version)
  const routes = buildRoutes(contracts, mocks, server)
  const router = createRouter(routes)
  const settings = inferSettings(options, identity)
  const cors = createCors(options.cors)
  const answer = routeAnswer({ router, settings, cors, hostCheck: options.hostCheck })

  // Every answer names the stand-in; with CORS on, every answer to an allowed origin carries its
  // headers too.
  const finish = (request: CoreRequest, r: CoreResponse): CoreResponse =>
    cors ? cors.decorate(request, stamp(r, identity)) : stamp(r, identity)
  const respond = (request: CoreRequest): CoreResponse | Promise<CoreResponse> => {
    const result = answer(request)
    return result instanceof Promise
      ? result.then((r) => finish(request, r))
      : finish(request, result)
  }

  const handler = (request: CoreRequest): Promise<CoreResponse> => Promise.resolve(respond(request))
  return Object.assign(handler, {
    routes: routes.lines,
    respond,
    handles: (path: string) => router.lookup(path).methods !== undefined,
    bodyLimit: settings.bodyLimit,
    tooLarge: (url: string, size: number): CoreResponse => {
      const { path, methods } = router.lookup(url)
      const first = methods?.values().next().value
      return refuse(
        first ? first.protocol : router.shapeFor(path),
        refusals.payloadTooLarge(size, settings.bodyLimit),
        { connection: 'close', [standinHeader]: identity },
      )
    },
  })
}

/** Options of `createHandler`: the serve options, and what a server adds. */
export type HandlerOptions = ServeOptions & {
  readonly server?: ServerInfo
  /** The Host guard of a loopback-bound server, and the address it is bound to. */
  readonly hostCheck?: HostCheck
}

/** The Host guard of a loopback-bound server. */
interface HostCheck {
  readonly allows: (host: string | undefined) => boolean
  readonly bound: string
}

/** The range of each number option (a NaN or a negative would switch a limit off). */
const optionRanges = {
  bodyLimit: { min: 1, max: maxBodyBytes },
  maxDepth: { min: 1, max: 10_000 },
  maxKeys: { min: 1, max: 2 ** 31 },
  maxItems: { min: 1, max: 2 ** 31 },
  maxStringLength: { min: 1, max: 2 ** 31 },
  slowMs: { min: 0, max: MAX_TIMER_MS, integer: false },
  timeoutMs: { min: 0, max: MAX_TIMER_MS, integer: false },
} as const satisfies Record<string, NumberRange>

/** An option's number, checked against its range, or its default. */
function serveOption(
  options: ServeOptions,
  name: keyof typeof optionRanges,
  fallback: number,
): number {
  return numberOption(
    name,
    options[name],
    fallback,
    optionRanges[name],
    (message) => new StandinError('serve.option', message),
  )
}

/** The options the inference answers read, with their defaults. */
function inferSettings(options: ServeOptions, identity: string): InferSettings {
  // Content types seen, and whether each is JSON: clients send one or two, parse them once.
  const contentTypes = new Map<string, boolean>()
  return {
    bodyLimit: serveOption(options, 'bodyLimit', defaultBodyLimit),
    maxDepth: serveOption(options, 'maxDepth', 64),
    slowMs: serveOption(options, 'slowMs', 2000),
    timeoutMs: serveOption(options, 'timeoutMs', 30_000),
    limits: {
      maxKeys: serveOption(options, 'maxKeys', defaultBodyLimits.maxKeys),
      maxItems: serveOption(options, 'maxItems', defaultBodyLimits.maxItems),
      maxStringLength: serveOption(options, 'maxStringLength', defaultBodyLimits.maxStringLength),
    },
    jsonHeaders: { 'content-type': 'application/json', [standinHeader]: identity },
    isJson: (value) => {
      let known = contentTypes.get(value)
      if (known === undefined) {
        known = isJsonContentType(value)
        if (contentTypes.size < 64) contentTypes.set(value, known)
      }
      return known
    },
  }
}

/** Finds a request's routes (one Map lookup), and the error shape for a path no route has. */
interface Router {
  readonly lookup: (url: string) => {
    path: string
    methods: ReadonlyMap<string, RouteEntry> | undefined
  }
  readonly shapeFor: (path: string) => WireProtocol
  /** Every route, `METHOD /path`. */
  readonly lines: readonly string[]
  /** The contracts that share `METHOD /path`, each served under its name instead. */
  readonly sharedBy: (method: string, path: string) => readonly string[] | undefined
}

function createRouter({ table, lines, protocols, shared }: Routes): Router {
  const only = protocols.size === 1 ? getProtocol([...protocols][0] ?? 'json') : undefined
  return {
    lines,
    sharedBy: (method, path) => shared.get(`${method.toUpperCase()} ${path}`),
    shapeFor: (path) => {
      if (path.startsWith('/v2') && protocols.has('kserve-v2')) return getProtocol('kserve-v2')
      if (path.startsWith('/v1/') && protocols.has('v1')) return getProtocol('v1')
      return only ?? getProtocol('json')
    },
    lookup: (url) => {
      const q = url.indexOf('?')
      const path = q === -1 ? url : url.slice(0, q)
      let methods = table.get(path)
      if (!methods && path.includes('%')) {
        try {
          methods = table.get(decodeURIComponent(path))
        } catch {
          // not a valid percent-encoding: no route
        }
      }
      return { path, methods }
    },
  }
}

/** What routing a request needs. */
interface RouteContext {
  readonly router: Router
  readonly settings: InferSettings
  readonly cors: ReturnType<typeof createCors>
  readonly hostCheck: HostCheck | undefined
}

/** The refusal of a request from a host not allowed, or of a CONNECT, if any. */
function refuseEarly(
  ctx: RouteContext,
  request: CoreRequest,
  path: string,
): CoreResponse | undefined {
  const { router, hostCheck } = ctx
  if (hostCheck) {
    const host = headerOf(request, 'host')
    if (!hostCheck.allows(host))
      return refuse(router.shapeFor(path), refusals.forbiddenHost(host ?? '', hostCheck.bound))
  }
  if (request.method.toUpperCase() === 'CONNECT')
    return refuse(router.shapeFor(path), refusals.connect())
  return undefined
}

/** The answer to a method the path does not serve: a CORS preflight, or 405. */
function otherMethod(
  ctx: RouteContext,
  request: CoreRequest,
  path: string,
  methods: ReadonlyMap<string, RouteEntry>,
): CoreResponse {
  const preflight = ctx.cors?.preflight(request, [...methods.keys()])
  if (preflight) return preflight
  const allow = [...methods.keys()].flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])).join(', ')
  const first = methods.values().next().value as RouteEntry
  return refuse(
    first.protocol,
    refusals.methodNotAllowed(request.method, path, allow, !ctx.cors && isPreflight(request)),
    { allow },
  )
}

/** The answer to a request that made standin itself fail (a bug, not the client's fault). */
function internalError(entry: RouteEntry, error: unknown): CoreResponse {
  return refuse(
    entry.protocol,
    refusals.internalError(error instanceof Error ? error.message : String(error)),
  )
}

/** Routes a request to its answer: a refusal, a static answer, or an inference. */
function routeAnswer(
  ctx: RouteContext,
): (request: CoreRequest) => CoreResponse | Promise<CoreResponse> {
  const answer = (request: CoreRequest): CoreResponse | Promise<CoreResponse> => {
    const { path, methods } = ctx.router.lookup(request.url)
    const refused = refuseEarly(ctx, request, path)
    if (refused) return refused
    if (!methods)
      return refuse(
        ctx.router.shapeFor(path),
        refusals.notFound(
          request.method,
          path,
          ctx.router.lines,
          ctx.router.sharedBy(request.method, path),
        ),
      )
    const method = request.method.toUpperCase()
    if (method === 'HEAD' && !methods.has('HEAD') && methods.has('GET'))
      return headOf(answer({ ...request, method: 'GET' }))
    const entry = methods.get(method)
    if (!entry) return otherMethod(ctx, request, path, methods)
    if (entry.kind === 'static')
      return {
        status: entry.answer.status,
        headers: { 'content-type': entry.answer.contentType },
        body: entry.answer.body,
      }
    // A bug in standin, not the client's fault: answer it rather than crash the server.
    try {
      const result = answerInfer(ctx.settings, entry, request)
      return result instanceof Promise
        ? result.catch((error: unknown) => internalError(entry, error))
        : result
    } catch (error) {
      return internalError(entry, error)
    }
  }
  return answer
}
