/**
 * The node:http adapter, the fast path `standin serve` runs: binds 127.0.0.1 by default, sets
 * header and request timeouts so a slow client cannot hold a connection, can swap its contracts
 * while running (`--watch`), and closes cleanly (held requests are ended, idle keep-alive
 * connections closed).
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { StandinError } from '../errors.js'
import { listenFailure } from '../listen-failure.js'
import type { Contract } from '../contract/index.js'
import { standinVersion } from '../version.js'
import { hostGuard, isLoopback } from './check-host.js'
import { createHandler } from './create-handler.js'
import { nodeListener } from './node-listener.js'
import type { Handler, ServeOptions } from './serve-types.js'

/** Options of `startServer`. */
export interface StartServerOptions extends ServeOptions {
  /** Port; 0 picks a free one (default 4010). */
  readonly port?: number
  /** Interface to bind (default 127.0.0.1: only this machine can connect). */
  readonly host?: string
  /** Time a client has to send the request headers, ms (default 10000). */
  readonly headersTimeoutMs?: number
  /** Time a client has to send the whole request, ms (default 30000). */
  readonly requestTimeoutMs?: number
  /** Idle keep-alive connections close after this many ms (default 5000). */
  readonly keepAliveTimeoutMs?: number
  /**
   * Bound to loopback, the server answers only requests whose Host is localhost (or a subdomain),
   * an IP address, or one of these names (`my-box`, or `my-box:4010` for one port): a guard
   * against DNS rebinding. Ignored when bound to another interface.
   */
  readonly allowedHosts?: readonly string[]
}

/** A running stand-in server. */
export interface StandinServer {
  /** `http://host:port`. */
  readonly url: string
  readonly host: string
  /** The port bound (the chosen one when `port` was 0). */
  readonly port: number
  /** The routes served, `METHOD /path`. */
  readonly routes: () => readonly string[]
  /** The node:http server. */
  readonly server: Server
  /** Serves new contracts from now on (in-flight requests finish on the old ones). */
  readonly reload: (contracts: readonly Contract[]) => void
  /** Stops listening, ends held requests and closes every connection. */
  readonly close: () => Promise<void>
}

/**
 * Serves stand-ins for contracts over node:http.
 *
 * @example
 * const server = await startServer([contract], { port: 0, seed: 7 })
 * await fetch(`${server.url}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
 * await server.close()
 *
 * @throws {StandinError} `serve.port-in-use` when the port is taken, `serve.listen` when it
 * cannot bind; the errors of `createHandler` for bad contracts or options.
 */
export async function startServer(
  contracts: readonly Contract[],
  options: StartServerOptions = {},
): Promise<StandinServer> {
  const host = options.host ?? '127.0.0.1'
  const server = { name: 'standin', version: standinVersion() }
  // The guard learns the bound host:port once listening (no request arrives before that).
  let guard = hostGuard(options.allowedHosts ?? [])
  const hostCheck = isLoopback(host)
    ? { allows: (value: string | undefined) => guard(value), bound: host }
    : undefined
  const make = (next: readonly Contract[]): Handler =>
    createHandler(next, { ...options, server, ...(hostCheck ? { hostCheck } : {}) })
  let handler: Handler = make(contracts)
  const pending = new Set<AbortController>()
  const http = createServer(
    {
      headersTimeout: options.headersTimeoutMs ?? 10_000,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 5000,
      // How often node checks the two timeouts above (its default, 30 s, lets a slow client linger).
      connectionsCheckingInterval: 1000,
    },
    nodeListener(() => handler, handler.bodyLimit, pending),
  )
  answerOddRequests(http, () => handler)
  await listen(http, host, options.port ?? 4010)
  const port = (http.address() as AddressInfo).port
  const shownHost = host.includes(':') ? `[${host}]` : host
  guard = hostGuard([...(options.allowedHosts ?? []), `${shownHost}:${port}`])
  return {
    url: `http://${shownHost}:${port}`,
    host,
    port,
    server: http,
    routes: () => handler.routes,
    reload(next) {
      handler = make(next)
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const controller of pending) controller.abort()
        http.close(() => resolve())
        http.closeIdleConnections()
        setTimeout(() => http.closeAllConnections(), 200).unref()
      }),
  }
}

/**
 * What never reaches the request listener: a malformed or too slow request (400 or 408, then the
 * socket closed) and CONNECT (405, in the protocol's shape).
 */
function answerOddRequests(http: Server, handler: () => Handler): void {
  // A malformed request line or header gets a 400, a client too slow to send its headers or its
  // body a 408; either way the socket is closed (node's defaults, answered as plain text).
  http.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    const status =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request'
    // Destroyed once the answer is out: a client that never closes its side (a slowloris
    // still dripping) must not keep a half-open socket.
    if (socket.writable)
      socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`, () =>
        socket.destroy(),
      )
    else socket.destroy()
  })
  // CONNECT (a proxy tunnel) never reaches the request listener: answer it 405 rather than
  // drop the socket without a word.
  http.on('connect', (req, socket) => {
    const answer = handler().respond({
      method: 'CONNECT',
      url: req.url ?? '/',
      headers: req.headers,
    })
    if (answer instanceof Promise) return socket.destroy()
    const head = Object.entries({ ...answer.headers, connection: 'close' })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')
    socket.end(
      `HTTP/1.1 ${answer.status} Method Not Allowed\r\n${head}content-length: ${Buffer.byteLength(answer.body)}\r\n\r\n${answer.body}`,
    )
  })
}

/** Listens on `host:port`, with the two errors a user can fix said plainly. */
function listen(http: Server, host: string, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        new StandinError(
          error.code === 'EADDRINUSE' ? 'serve.port-in-use' : 'serve.listen',
          listenFailure(host, port, error),
        ),
      )
    }
    http.once('error', onError)
    http.listen(port, host, () => {
      http.off('error', onError)
      resolve()
    })
  })
}
