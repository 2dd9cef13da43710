/**
 * The reporter registry, keyed by the `--reporter` name (as vitest keys its `ReportersMap`), and
 * the parsing of `--reporter name[:FILE]` values: several reporters at once, every FILE checked
 * writable before any traffic is sent.
 */
import { accessSync, constants, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { StandinError } from '../errors.js'
import { consoleReporter } from './console-reporter.js'
import { htmlReporter } from './html-reporter.js'
import { jsonReporter } from './json-reporter.js'
import { junitReporter } from './junit-reporter.js'
import type { Reporter, ReportIO, ReportSink } from './reporter-types.js'

/** Every reporter, by name. */
export const reporters: Readonly<Record<string, Reporter>> = {
  console: consoleReporter,
  json: jsonReporter,
  junit: junitReporter,
  html: htmlReporter,
}

/** A parsed `--reporter` value. */
export interface ReporterChoice {
  readonly reporter: Reporter
  /** Absolute output path, for reporters that write a file. */
  readonly file?: string
}

function problem(spec: string, message: string): StandinError {
  return new StandinError('report.invalid', `--reporter ${spec}: ${message}`)
}

/** Throws unless `file` can be written (its folder exists and is writable; it is not a folder). */
export function assertWritable(spec: string, file: string): void {
  try {
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory() === true)
      throw problem(spec, `${file} is a folder. Name a file.`)
    const exists = statSync(file, { throwIfNoEntry: false }) !== undefined
    accessSync(exists ? file : dirname(file), constants.W_OK)
  } catch (error) {
    if (error instanceof StandinError) throw error
    const code = (error as { code?: string }).code ?? 'error'
    throw problem(
      spec,
      code === 'ENOENT'
        ? `the folder ${dirname(file)} does not exist. Create it or write elsewhere.`
        : `cannot write ${file} (${code}). Choose a writable path.`,
    )
  }
}

/**
 * Parses `--reporter` values (`console`, `json:FILE`, `junit:FILE`, `html:FILE`); the default is
 * `console`. Paths resolve against `cwd` and are checked writable now; `-` as FILE is standard
 * output (then the console reporter, which prints there too, cannot be chosen).
 *
 * @example
 * parseReporters(['console', 'junit:reports/junit.xml'], process.cwd())
 *
 * @throws {StandinError} `report.invalid`: an unknown name, a missing or unwritable FILE.
 */
export function parseReporters(specs: readonly string[], cwd: string): ReporterChoice[] {
  const list = specs.length === 0 ? ['console'] : specs
  const choices = list.map((spec) => {
    const colon = spec.indexOf(':')
    const name = colon === -1 ? spec : spec.slice(0, colon)
    const path = colon === -1 ? undefined : spec.slice(colon + 1)
    const reporter = reporters[name]
    if (!reporter)
      throw problem(
        spec,
        `unknown reporter '${name}'. Use one of ${Object.values(reporters)
          .map((r) => (r.file === 'none' ? r.name : `${r.name}:FILE`))
          .join(', ')}.`,
      )
    if (reporter.file === 'none') {
      if (path !== undefined)
        throw problem(spec, `the ${name} reporter prints to the terminal and takes no FILE.`)
      return { reporter }
    }
    if (path === undefined || path === '')
      throw problem(
        spec,
        `the ${name} reporter needs a file: ${name}:FILE (or ${name}:- for standard output).`,
      )
    if (path === '-') return { reporter, file: '-' }
    const file = resolve(cwd, path)
    assertWritable(spec, file)
    return { reporter, file }
  })
  // One report per stream: standard output takes the console report or one `name:-`.
  const toStdout = choices.filter((c) => c.file === '-' || c.reporter.file === 'none')
  if (toStdout.length > 1)
    throw new StandinError(
      'report.invalid',
      `--reporter: ${toStdout.map((c) => (c.file === '-' ? `${c.reporter.name}:-` : c.reporter.name)).join(' and ')} would all print to standard output. Keep one; write the others to files.`,
    )
  // One report per file: a second reporter on the same path would write over the first.
  const byFile = new Map<string, string>()
  for (const [i, c] of choices.entries()) {
    if (c.file === undefined || c.file === '-') continue
    const earlier = byFile.get(c.file)
    if (earlier !== undefined)
      throw new StandinError(
        'report.invalid',
        `--reporter: ${earlier} and ${list[i] ?? ''} would write the same file, the second over the first. Give each report its own file.`,
      )
    byFile.set(c.file, list[i] ?? '')
  }
  return choices
}

/** Starts every chosen reporter for one run. */
export function startReporters(choices: readonly ReporterChoice[], io: ReportIO): ReportSink {
  const sinks = choices.map((c) => c.reporter.create(io, c.file))
  return {
    progress: (done, total) => sinks.forEach((s) => s.progress?.(done, total)),
    finish: async (result) => {
      for (const s of sinks) await s.finish(result)
    },
  }
}
