/**
 * Writing a file a user named (a report, a recording, an --out file), and why it failed in words:
 * a full disk, no permission, a folder in the way. Every command that writes says the same.
 */
import { writeFile } from 'node:fs/promises'
import { StandinError } from './errors.js'

/** Why a write failed, in words, with the code: `the disk is full, ENOSPC`. */
export function writeFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code
  const why =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'the file system is read-only'
          : code === 'EISDIR'
            ? 'it is a folder'
            : code === 'ENOENT' || code === 'ENOTDIR'
              ? 'its folder does not exist'
              : undefined
  if (why !== undefined) return `${why}, ${code}`
  return code ?? (error instanceof Error ? error.message : String(error))
}

/** How a failed write is told: the file as the user wrote it, what to check, and who says it. */
export interface WriteTelling {
  readonly shown: string
  readonly hint: string
  /** `standin export`: the message starts `standin export: `. */
  readonly who?: string
}

/**
 * Writes `text` to `path`, or throws a `cli.output` StandinError that names the file as the user
 * wrote it, why, and what to check.
 *
 * @example
 * await writeTextFile('/tmp/x/report.json', text, { shown: 'reports/report.json', hint: 'Check the --reporter path.' })
 * // StandinError: cannot write reports/report.json (the disk is full, ENOSPC). Check the --reporter path.
 */
export async function writeTextFile(
  path: string,
  text: string,
  telling: WriteTelling,
): Promise<void> {
  try {
    await writeFile(path, text)
  } catch (error) {
    const who = telling.who === undefined ? '' : `${telling.who}: `
    throw new StandinError(
      'cli.output',
      `${who}cannot write ${telling.shown} (${writeFailure(error)}). ${telling.hint}`,
    )
  }
}
