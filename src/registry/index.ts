/**
 * The contract registry: storage (PGlite embedded, PostgreSQL), the HTTP API, the page and the
 * can-swap gate; the HTTP client over the API and the page renderers. The only door other
 * folders use.
 */
export type * from './api-types.js'
export { startRegistry } from './server/start-registry.js'
export type { RegistryServer, RegistryServerOptions } from './server/start-registry.js'
export { openStore, describeLocation, defaultDataFolder } from './store/open-store.js'
export type { Store } from './store/store.js'
export type { StoreLocation } from './store/open-store.js'
export { DatabaseUnavailableError, hasPassword, hidePassword } from './store/database.js'
export { openApiDocument } from './openapi.js'
export { digestOf } from './contract-digest.js'
export { bundleContract, createRegistryClient, RegistryClientError } from './client/index.js'
export type { BundledContract, RegistryClient, RegistryClientOptions } from './client/index.js'
export {
  renderCanSwapPage,
  renderContractPage,
  renderOverviewPage,
  renderVerificationPage,
} from './page/index.js'
