/**
 * Contract tests: plan seeded cases from a contract, send them to a target (a URL, the stand-in,
 * an express app, a function), and judge conformance, streaming, rejection, examples, invariance,
 * directional, distribution, failure rate, latency, token latency and load. The only door other folders use.
 */
export { verify } from './verify.js'
export { waitUntilReady } from './wait-until-ready.js'
export type { WaitOptions } from './wait-until-ready.js'
export type { VerifyOptions } from './verify.js'
export { contractTests } from './contract-tests.js'
export type { TestApi } from './contract-tests.js'
export { VerifyError } from './verify-error.js'
export { checkKinds } from './result-types.js'
export type {
  CaseKind,
  CaseResult,
  CaseVerdict,
  CheckKind,
  CheckResult,
  Exchange,
  LatencySummary,
  LoadSummary,
  Status,
  VerifyResult,
  WireRequest,
} from './result-types.js'
export type { VerifyTarget, PredictingModel, ListenableApp } from './resolve-target.js'
export { chiSquareSurvival } from './stats.js'
export { createHttpClient } from './send-http.js'
