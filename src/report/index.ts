/**
 * Reports of a verify run, all from one `VerifyResult`: `console`, `json:FILE`, `junit:FILE`,
 * `html:FILE`, in a registry keyed by name. The only door other folders use.
 */
export { reporters, parseReporters, startReporters } from './reporters.js'
export type { ReporterChoice } from './reporters.js'
export type { Reporter, ReportIO, ReportSink } from './reporter-types.js'
export { writeReport } from './reporter-types.js'
export { renderConsole } from './console-reporter.js'
export { renderJson } from './json-reporter.js'
export { renderJunit, xmlEscape } from './junit-reporter.js'
export { renderHtml, chartJsSource } from './html-reporter.js'
export { htmlEscape, scriptJson } from './html-escape.js'
