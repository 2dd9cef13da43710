/**
 * After the swap: the validating proxy, summaries of recorded traffic (mergeable, bounded
 * memory), champion-vs-challenger comparison and drift, with their statistics and reports. The
 * only door other folders use.
 */
export { startProxy } from './proxy.js'
export type { ProxyOptions, RunningProxy } from './proxy.js'
export { mergeSummary } from './summarise.js'
export { summariseSources } from './summarise-sources.js'
export type { TrafficSummary } from './summary-types.js'
export { summaryReport } from './summary-report.js'
export type { SummaryReport } from './summary-report.js'
export { driftOf } from './drift.js'
export type { DriftResult } from './drift.js'
export { compare } from './compare.js'
export { shownUrl } from './compare-sources.js'
export type { CompareOptions, CompareResult } from './compare.js'
export { withOverrides } from './thresholds.js'
export type { CompareThresholds, DriftThresholds } from './thresholds.js'
export {
  chiSquareTwoSample,
  kolmogorovSurvival,
  ksOfSamples,
  ksTwoSample,
  psiOfCategories,
  psiOfCounts,
  psiOfSketches,
} from './statistics.js'
export { addToSketch, mergeSketch, newSketch, sketchQuantile } from '../sketch.js'
export type { Sketch } from '../sketch.js'
export { writeTrafficReports } from './write-reports.js'
