/**
 * The framework-free handler core: a request in, a response out. Routing is one Map lookup; the
 * body is checked (size, content type, UTF-8, nesting, JSON), decoded by the contract's
 * protocol, every record validated by the contract's compiled validator, and answered by the
 * stand-in. Faults (latency, error rate, `x-standin-scenario`) come last, so a bad request always
 * gets its 4xx. Refusals take the protocol's own error shape.
 */
import type { Problem } from '../errors.js'
import type { Contract } from '../contract/index.js'
import { createMock, type MockModel } from '../mock/index.js'
import {
  getProtocol,
  standinHeader,
  standinStamp,
  type DecodedBatch,
  type WireProtocol,
} from '../protocol/index.js'
import { buildRoutes, type RouteEntry, type ServerInfo } from './build-routes.js'
import { defaultBodyLimits } from './check-limits.js'
import { after, eachRecord, sliceSize } from './each-record.js'
import { createCors, isPreflight } from './cors.js'
import { parseJsonBody, type ParsedBody } from './parse-json-body.js'
import { protocolResponse } from './stream-answer.js'
import { standinVersion } from '../version.js'
import { isJsonContentType, maxListedProblems, refusals, refuse, wait } from './refusals.js'
import {
  defaultBodyLimit,
  headerOf,
  type CoreRequest,
  type CoreResponse,
  type Handler,
  type ServeOptions,
} from './serve-types.js'

/** The values `x-standin-scenario` takes (a protocol may add its own: `WireProtocol.scenarios`). */
export const scenarios = ['error', 'slow', 'timeout', 'invalid-output', 'rate-limit'] as const

/** Every scenario `protocol` takes: the common ones and its own. */
function scenariosOf(protocol: WireProtocol): readonly string[] {
  return protocol.scenarios ? [...scenarios, ...protocol.scenarios] : scenarios
}

function knownScenario(protocol: WireProtocol, value: string): boolean {
  return scenariosOf(protocol).includes(value)
}

/** The response with the stand-in's identity header added (kept when already there). */
function stamp(response: CoreResponse, identity: string): CoreResponse {
  if (response.headers[standinHeader] === identity) return response
  return { ...response, headers: { ...response.headers, [standinHeader]: identity } }
}

const encoder = new TextEncoder()
/**
 * An answer may be this many times the request's size, or `answerFloor` bytes, whichever is
 * more: a 1 MB batch of empty records cannot turn into a 300 MB answer.
 */
const answerMultiple = 32
const answerFloor = 1024 * 1024

