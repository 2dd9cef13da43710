/**
 * Targets verify can run against: a URL (the contract's protocol decides paths and wire shapes),
 * `mock` (the in-process stand-in, no network), a `MockModel`, an express app (listened on an
 * ephemeral 127.0.0.1 port for the run) or any `(input) => output` function.
 */
import * as net from 'node:net'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import type { Contract, ContractTypes } from '../contract/index.js'
import { errorOutcome } from '../mock/index.js'
import { getProtocol } from '../protocol/index.js'
import type { CaseSpec } from './case-spec.js'
import { redactedTarget } from '../redacted-target.js'
import { redactedUrl, splitCredentials } from '../redacted-target.js'
import { createHttpClient } from './send-http.js'
import type { Exchange, WireRequest } from './result-types.js'
import { VerifyError } from './verify-error.js'
import { asSentence, describeFailure } from './request-failure.js'

/** Anything with an express-like `listen` (an express app, a node:http request listener with listen). */
export interface ListenableApp {
  (...args: never[]): unknown
  listen: (port: number, host: string, callback: () => void) => Server
}

/** A model called in-process: `predict(input)` resolving to one output. */
export interface PredictingModel<T extends ContractTypes = ContractTypes> {
  predict: (input: T['input']) => T['output'] | Promise<T['output']>
}

/**
 * What `verify` accepts as its target. With a typed contract (`Contract<T>`), an in-process
 * model or function must take the contract's input type and give its output type.
 */
export type VerifyTarget<T extends ContractTypes = ContractTypes> =
  | string
  | PredictingModel<T>
  | ListenableApp
  | ((input: T['input']) => T['output'] | Promise<T['output']>)

/** A resolved target (internal). */
export interface Target {
  readonly kind: 'url' | 'mock' | 'app' | 'function'
  readonly description: string
  /** True when requests travel over HTTP (wire-level cases can be sent). */
  readonly wire: boolean
  /** The base URL of HTTP targets. */
  readonly baseUrl?: URL
  /** Headers every request to an HTTP target carries (the user's, and Basic auth from the URL). */
  readonly headers?: Readonly<Record<string, string>>
  /** The HTTP request for a case (URL targets). */
  readonly request: (spec: CaseSpec) => WireRequest | undefined
  /** Sends a case; never rejects. */
  readonly send: (spec: CaseSpec) => Promise<Exchange>
  /** Secret texts to redact from every output (credentials taken from the URL). */
  readonly secrets?: readonly string[]
  /** Checks the target can be reached before any case is sent. */
  readonly preflight: () => Promise<void>
  /** Releases sockets and servers. */
  readonly close: () => Promise<void>
}

/** Options the targets need. */
export interface TargetOptions {
  readonly seed: number
  readonly timeoutMs: number
  readonly concurrency: number
  readonly headers: Readonly<Record<string, string>>
  /** Largest answer read, in bytes (default 4 MiB). */
  readonly maxAnswerBytes?: number
}

/** Builds the HTTP request of a case (the protocol's client side, then the wire break if any). */
export function wireRequest(
  contract: Contract,
  spec: CaseSpec,
  headers: Readonly<Record<string, string>>,
): WireRequest | undefined {
  let encoded
  try {
    encoded = getProtocol(contract.protocol).encodeRequest(contract, spec.records, spec.violates)
  } catch {
    return undefined
  }
  let body = JSON.stringify(encoded.body)
  const sent: Record<string, string> = { ...encoded.headers, ...headers }
  if (spec.wire === 'malformed-json') body = body.slice(0, Math.max(1, body.length - 1))
  if (spec.wire === 'wrong-content-type') {
    for (const key of Object.keys(sent)) if (key.toLowerCase() === 'content-type') delete sent[key]
    sent['content-type'] = 'text/plain'
  }
  if (spec.wire === 'wrong-envelope') body = JSON.stringify({ rows: spec.records })
  return { method: encoded.method, path: encoded.path, headers: sent, body }
}

function urlTarget(
  contract: Contract,
  url: URL,
  options: TargetOptions,
  kind: 'url' | 'app',
  close?: () => Promise<void>,
  shown = url.href,
): Target {
  const client = createHttpClient(url, options)
  const request = (spec: CaseSpec): WireRequest | undefined =>
    wireRequest(contract, spec, options.headers)
  return {
    kind,
    description: kind === 'url' ? shown : 'express app',
    wire: true,
    baseUrl: url,
    headers: options.headers,
    request,
    send: (spec) => {
      const req = request(spec)
      if (!req)
        return Promise.resolve({
          kind: 'not-sent',
          reason: `the ${contract.protocol} protocol cannot encode this input`,
        })
      return client.send(req)
    },
    preflight: () => connectOnce(url, shown, Math.min(options.timeoutMs, 5000)),
    close: async () => {
      client.close()
      await close?.()
    },
  }
}

/**
 * `target` as an http(s) URL.
 *
 * @throws {VerifyError} `verify.target` when it is none (see `notATarget`)
 */
