/**
 * An output must never be one of the command's own inputs: `verify c.yaml -r json:c.yaml`,
 * `summary traffic.jsonl --out traffic.jsonl` and `export openapi c.yaml --out c.yaml` wrote a
 * report over the contract or the recording they had just read. Files are compared by what they
 * are on disk (device and inode: a link or another spelling of the path is the same file).
 */
import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { usageError } from './flags.js'
import type { ReporterChoice } from '../report/index.js'

/** An output a command is about to write: the flag as the user gave it, and the path. */
export interface Output {
  readonly flag: string
  readonly path: string
}

/** What identifies a file: its device and inode when it exists, else its resolved path. */
function identity(path: string): string {
  try {
    const stat = statSync(path, { throwIfNoEntry: false })
    if (stat) return `${stat.dev}:${stat.ino}`
  } catch {
    // A path through a file (ENOTDIR), or one this user may not look at: known by its spelling.
  }
  return resolve(path)
}

/**
 * Refuses, before anything is written, an output that is one of `inputs`, or the file of an
 * output before it.
 *
 * @throws {StandinError} `cli.usage`: which flag, which input, what to do
 */
export function refuseOverwritingInputs(
  command: string,
  outputs: readonly Output[],
  inputs: readonly (string | undefined)[],
): void {
  const read = new Map<string, string>()
  for (const input of inputs)
    if (input !== undefined && input !== '-') read.set(identity(input), input)
  const written = new Map<string, string>()
  for (const output of outputs) {
    if (output.path === '-') continue
    const id = identity(output.path)
    const input = read.get(id)
    if (input !== undefined)
      throw usageError(
        command,
        `${output.flag} would write over ${input}, which this command reads. Write it to another file.`,
      )
    const earlier = written.get(id)
    if (earlier !== undefined)
      throw usageError(
        command,
        `${earlier} and ${output.flag} would write the same file, the second over the first. Give each its own file.`,
      )
    written.set(id, output.flag)
  }
}

/** The files `--reporter` specs write (the choices `parseReporters` made of them, in order). */
export function reporterOutputs(
  specs: readonly string[],
  choices: readonly ReporterChoice[],
  fileOf: (file: string) => string = (file) => file,
): Output[] {
  return choices.flatMap((choice, i) =>
    choice.file === undefined
      ? []
      : [{ flag: `--reporter ${specs[i] ?? ''}`, path: fileOf(choice.file) }],
  )
}
