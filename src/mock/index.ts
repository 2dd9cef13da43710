/**
 * The stand-in model: a contract plus the generator plus example replay plus latency and
 * failure injection.
 */
export { createMock } from './create-mock.js'
export type { MockModel, MockOptions } from './create-mock.js'
export { createFaults } from './create-faults.js'
export type { Faults } from './create-faults.js'
export { parseLatency } from './parse-latency.js'
export type { Latency, LatencySpec } from './parse-latency.js'
export { InjectedFaultError, InputValidationError } from './mock-errors.js'
export { errorOutcome } from './error-outcome.js'
export type { ErrorOutcome } from './error-outcome.js'
