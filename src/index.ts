/// <reference types="node" preserve="true" />
/**
 * standin's public API: the one entry users import. Named exports grouped by capability; types
 * via `export type`. Each capability's folder has its own `index.ts`, the only door used here.
 *
 * The reference above keeps Node's types (`node:http` servers and requests in the declarations
 * of startServer, createMockApp and verify) in a consumer's program whatever its `types` list.
 */

// --- errors ---
export { StandinError, formatProblem, isStandinError } from './errors.js'
export type { Problem, Severity } from './errors.js'

// --- contract ---
export {
  loadContract,
  loadContracts,
  lintContracts,
  diffContracts,
  createAjv,
  ContractError,
  contractFormatSchema,
} from './contract/index.js'
export type {
  BehaviourCheck,
  Contract,
  ContractChange,
  ContractDiff,
  ContractExample,
  ContractChecks,
  ContractTypes,
  DistributionCheck,
  Expectation,
  JsonSchema,
  LatencyCheck,
  LintOptions,
  LintReport,
  LintedContract,
  LoadOptions,
  Millis,
  MockDefaults,
  PartialOutput,
  Perturbation,
  ProtocolName,
  SchemaDraft,
  ValidateFn,
} from './contract/index.js'

// --- generate ---
export {
  compileGenerator,
  compileContractGenerators,
  outputFor,
  sampleContract,
  createRng,
  canonicalJson,
  seedFor,
  UnsatisfiableSchemaError,
} from './generate/index.js'
export type {
  ContractGenerators,
  GenerateContext,
  Generator,
  GeneratorOptions,
  Rng,
  SampleOptions,
} from './generate/index.js'

// --- mock ---
export {
  createMock,
  createFaults,
  parseLatency,
  InputValidationError,
  InjectedFaultError,
  errorOutcome,
} from './mock/index.js'
export type {
  MockModel,
  MockOptions,
  Faults,
  Latency,
  LatencySpec,
  ErrorOutcome,
} from './mock/index.js'

// --- protocol ---
export {
  getProtocol,
  protocols,
  modelMetadata,
  tensorSpecs,
  protocolProbes,
  standinHeader,
} from './protocol/index.js'
export type {
  WireProtocol,
  EncodedRequest,
  DecodedResponse,
  CompiledProtocol,
  DecodeResult,
  DecodedBatch,
  ProtocolRoute,
  ServeFailure,
  TensorSpec,
  ProtocolProbe,
  Violation,
} from './protocol/index.js'

// --- serve ---
export {
  createHandler,
  startServer,
  createMockApp,
  createMockRouter,
  mswHandlers,
  nockModel,
  scenarios,
  defaultBodyLimit,
} from './serve/index.js'
export type {
  CoreRequest,
  CoreResponse,
  Handler,
  ServeOptions,
  StandinServer,
  StartServerOptions,
  MswOptions,
  MockApp,
  MockRouter,
} from './serve/index.js'

// --- verify ---
export { verify, contractTests, VerifyError, checkKinds } from './verify/index.js'
export type {
  VerifyOptions,
  VerifyResult,
  VerifyTarget,
  PredictingModel,
  ListenableApp,
  CheckKind,
  CheckResult,
  CaseKind,
  CaseResult,
  CaseVerdict,
  Exchange,
  LatencySummary,
  LoadSummary,
  Status,
  TestApi,
  WireRequest,
} from './verify/index.js'

// --- report ---
export {
  reporters,
  parseReporters,
  startReporters,
  renderConsole,
  renderJson,
  renderJunit,
  renderHtml,
} from './report/index.js'
export type { Reporter, ReporterChoice, ReportIO, ReportSink } from './report/index.js'

// --- types ---
export { generateTypes } from './types/index.js'

// --- cli ---
export { main } from './cli/main.js'
export type { CliIO } from './cli/command.js'
