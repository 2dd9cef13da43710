import { LineCounter, parseDocument } from 'yaml'
import type { Problem } from '../errors.js'
import { readParsed, writeParsed } from './parsed-cache.js'
import { readTextFile } from './read-text-file.js'
import type { ReadLimits } from './read-text-file.js'

/** What reading one YAML or JSON file gave: the parsed data, or the problems that stopped it. */
export type ReadResult =
  | { readonly ok: true; readonly data: unknown }
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly fatal: boolean }

/** How `readDataFile` reads: where from, how much, and whether its messages may quote the file. */
export interface DataFileOptions extends ReadLimits {
  /**
   * True for a file the user named. Syntax errors in any other file (one a `$ref` reached) say
   * where and what kind of error, never the text at that place: standin does not show the
   * content of a file the user did not name.
   */
  readonly named?: boolean
  /** Where parsed YAML is kept between runs (`LoadOptions.parsedCacheDir`; default: nowhere). */
  readonly parsedCacheDir?: string | undefined
}

/**
 * Reads and parses a YAML or JSON file (`.json` with JSON.parse, anything else with YAML 1.2, a
 * superset of JSON). Syntax errors carry their line and column. `fatal` is true when the file
 * could not be read at all (missing, a folder, a device or FIFO, too large, outside `root`, no
 * permission): the command could not run. See `readTextFile` for the checks made before opening.
 */
export async function readDataFile(
  path: string,
  file: string,
  options: DataFileOptions = { named: true },
): Promise<ReadResult> {
  const read = await readTextFile(path, options)
  if (!read.ok) {
    const { code, reason, hint } = read.refusal
    return {
      ok: false,
      fatal: true,
      problems: [{ code, severity: 'error', file, pointer: '', message: reason, hint }],
    }
  }
  const json = /\.json$/i.test(path)
  const cacheDir = json ? undefined : options.parsedCacheDir
  if (cacheDir !== undefined) {
    const data = readParsed(cacheDir, path, read.text)
    if (data !== undefined) return { ok: true, data }
  }
  const parsed = parseText(read.text, file, json, options.named ?? true)
  if (cacheDir !== undefined && parsed.ok) void writeParsed(cacheDir, path, read.text, parsed.data)
  return parsed
}

/** YAML anchors a file may expand (a "billion laughs" file expands them exponentially). */
const MAX_ALIAS_COUNT = 1000

/** Parses YAML or JSON text; see `readDataFile`. */
export function parseText(text: string, file: string, json: boolean, named = true): ReadResult {
  if (json) {
    try {
      return { ok: true, data: JSON.parse(text) as unknown }
    } catch (error) {
      return { ok: false, fatal: false, problems: [jsonSyntaxProblem(text, file, error, named)] }
    }
  }
  const lineCounter = new LineCounter()
  let doc: ReturnType<typeof parseDocument>
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  } catch (error) {
    return { ok: false, fatal: false, problems: [yamlProblem(file, error, named)] }
  }
  if (doc.errors.length > 0) {
    if (doc.errors.some((e) => isStackOverflow(e.message))) {
      return { ok: false, fatal: false, problems: [tooDeep(file)] }
    }
    const problems = doc.errors.slice(0, 10).map((error): Problem => {
      const { line, col } = lineCounter.linePos(error.pos[0])
      return {
        code: 'contract.syntax',
        severity: 'error',
        file,
        pointer: '',
        line,
        column: col,
        message: `YAML syntax error: ${named ? firstLine(error.message) : contentFree(error)}`,
        hint: 'Fix the YAML there (quote strings that contain ": " or " #").',
      }
    })
    return { ok: false, fatal: false, problems }
  }
  try {
    return { ok: true, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown }
  } catch (error) {
    return { ok: false, fatal: false, problems: [yamlProblem(file, error, named)] }
  }
}

function yamlProblem(file: string, error: unknown, named: boolean): Problem {
  const message = error instanceof Error ? error.message : String(error)
  if (error instanceof RangeError && isStackOverflow(message)) return tooDeep(file)
  const aliases = /excessive alias count/i.test(message)
  return {
    code: 'contract.syntax',
    severity: 'error',
    file,
    pointer: '',
    message: aliases
      ? `YAML error: the aliases expand to too many values (more than ${MAX_ALIAS_COUNT} uses of anchors)`
      : named
        ? `YAML error: ${firstLine(message)}`
        : 'YAML error',
    hint: aliases
      ? 'Use fewer YAML aliases, or write the values out.'
      : 'Fix the YAML as the message says.',
  }
}

function tooDeep(file: string): Problem {
  return {
    code: 'contract.too-deep',
    severity: 'error',
    file,
    pointer: '',
    message: 'the file nests too deeply to be read (thousands of levels of lists or mappings)',
    hint: 'Flatten it: a contract is rarely more than a few dozen levels deep.',
  }
}

function isStackOverflow(message: string): boolean {
  return /maximum call stack size exceeded|too much recursion/i.test(message)
}

function jsonSyntaxProblem(text: string, file: string, error: unknown, named: boolean): Problem {
  const message = error instanceof Error ? error.message : String(error)
  if (error instanceof RangeError && isStackOverflow(message)) return tooDeep(file)
  const position = /at position (\d+)/.exec(message)
  const offset = position ? Number(position[1]) : offsetFromYaml(text)
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  // V8 quotes the text around the error ("Unexpected token 'r', "root:x:0:0"... is not valid
  // JSON"): keep the kind of error only, so no message carries the file's content.
  const kind = message
    .replace(/, ".*$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/^(Unexpected token) .*$/s, '$1')
    .replace(/ \(line \d+ column \d+\)$/, '')
  return {
    code: 'contract.syntax',
    severity: 'error',
    file,
    pointer: '',
    line,
    column,
    message: named ? `JSON syntax error: ${kind}` : 'JSON syntax error',
    hint: 'Fix the JSON there (no trailing commas, keys in double quotes).',
  }
}

/** Where YAML (a superset of JSON) first stumbles, when JSON.parse gives no position. */
function offsetFromYaml(text: string): number {
  try {
    const doc = parseDocument(text, { prettyErrors: false })
    return doc.errors[0]?.pos[0] ?? text.length
  } catch {
    return text.length
  }
}

/**
 * A YAML error's message when it cannot hold the file's text; the kind of error otherwise. The
 * yaml package quotes source text in these codes only (checked against its compose and parse
 * modules): escapes, tags, stray tokens.
 */
function contentFree(error: { code: string; message: string }): string {
  switch (error.code) {
    case 'BAD_DQ_ESCAPE':
      return 'Invalid escape sequence'
    case 'BAD_SCALAR_START':
      return 'Plain value cannot start with this character'
    case 'TAG_RESOLVE_FAILED':
    case 'BAD_COLLECTION_TYPE':
      return 'Unresolved or misplaced tag'
    case 'UNEXPECTED_TOKEN':
      return 'Unexpected text'
    default:
      return firstLine(error.message)
  }
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim()
}