export function targetUrl(target: string): URL {
  let url: URL
  try {
    url = new URL(target)
  } catch {
    throw notATarget(target)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw notATarget(target)
  return url
}

/**
 * The refusal of a target that is no http(s) URL: shown with anything before an `@` masked (it
 * may be a password), and `host:port` told to add its scheme.
 */
function notATarget(target: string): VerifyError {
  const shown = redactedTarget(target)
  const hostPort =
    /^[a-z0-9.-]+:\d{1,5}(\/.*)?$/i.test(target) || /^\[[0-9a-f:.]+\]:\d{1,5}(\/.*)?$/i.test(target)
  return new VerifyError(
    'verify.target',
    `--target '${shown}' is neither an http(s) URL nor 'mock'.${hostPort ? ` Did you mean http://${shown}?` : ''} Pass the model's base URL, for example http://127.0.0.1:8080, or 'mock'.`,
  )
}

/** Opens and closes one TCP connection to the target, or throws `verify.unreachable`. */
function connectOnce(url: URL, shown: string, timeoutMs: number): Promise<void> {
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  const host = url.hostname.replace(/^\[|\]$/g, '')
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port })
    const fail = (why: string): void => {
      socket.destroy()
      reject(
        new VerifyError(
          'verify.unreachable',
          `${shown}: could not connect: ${asSentence(why)} Start the model there or fix --target.`,
        ),
      )
    }
    socket.setTimeout(timeoutMs, () => fail(`no connection within ${timeoutMs} ms`))
    socket.once('error', (error) => fail(describeFailure(error, url.protocol === 'https:').message))
    socket.once('connect', () => {
      socket.end()
      resolve()
    })
  })
}

function inProcessTarget(
  kind: 'mock' | 'function',
  description: string,
  predict: (input: unknown) => unknown,
  timeoutMs: number,
): Target {
  const send = async (spec: CaseSpec): Promise<Exchange> => {
    if (spec.wire)
      return {
        kind: 'not-sent',
        reason: 'a wire-level case needs an HTTP target (in-process target)',
      }
    if (spec.records.length !== 1)
      return { kind: 'not-sent', reason: 'batches are a wire matter (in-process target)' }
    const started = performance.now()
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs)
    })
    try {
      const value = await Promise.race([Promise.resolve(predict(spec.records[0])), timeout])
      const latencyMs = performance.now() - started
      if (value === 'timeout')
        return {
          kind: 'unreachable',
          reason: 'timeout',
          message: `no answer within ${timeoutMs} ms`,
          latencyMs,
        }
      return {
        kind: 'answered',
        status: 200,
        contentType: 'application/json',
        body: value,
        json: true,
        latencyMs,
      }
    } catch (error) {
      const latencyMs = performance.now() - started
      const outcome = errorOutcome(error)
      return {
        kind: 'answered',
        status: outcome.status,
        contentType: 'application/json',
        body:
          outcome.kind === 'rejected'
            ? { message: outcome.message, errors: outcome.problems }
            : { message: outcome.message },
        json: true,
        latencyMs,
      }
    } finally {
      clearTimeout(timer)
    }
  }
  return {
    kind,
    description,
    wire: false,
    request: () => undefined,
    send,
    preflight: () => Promise.resolve(),
    close: () => Promise.resolve(),
  }
}

function isListenable(value: unknown): value is ListenableApp {
  return typeof value === 'function' && typeof (value as { listen?: unknown }).listen === 'function'
}

/**
 * Resolves what the user passed as a target.
 *
 * @throws {VerifyError} `verify.target` when the target is neither a URL, `mock`, a model, an app nor a function.
 */
export async function resolveTarget(
  contract: Contract,
  target: VerifyTarget,
  options: TargetOptions,
): Promise<Target> {
  if (target === 'mock') {
    // The stand-in's injected latency and faults are off: the contract tests then judge the
    // contract and its stand-in, deterministically, in engineering CI.
    // Loaded on demand: a run against a URL never compiles the stand-in's output generator.
    const { createMock } = await import('../mock/index.js')
    const mock = createMock(contract, {
      seed: options.seed,
      errorRate: 0,
      latency: 'none',
    })
    return inProcessTarget('mock', 'mock', (input) => mock.predict(input), options.timeoutMs)
  }
  if (typeof target === 'string') {
    const url = targetUrl(target)
    // user:pass@ travels as a Basic authorization header (unless one is given), and the URL
    // is printed with its password masked: node:http would neither send nor hide it.
    const split = splitCredentials(url)
    const given = Object.keys(options.headers).some((k) => k.toLowerCase() === 'authorization')
    const headers =
      split.authorization === undefined || given
        ? options.headers
        : { ...options.headers, authorization: split.authorization }
    return {
      ...urlTarget(
        contract,
        split.url,
        { ...options, headers },
        'url',
        undefined,
        redactedUrl(url),
      ),
      secrets: split.secrets,
    }
  }
  if (isListenable(target)) {
    const server = await new Promise<Server>((resolve) => {
      const s = target.listen(0, '127.0.0.1', () => resolve(s))
    })
    const { port } = server.address() as AddressInfo
    return urlTarget(
      contract,
      new URL(`http://127.0.0.1:${port}`),
      options,
      'app',
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections()
          server.close(() => resolve())
        }),
    )
  }
  if (typeof target === 'function')
    return inProcessTarget('function', 'function', target, options.timeoutMs)
  if (typeof target === 'object' && target !== null && typeof target.predict === 'function') {
    const model = target
    const isMock = (model as { contract?: unknown }).contract !== undefined
    return inProcessTarget(
      isMock ? 'mock' : 'function',
      isMock ? 'mock' : 'model',
      (input) => model.predict(input),
      options.timeoutMs,
    )
  }
  throw new VerifyError(
    'verify.target',
    'the target must be a URL, "mock", a model with predict(), an express app or a function.',
  )
}
