/// <reference types="node" preserve="true" />
/**
 * standin's public API: the one entry users import. Named exports grouped by capability; types
 * via `export type`. Each capability's folder has its own `index.ts`, the only door used here.
 *
 * The reference above keeps Node's types (`node:http` servers and requests in the declarations
 * of startServer, createMockApp and verify) in a consumer's program whatever its `types` list.
 */

// --- errors ---
export {
  StandinError,
  formatProblem,
  isStandinError,
  PROBLEM_CODES,
  isProblemCode,
} from './errors.js'
export type { CustomCode, Problem, ProblemCode, Severity } from './errors.js'

// --- contract ---
export {
  loadContract,
  loadContracts,
  createAjv,
  ContractError,
  contractFormatSchema,
} from './contract/index.js'
export { lintContracts } from './lint/index.js'
export { diffContracts } from './diff/index.js'
export type {
  BehaviourCheck,
  Contract,
  ContractExample,
  ChatSettings,
  ContractChecks,
  CompareChecks,
  DriftChecks,
  ContractTypes,
  DistributionCheck,
  Expectation,
  JsonSchema,
  LatencyCheck,
  LoadOptions,
  RegistryLoadOptions,
  Millis,
  MockDefaults,
  PartialOutput,
  Perturbation,
  ProtocolName,
  SchemaDraft,
  ValidateFn,
} from './contract/index.js'
export type { ContractChange, ContractDiff } from './diff/index.js'
export type { LintOptions, LintReport, LintedContract } from './lint/index.js'

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
  InputViolation,
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
export { verify, contractTests, VerifyError, checkKinds, waitUntilReady } from './verify/index.js'
export type {
  VerifyOptions,
  WaitOptions,
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

// --- interop ---
export {
  importMlflow,
  importKserveV2,
  importOpenApi,
  listOpenApiOperations,
  exportOpenApi,
} from './interop/index.js'
export type {
  ExportOpenApiOptions,
  ImportKserveV2Options,
  ImportMlflowOptions,
  ImportNote,
  ImportOpenApiOptions,
  ImportResult,
  InteropErrorCode,
  OpenApiOperation,
} from './interop/index.js'

// --- recording (traffic recordings and datasets of real inputs) ---
export { createRecorder, readRecording, readInputs, maskPointers } from './recording/index.js'
export type {
  Recorder,
  RecorderOptions,
  RecordedExchange,
  RecordingHeader,
  Violation,
  InputRow,
} from './recording/index.js'

// --- traffic (after the swap: proxy, compare, drift, summary) ---
export {
  startProxy,
  compare,
  driftOf,
  summariseSources,
  summaryReport,
  mergeSummary,
} from './traffic/index.js'
export type {
  ProxyOptions,
  RunningProxy,
  CompareOptions,
  CompareResult,
  CompareThresholds,
  DriftResult,
  DriftThresholds,
  SummaryReport,
  TrafficSummary,
} from './traffic/index.js'

// --- registry (the contract registry and its swap gate, and the client over its API) ---
export {
  createRegistryClient,
  RegistryClientError,
  bundleContract,
  digestOf,
  startRegistry,
  openStore,
} from './registry/index.js'
export type {
  RegistryClient,
  RegistryClientOptions,
  RegistryServer,
  RegistryServerOptions,
  Store,
  StoreLocation,
  BundledContract,
  RegistryRole,
  Health,
  PublishRequest,
  PublishResult,
  ContractSummary,
  ContractDetail,
  ContractVersion,
  VersionDiff,
  ConsumerRequest,
  Consumer,
  VerificationRequest,
  Verification,
  ApprovalRequest,
  Approval,
  CanSwap,
  CanSwapRow,
  AuditEntry,
} from './registry/index.js'

// --- types ---
export { generateTypes } from './types/index.js'

// --- cli ---
export { main } from './cli/index.js'
export type { CliIO } from './cli/index.js'
