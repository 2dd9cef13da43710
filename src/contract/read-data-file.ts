import { readFile, stat } from 'node:fs/promises'
import { LineCounter, parseDocument } from 'yaml'
import type { Problem } from '../errors.js'

/** What reading one YAML or JSON file gave: the parsed data, or the problems that stopped it. */
export type ReadResult =
  | { readonly ok: true; readonly data: unknown }
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly fatal: boolean }

/**
 * Reads and parses a YAML or JSON file (`.json` with JSON.parse, anything else with YAML 1.2, a
 * superset of JSON). Syntax errors carry their line and column. `fatal` is true when the file
 * could not be read at all (missing, a folder, no permission): the command could not run.
 */
export async function readDataFile(path: string, file: string): Promise<ReadResult> {
  let text: string
  try {
    const info = await stat(path)
    if (info.isDirectory()) {
      return fatal(
        file,
        'contract.not-found',
        'is a folder, not a file',
        'Name a file, or use a command that takes folders.',
      )
    }
    if (!info.isFile()) {
      // A FIFO or a device would block a read forever.
      return fatal(
        file,
        'contract.unreadable',
        'cannot be read (not a regular file)',
        'Name a regular file.',
      )
    }
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return fatal(
        file,
        'contract.not-found',
        'file not found',
        'Check the path (contracts are usually contracts/<name>.contract.yaml).',
      )
    }
    if (code === 'EACCES' || code === 'EPERM')
      return fatal(
        file,
        'contract.unreadable',
        'cannot be read (permission denied)',
        'Check the file permissions.',
      )
    // Anything else says itself what went wrong (standin/browser's file system says it has none).
    const message = error instanceof Error ? error.message : String(error)
    return fatal(
      file,
      'contract.unreadable',
      `cannot be read: ${message}`,
      'Check that the file can be read where standin runs.',
    )
  }
  return parseText(text, file, /\.json$/i.test(path))
}

/** Parses YAML or JSON text; see `readDataFile`. */
export function parseText(text: string, file: string, json: boolean): ReadResult {
  if (json) {
    try {
      return { ok: true, data: JSON.parse(text) as unknown }
    } catch (error) {
      return { ok: false, fatal: false, problems: [jsonSyntaxProblem(text, file, error)] }
    }
  }
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length > 0) {
    const problems = doc.errors.slice(0, 10).map((error): Problem => {
      const { line, col } = lineCounter.linePos(error.pos[0])
      return {
        code: 'contract.syntax',
        severity: 'error',
        file,
        pointer: '',
        line,
        column: col,
        message: `YAML syntax error: ${firstLine(error.message)}`,
        hint: 'Fix the YAML there (quote strings that contain ": " or " #").',
      }
    })
    return { ok: false, fatal: false, problems }
  }
  try {
    return { ok: true, data: doc.toJS({ maxAliasCount: 1000 }) as unknown }
  } catch (error) {
    return {
      ok: false,
      fatal: false,
      problems: [
        {
          code: 'contract.syntax',
          severity: 'error',
          file,
          pointer: '',
          message: `YAML error: ${firstLine(error instanceof Error ? error.message : String(error))}`,
          hint: 'Use fewer YAML aliases, or write the values out.',
        },
      ],
    }
  }
}

function jsonSyntaxProblem(text: string, file: string, error: unknown): Problem {
  const message = error instanceof Error ? error.message : String(error)
  const position = /at position (\d+)/.exec(message)
  const offset = position ? Number(position[1]) : text.length
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  return {
    code: 'contract.syntax',
    severity: 'error',
    file,
    pointer: '',
    line,
    column,
    message: `JSON syntax error: ${message.replace(/ in JSON at position \d+.*$/s, '')}`,
    hint: 'Fix the JSON there (no trailing commas, keys in double quotes).',
  }
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim()
}

function fatal(file: string, code: string, message: string, hint: string): ReadResult {
  return {
    ok: false,
    fatal: true,
    problems: [{ code, severity: 'error', file, pointer: '', message, hint }],
  }
}
