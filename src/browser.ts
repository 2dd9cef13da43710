/**
 * standin in the browser (`standin/browser`): a contract held in memory, the stand-in model, and
 * msw handlers for a service worker. Shipped prebundled (scripts/bundle-browser.mjs): the file
 * system, node:http and the express and nock adapters are not there; msw is imported from the
 * application's own copy, so `setupWorker` from 'msw/browser' accepts the handlers.
 *
 * @example
 * import { setupWorker } from 'msw/browser'
 * import { loadContract, mswHandlers } from 'standin/browser'
 * import data from './contracts/transaction-classifier.contract.json'
 *
 * const contract = await loadContract(data)
 * await setupWorker(...mswHandlers(contract, { baseUrl: 'http://models.internal', seed: 7 })).start()
 */
export { StandinError, formatProblem, isStandinError } from './errors.js'
export type { Problem, Severity } from './errors.js'
export { loadContract, ContractError } from './contract/index.js'
export type {
  Contract,
  ContractExample,
  ContractTypes,
  JsonSchema,
  ProtocolName,
} from './contract/index.js'
export { sampleContract, createRng, seedFor } from './generate/index.js'
export type { SampleOptions } from './generate/index.js'
export { createMock, InputValidationError, InjectedFaultError } from './mock/index.js'
export type { MockModel, MockOptions } from './mock/index.js'
export { createHandler, mswHandlers, scenarios } from './serve/index.js'
export type { CoreRequest, CoreResponse, Handler, MswOptions, ServeOptions } from './serve/index.js'
