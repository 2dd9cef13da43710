/** The registry's HTTP client: one typed method per endpoint of the API. */
export { createRegistryClient, DEFAULT_REGISTRY_URL } from './create-registry-client.js'
export type { RegistryClient, RegistryClientOptions } from './create-registry-client.js'
export { RegistryClientError } from './registry-client-error.js'
export { bundleContract } from './bundle-contract.js'
export type { BundledContract } from './bundle-contract.js'
