/** The shape of a reporter: one entry of the `reporters` registry, keyed by its `--reporter` name. */
import { writeTextFile } from '../write-text-file.js'
import type { VerifyResult } from '../verify/index.js'

/** Where a reporter prints (the CLI's IO, or a test's). */
export interface ReportIO {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  /** True when stdout is a terminal: colours and a progress bar. */
  readonly isTTY: boolean
  readonly env: Readonly<Record<string, string | undefined>>
  /** `--color` / `--no-color` when given: overrides the environment (src/colour.ts). */
  readonly color?: boolean
}

/**
 * Writes a report to `file`, or to standard output when `file` is `-`.
 *
 * @throws {StandinError} `cli.output` when the file cannot be written (a full disk, no permission).
 */
export async function writeReport(io: ReportIO, file: string, text: string): Promise<void> {
  if (file === '-') io.stdout(text.endsWith('\n') ? text : `${text}\n`)
  else
    await writeTextFile(file, text, {
      shown: file,
      hint: 'Check the --reporter path, and that the disk has room.',
    })
}

/** A reporter for one run. */
export interface ReportSink {
  /** Called after each case (console progress bar). */
  readonly progress?: (done: number, total: number) => void
  /** Writes the report of the finished run. */
  readonly finish: (result: VerifyResult) => Promise<void>
}

/** A registered reporter. */
export interface Reporter {
  /** The `--reporter` name, for example `junit`. */
  readonly name: string
  /** One line for `--help`. */
  readonly description: string
  /** `required`: `name:FILE`; `none`: prints to the terminal. */
  readonly file: 'required' | 'none'
  /** Starts a report; `file` is the absolute output path when the reporter writes one. */
  readonly create: (io: ReportIO, file: string | undefined) => ReportSink
}
