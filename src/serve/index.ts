/**
 * Serving the stand-in: one framework-free handler core and its adapters (node:http, express,
 * msw, nock), which all answer identically.
 */
export { createHandler } from './create-handler.js'
export { scenarios } from './answer-infer.js'
export { startServer } from './start-server.js'
export { isLoopback } from './check-host.js'
export type { StandinServer, StartServerOptions } from './start-server.js'
export { createMockApp, createMockRouter } from './create-mock-app.js'
export type { MockApp, MockRouter } from './create-mock-app.js'
export { mswHandlers } from './msw-handlers.js'
export type { MswOptions } from './msw-handlers.js'
export { nockModel } from './nock-model.js'
export { defaultBodyLimit } from './serve-types.js'
export type { CoreRequest, CoreResponse, Handler, ServeOptions } from './serve-types.js'
