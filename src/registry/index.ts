/**
 * The contract registry: its API types, the HTTP client over the API and the page renderers.
 * The only door other folders use.
 */
export type * from './api-types.js'
export {
  bundleContract,
  createRegistryClient,
  DEFAULT_REGISTRY_URL,
  RegistryClientError,
} from './client/index.js'
export type { BundledContract, RegistryClient, RegistryClientOptions } from './client/index.js'
export {
  renderCanSwapPage,
  renderContractPage,
  renderOverviewPage,
  renderVerificationPage,
} from './page/index.js'
