/**
 * The registry's pages: pure functions from the API's types to a whole HTML document, with no
 * script and every value escaped. The server's page routes call them.
 */
export { renderOverviewPage } from './render-overview-page.js'
export { renderContractPage } from './render-contract-page.js'
export { renderVerificationPage } from './render-verification-page.js'
export { renderCanSwapPage } from './render-can-swap-page.js'
