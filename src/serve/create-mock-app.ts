/**
 * The express adapter: a router to mount in an app (paths it does not serve go on to the next
 * handler), or a whole app (for supertest or `listen()`) that answers every path itself.
 */
import type expressType from 'express'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Contract } from '../contract/index.js'
import { standinVersion } from '../version.js'
import { createHandler } from './create-handler.js'
import { loadPeer } from './load-peer.js'
import { nodeListener } from './node-listener.js'
import type { ServeOptions } from './serve-types.js'

/**
 * An express router as standin's declarations show it: a request handler to mount with
 * `app.use(...)`. Typed without express's types, so a project needs no `@types/express` to
 * compile against standin; at run time it is the real express router of the project's express.
 */
export interface MockRouter {
  (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void
}

/**
 * An express app as standin's declarations show it: a request listener for `http.createServer`
 * or supertest, with `listen`. At run time it is the real express app of the project's express.
 */
export interface MockApp {
  (req: IncomingMessage, res: ServerResponse): void
  listen(port?: number, hostname?: string, callback?: () => void): Server
  listen(port?: number, callback?: () => void): Server
}

function coreFor(contracts: readonly Contract[], options: ServeOptions) {
  return createHandler(contracts, {
    ...options,
    server: { name: 'standin', version: standinVersion() },
  })
}

/**
 * An express router serving stand-ins for contracts; mount it anywhere (`app.use('/models', router)`).
 * Requests for paths it does not serve go on to the next handler.
 *
 * @example
 * const app = express()
 * app.use('/ml', createMockRouter([contract], { seed: 7 }))
 *
 * @throws {StandinError} when an output schema cannot be generated or an option is invalid.
 */
export function createMockRouter(
  contracts: readonly Contract[],
  options: ServeOptions = {},
): MockRouter {
  const handler = coreFor(contracts, options)
  const router = loadPeer<typeof expressType>('express').Router()
  router.use(nodeListener(() => handler, handler.bodyLimit))
  return router as unknown as MockRouter
}

/**
 * An express app serving stand-ins for contracts; unknown paths get a 404 listing the routes.
 *
 * @example
 * const app = createMockApp([contract], { seed: 7 })
 * await request(app).post('/predict').send(input).expect(200)
 *
 * @throws {StandinError} when an output schema cannot be generated or an option is invalid.
 */
export function createMockApp(contracts: readonly Contract[], options: ServeOptions = {}): MockApp {
  const handler = coreFor(contracts, options)
  const app = loadPeer<typeof expressType>('express')()
  app.disable('x-powered-by')
  const listener = nodeListener(() => handler, handler.bodyLimit)
  app.use((req, res) => listener(req, res))
  return app
}
