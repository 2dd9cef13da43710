/**
 * Writes a traffic result with the reporters `--reporter` chose (the same names and files as
 * verify's: console, json:FILE, junit:FILE, html:FILE; `-` is standard output).
 */
import { writeReport, type ReportIO, type ReporterChoice } from '../report/index.js'
import { renderTrafficHtml } from './render-html.js'
import { renderTrafficJunit, renderTrafficText } from './render-text.js'
import type { TrafficResult } from './render-text.js'

const renderers: Readonly<Record<string, (result: TrafficResult) => string>> = {
  console: renderTrafficText,
  json: (result) => `${JSON.stringify(result, null, 2)}\n`,
  junit: renderTrafficJunit,
  html: renderTrafficHtml,
}

/** Writes `result` once per reporter chosen. */
export async function writeTrafficReports(
  result: TrafficResult,
  choices: readonly ReporterChoice[],
  io: ReportIO,
): Promise<void> {
  for (const choice of choices) {
    const render = renderers[choice.reporter.name] ?? renderTrafficText
    const text = render(result)
    if (choice.file === undefined || choice.file === '-') io.stdout(text)
    else await writeReport(io, choice.file, text)
  }
}
