/**
 * The registry's HTTP server on node:http: routes the request, answers every refusal as
 * problem+json, a database that went away as 503, and anything unexpected as 500 (logged).
 * Binds 127.0.0.1 unless told otherwise.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DatabaseUnavailableError } from '../store/database.js'
import type { Store } from '../store/store.js'
import { allowRead } from './auth.js'
import { RequestAborted, sendProblem } from './http-io.js'
import { Refusal } from './refusal.js'
import { routes } from './routes.js'

/** Options of `startRegistry`. */
export interface RegistryServerOptions {
  readonly store: Store
  /** 0 picks a free port. Default 4400. */
  readonly port?: number
  /** Default 127.0.0.1. */
  readonly host?: string
  /** Where faults (bugs, not refusals) are written; default standard error. */
  readonly log?: (line: string) => void
}

/** A running registry. */
export interface RegistryServer {
  readonly url: string
  readonly port: number
  /** Stops accepting, ends open connections, resolves when closed (the store stays open). */
  readonly close: () => Promise<void>
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new Refusal(
      400,
      'registry.bad-request',
      `The path segment '${segment}' is not valid percent-encoding.`,
    )
  }
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  store: Store,
  log: (line: string) => void,
): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://registry')
    const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname
    const matching = routes.filter((r) => r.pattern.test(pathname))
    const method = req.method === 'HEAD' ? 'GET' : req.method
    const route = matching.find((r) => r.method === method)
    if (!route) {
      req.resume()
      if (matching.length > 0)
        throw new Refusal(
          405,
          'registry.not-found',
          `${req.method ?? ''} is not allowed on ${pathname}; use ${[...new Set(matching.map((r) => r.method))].join(', ')}.`,
          undefined,
          { allow: [...new Set(matching.map((r) => r.method))].join(', ') },
        )
      throw new Refusal(
        404,
        'registry.not-found',
        `No registry route at ${pathname}; see /api/openapi.json.`,
      )
    }
    if (route.read) await allowRead(req, store)
    const params = (route.pattern.exec(pathname) ?? []).slice(1).map(decode)
    await route.handle({ req, res, store, params, query: url.searchParams })
  } catch (error) {
    if (error instanceof RequestAborted || res.headersSent) {
      res.destroy()
      return
    }
    if (error instanceof Refusal) {
      if (error.status === 413) res.shouldKeepAlive = false
      sendProblem(res, error)
    } else if (error instanceof DatabaseUnavailableError)
      sendProblem(
        res,
        new Refusal(
          503,
          'registry.database-unavailable',
          `The registry's database is unavailable (${error.message}); nothing was written. Try again when it is back.`,
          undefined,
          { 'retry-after': '5' },
        ),
      )
    else {
      log(
        `standin registry: fault on ${req.method ?? ''} ${req.url ?? ''}: ${(error as Error).stack ?? String(error)}\n`,
      )
      sendProblem(
        res,
        new Refusal(
          500,
          'registry.internal-error',
          'The registry failed on this request (a bug in standin); it was logged.',
        ),
      )
    }
  }
}

/**
 * Starts the registry over `store`.
 *
 * @example
 * const registry = await startRegistry({ store: await openStore({ data: '.standin/registry' }), port: 0 })
 */
export function startRegistry(options: RegistryServerOptions): Promise<RegistryServer> {
  const log = options.log ?? ((line: string) => process.stderr.write(line))
  const server = createServer((req, res) => void answer(req, res, options.store, log))
  server.requestTimeout = 60_000
  server.headersTimeout = 20_000
  const host = options.host ?? '127.0.0.1'
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 4400, host, () => {
      server.off('error', reject)
      const { port } = server.address() as AddressInfo
      const shown = host.includes(':') ? `[${host}]` : host
      resolve({
        url: `http://${shown}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            server.closeAllConnections()
          }),
      })
    })
  })
}
