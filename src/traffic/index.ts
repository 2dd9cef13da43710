/**
 * After the swap: the validating proxy, summaries of recorded traffic (mergeable, bounded
 * memory), champion-vs-challenger comparison and drift, with their statistics and reports. The
 * only door other folders use.
 */
export { startProxy, violationsHeader } from './proxy.js'
export type { ProxyOptions, RunningProxy } from './proxy.js'
export { checkAnswer, checkRequest } from './validate-exchange.js'
export { createSummariser, emptySummary, mergeSummary } from './summarise.js'
export type { Summariser } from './summarise.js'
export { summariseSources, sourceKind } from './summarise-sources.js'
export type { SourceFile, SourceKind, SummariseOptions } from './summarise-sources.js'
export type { CategoryField, FieldSummary, NumberField, TrafficSummary } from './summary-types.js'
export { summaryReport } from './summary-report.js'
export type { PredictionSummary, SummaryReport } from './summary-report.js'
export { driftOf, fieldDrift } from './drift.js'
export type { DriftResult, FieldDrift } from './drift.js'
export { compare } from './compare.js'
export type { CompareOptions, CompareResult, FieldComparison, SideLatency } from './compare.js'
export type { CompareSide } from './compare-sources.js'
export { defaultMaxPsi, withOverrides } from './thresholds.js'
export type { CompareThresholds, DriftThresholds } from './thresholds.js'
export {
  chiSquareTwoSample,
  kolmogorovSurvival,
  ksOfSamples,
  ksPValue,
  ksTwoSample,
  psiOfCategories,
  psiOfCounts,
  psiOfSketches,
} from './statistics.js'
export type { TestResult } from './statistics.js'
export {
  addToSketch,
  mergeSketch,
  newSketch,
  sketchMean,
  sketchQuantile,
  sketchAccuracy,
} from '../sketch.js'
export type { Sketch } from '../sketch.js'
export { renderTrafficHtml } from './render-html.js'
export { renderTrafficJunit, renderTrafficText } from './render-text.js'
export type { TrafficResult } from './render-text.js'
export { writeTrafficReports } from './write-reports.js'
