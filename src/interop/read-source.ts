/**
 * Reads a JSON or YAML source named by the user: a file (through the contract loader's safe
 * reader: size-limited, no devices), or an http(s) URL answered with JSON (time- and
 * size-limited; HTML and other answers are refused with what came back).
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { readDataFile } from '../contract/index.js'
import { StandinError } from '../errors.js'
import { fetchFailure } from '../fetch-failure.js'
import { splitCredentials } from '../redacted-target.js'
import { fromProblems, interopError } from './import-error.js'

/** Options for reading a URL. */
export interface ReadSourceOptions {
  readonly cwd: string
  /** Milliseconds to wait for the answer (default 10 000). */
  readonly timeoutMs?: number
  /** Largest answer read, in bytes (default 4 MiB). */
  readonly maxBytes?: number
  /** What the source should be, for a URL answered with an error or HTML (default: kserve-v2's). */
  readonly expected?: string
}

/** What a kserve-v2 metadata URL should be. */
const metadataEndpoint = 'the metadata endpoint itself: <server>/v2/models/<name>'

/** True for an http or https URL. */
export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source)
}

/** The file a source names, as an absolute path (none for a URL). */
export function sourceFiles(source: string, cwd: string): string[] {
  return isUrl(source) ? [] : [resolve(cwd, source)]
}

/** The parsed data of a file or URL. */
export async function readSource(source: string, options: ReadSourceOptions): Promise<unknown> {
  if (!isUrl(source)) {
    const path = resolve(options.cwd, source)
    if (!existsSync(path))
      throw interopError(
        'import.unreadable',
        { source },
        'no such file',
        'Check the path; a live endpoint is given as an http:// or https:// URL.',
      )
    const read = await readDataFile(path, source)
    if (!read.ok) throw fromProblems(read.problems)
    return read.data
  }
  return readUrl(source, options)
}

async function readUrl(url: string, options: ReadSourceOptions): Promise<unknown> {
  const timeoutMs = options.timeoutMs ?? 10_000
  const maxBytes = options.maxBytes ?? 4 * 1024 * 1024
  const expected = options.expected ?? metadataEndpoint
  // fetch refuses a URL with credentials: they travel as Basic auth, as verify sends them.
  const split = splitCredentials(new URL(url))
  let response: Response
  try {
    response = await fetch(split.url, {
      headers: {
        accept: 'application/json',
        ...(split.authorization !== undefined ? { authorization: split.authorization } : {}),
      },
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000}s`
        : (cause?.code ?? fetchFailure(error))
    throw interopError(
      'import.unreadable',
      { source: url },
      `could not be reached (${reason})`,
      'Check the URL and that the model server is running, or import a saved metadata file.',
    )
  }
  const text = await bodyText(response, { maxBytes, timeoutMs }, url, expected)
  const type = response.headers.get('content-type') ?? 'no content type'
  if (!response.ok)
    throw interopError(
      'import.unreadable',
      { source: url },
      `answered ${response.status} ${response.statusText || ''}`.trimEnd(),
      `Check the URL: it should be ${expected}.`,
    )
  if (/html/i.test(type) || /^\s*</.test(text))
    throw interopError(
      'import.invalid',
      { source: url },
      `answered HTML (${type}), not JSON`,
      `Point at ${expected}.`,
    )
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw interopError(
      'import.invalid',
      { source: url },
      `answered ${type} that is not JSON`,
      `Point at ${expected}.`,
    )
  }
}

/**
 * The answer's body. The timeout signal given to fetch also aborts the body: a server that sends
 * its headers and then stalls rejects the read with a TimeoutError, said here in one line.
 */
async function bodyText(
  response: Response,
  limits: { maxBytes: number; timeoutMs: number },
  url: string,
  expected: string,
): Promise<string> {
  try {
    return await limitedText(response, limits.maxBytes, url, expected)
  } catch (error) {
    if (error instanceof StandinError) throw error
    const name = (error as Error).name
    const reason =
      name === 'TimeoutError' || name === 'AbortError'
        ? `no whole answer within ${limits.timeoutMs / 1000}s`
        : fetchFailure(error)
    throw interopError(
      'import.unreadable',
      { source: url },
      `sent its headers but could not be read (${reason})`,
      'Check the URL and that the model server is running, or import a saved metadata file.',
    )
  }
}

async function limitedText(
  response: Response,
  maxBytes: number,
  url: string,
  expected: string,
): Promise<string> {
  const reader = response.body?.getReader()
  if (!reader) return ''
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      throw interopError(
        'import.invalid',
        { source: url },
        `answered more than ${maxBytes} bytes`,
        `Point at ${expected}, or save it to a file and import that.`,
      )
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}