/** The answer to HEAD: GET's status and headers (its content-length too), no body (RFC 9110 section 9.3.2). */
function headOf(
  answer: CoreResponse | Promise<CoreResponse>,
): CoreResponse | Promise<CoreResponse> {
  const strip = (r: CoreResponse): CoreResponse => ({
    status: r.status,
    headers: { ...r.headers, 'content-length': String(encoder.encode(r.body).byteLength) },
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
  options: ServeOptions & {
    readonly server?: ServerInfo
    /** The Host guard of a loopback-bound server, and the address it is bound to. */
    readonly hostCheck?: {
      readonly allows: (host: string | undefined) => boolean
      readonly bound: string
    }
  } = {},
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
  const jsonHeaders: Readonly<Record<string, string>> = {
    'content-type': 'application/json',
    [standinHeader]: identity,
  }
  const { table, lines, protocols } = buildRoutes(contracts, mocks, server)
  const bodyLimit = options.bodyLimit ?? defaultBodyLimit
  const maxDepth = options.maxDepth ?? 64
  const slowMs = options.slowMs ?? 2000
  const timeoutMs = options.timeoutMs ?? 30_000
  const limits = {
    maxKeys: options.maxKeys ?? defaultBodyLimits.maxKeys,
    maxItems: options.maxItems ?? defaultBodyLimits.maxItems,
    maxStringLength: options.maxStringLength ?? defaultBodyLimits.maxStringLength,
  }
  const hostCheck = options.hostCheck
  const only = protocols.size === 1 ? getProtocol([...protocols][0] ?? 'json') : undefined
  // Content types seen, and whether each is JSON: clients send one or two, parse them once.
  const contentTypes = new Map<string, boolean>()

  /** The error shape for a path no route has. */
  const shapeFor = (path: string): WireProtocol => {
    if (path.startsWith('/v2') && protocols.has('kserve-v2')) return getProtocol('kserve-v2')
    if (path.startsWith('/v1/') && protocols.has('v1')) return getProtocol('v1')
    return only ?? getProtocol('json')
  }

  const lookup = (url: string): { path: string; methods: Map<string, RouteEntry> | undefined } => {
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
  }

  const isJson = (value: string): boolean => {
    let known = contentTypes.get(value)
    if (known === undefined) {
      known = isJsonContentType(value)
      if (contentTypes.size < 64) contentTypes.set(value, known)
    }
    return known
  }

  const infer = (
    entry: Extract<RouteEntry, { kind: 'infer' }>,
    request: CoreRequest,
  ): CoreResponse | Promise<CoreResponse> => {
    const { protocol } = entry
    const scenario = headerOf(request, 'x-standin-scenario')
    if (scenario !== undefined && !knownScenario(protocol, scenario))
      return refuse(protocol, refusals.unknownScenario(scenario, scenariosOf(protocol)))
    const contentType = headerOf(request, 'content-type')
    // No content type is refused as well: MLflow's scoring server answers it 415, and a client
    // that omits it breaks behind any gateway that routes on it.
    if (contentType === undefined || !isJson(contentType))
      return refuse(protocol, refusals.unsupportedMediaType(contentType))
    const body = request.body
    const size =
      body === undefined
        ? 0
        : typeof body === 'string'
          ? encoder.encode(body).byteLength
          : body.byteLength
    if (size > bodyLimit)
      return refuse(protocol, refusals.payloadTooLarge(size, bodyLimit), { connection: 'close' })
    const parsed = parseJsonBody(body, maxDepth, limits)
    return parsed instanceof Promise
      ? parsed.then((p) => checked(entry, request, scenario, size, p))
      : checked(entry, request, scenario, size, parsed)
  }

  /** The answer to a parsed (or refused) body: its records checked, then answered. */
  const checked = (
    entry: Extract<RouteEntry, { kind: 'infer' }>,
    request: CoreRequest,
    scenario: string | undefined,
    size: number,
    parsed: ParsedBody,
  ): CoreResponse | Promise<CoreResponse> => {
    const { protocol, compiled, mock } = entry
    if (!parsed.ok)
      return refuse(
        protocol,
        parsed.type === 'over-limit'
          ? refusals.overLimit(parsed.problem)
          : refusals.badBody(parsed.type, parsed.detail, parsed.problems),
      )
    const decoded = compiled.decodeRequest(parsed.value)
    if (!decoded.ok) return refuse(protocol, refusals.invalidEnvelope(protocol, decoded.problems))
    const { batch } = decoded
    const records = batch.records
    // Every record is checked and every violation counted, but only the listed ones are kept:
    // the error body stays bounded however many records break the schema.
    const problems: Problem[] = []
    let total = 0
    const checking = eachRecord(records.length, (i) => {
      const found = mock.check(records[i])
      total += found.length
      for (const p of found)
        if (problems.length <= maxListedProblems)
          problems.push({ ...p, pointer: batch.pointer(i, p.pointer) })
      return undefined
    })
    return after(checking, () => {
      if (total > 0)
        return refuse(
          protocol,
          refusals.invalidInput(protocol, compiled.contract, problems),
          undefined,
          total,
        )
      if (scenario === 'error') return refuse(protocol, refusals.injectedFault(undefined))
      if (scenario === 'rate-limit')
        return refuse(protocol, refusals.rateLimited(), { 'retry-after': '1' })
      if (scenario === undefined && mock.faults.fails())
        return refuse(protocol, refusals.injectedFault(mock.faults.errorRate))
      if (scenario === 'timeout')
        return wait(timeoutMs, request.signal).then(() =>
          refuse(protocol, refusals.heldTimeout(timeoutMs)),
        )
      return answerBatch(
        entry,
        batch,
        scenario,
        Math.max(answerFloor, answerMultiple * size),
        request.signal,
      )
    })
  }

  /** The stand-in's answer to a checked batch, refused when it would outgrow `cap` bytes. */
  const answerBatch = (
    entry: Extract<RouteEntry, { kind: 'infer' }>,
    batch: DecodedBatch,
    scenario: string | undefined,
    cap: number,
    signal: AbortSignal | undefined,
  ): CoreResponse | Promise<CoreResponse> => {
    const { protocol, compiled, mock } = entry
    const records = batch.records
    const make = scenario === 'invalid-output' ? mock.invalidAnswer : mock.answer
    const outputs: unknown[] = new Array(records.length)
    // Large batches are sized as they are made (a small one cannot reach the floor of the cap).
    const sized = records.length > sliceSize
    let bytes = 0
    const making = eachRecord(records.length, (i) => {
      const output = make(records[i])
      outputs[i] = output
      if (sized) bytes += JSON.stringify(output)?.length ?? 4
      return bytes > cap ? true : undefined
    })
    return after(making, () => {
      if (bytes > cap) return refuse(protocol, refusals.answerTooLarge(records.length, cap))
      const response: CoreResponse = compiled.encodeAnswer
        ? protocolResponse(
            compiled.encodeAnswer(outputs[0], batch, scenario),
            mock.faults,
            jsonHeaders,
          )
        : {
            status: 200,
            headers: jsonHeaders,
            body: JSON.stringify(compiled.encodeResponse(outputs, batch)),
          }
      const delay = scenario === 'slow' ? slowMs : mock.faults.delay()
      return delay > 0 ? wait(delay, signal).then(() => response) : response
    })
  }

  const cors = createCors(options.cors)

  const answer = (request: CoreRequest): CoreResponse | Promise<CoreResponse> => {
    const { path, methods } = lookup(request.url)
    const method = request.method.toUpperCase()
    if (hostCheck) {
      const host = headerOf(request, 'host')
      if (!hostCheck.allows(host))
        return refuse(shapeFor(path), refusals.forbiddenHost(host ?? '', hostCheck.bound))
    }
    if (method === 'CONNECT') return refuse(shapeFor(path), refusals.connect())
    if (!methods) return refuse(shapeFor(path), refusals.notFound(request.method, path, lines))
    if (method === 'HEAD' && !methods.has('HEAD') && methods.has('GET'))
      return headOf(answer({ ...request, method: 'GET' }))
    const entry = methods.get(method)
    if (!entry) {
      const preflight = cors?.preflight(request, [...methods.keys()])
      if (preflight) return preflight
      const allow = [...methods.keys()]
        .flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m]))
        .join(', ')
      const first = methods.values().next().value as RouteEntry
      return refuse(
        first.protocol,
        refusals.methodNotAllowed(request.method, path, allow, !cors && isPreflight(request)),
        { allow },
      )
    }
    if (entry.kind === 'static')
      return {
        status: entry.answer.status,
        headers: { 'content-type': entry.answer.contentType },
        body: entry.answer.body,
      }
    // A bug in standin, not the client's fault: answer it rather than crash the server.
    const failed = (error: unknown): CoreResponse =>
      refuse(
        entry.protocol,
        refusals.internalError(error instanceof Error ? error.message : String(error)),
      )
    try {
      const result = infer(entry, request)
      return result instanceof Promise ? result.catch(failed) : result
    } catch (error) {
      return failed(error)
    }
  }

  // Every answer names the stand-in; with CORS on, every answer to an allowed origin carries its
  // headers too.
  const respond = (request: CoreRequest): CoreResponse | Promise<CoreResponse> => {
    const result = answer(request)
    const finish = (r: CoreResponse): CoreResponse =>
      cors ? cors.decorate(request, stamp(r, identity)) : stamp(r, identity)
    return result instanceof Promise ? result.then(finish) : finish(result)
  }

  const handler = (request: CoreRequest): Promise<CoreResponse> => Promise.resolve(respond(request))
  return Object.assign(handler, {
    routes: lines,
    respond,
    handles: (path: string) => lookup(path).methods !== undefined,
    bodyLimit,
    tooLarge: (url: string, size: number): CoreResponse => {
      const { path, methods } = lookup(url)
      const first = methods?.values().next().value
      return refuse(
        first ? first.protocol : shapeFor(path),
        refusals.payloadTooLarge(size, bodyLimit),
        { connection: 'close', [standinHeader]: identity },
      )
    },
  })
}
