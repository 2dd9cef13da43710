/**
 * Contracts named `registry://host[:port]/name@range`: the highest published version of `name`
 * in `range` (latest without one), fetched from a standin registry's
 * `/api/contracts/{name}/resolve`, and cached for offline use. When the registry cannot be
 * reached (or answers 5xx), the newest cached version in range is used with a warning that says
 * how old it is; with nothing cached the load fails like a missing file.
 *
 * A low floor: plain `fetch` and node built-ins only, so every command that takes a contract path
 * takes one of these too (serve, verify, types, lint, the library's `loadContract`).
 */
import { readFile, readdir, rename, writeFile } from 'node:fs/promises'
import { answeredPlainHttp, fetchFailure } from '../fetch-failure.js'
import { makeFolder } from '../make-folder.js'
import { readCapped } from '../read-capped.js'
import { join } from 'node:path'
import { maxSatisfying, satisfies, valid, validRange } from 'semver'
import type { Problem, ProblemCode } from '../errors.js'
import { isObject } from '../json/index.js'

/** The scheme prefix. */
export const REGISTRY_SCHEME = 'registry://'

/** How `registry://` contracts are fetched and cached (a `LoadOptions` field). */
export interface RegistryLoadOptions {
  /**
   * The cache's root: files go to `<cacheDir>/<host>_<port>/<name>/<version>.json`. Default
   * `$STANDIN_CACHE_DIR/registry`, else `$XDG_CACHE_HOME/standin/registry`, else
   * `~/.cache/standin/registry`.
   */
  readonly cacheDir?: string
  /** The longest wait for the registry, in milliseconds (default 10,000). */
  readonly timeoutMs?: number
  /** A bearer token, needed for reads from a registry that is not on loopback (default `STANDIN_REGISTRY_TOKEN`). */
  readonly token?: string
  /** Where a cache warning goes (default: standard error, `standin: warning: ...`). */
  readonly onWarning?: (message: string) => void
}

/** A parsed `registry://` name. */
export interface RegistryAddress {
  /** `http://127.0.0.1:4400`: http for loopback hosts, https otherwise. */
  readonly base: string
  /** `registry://127.0.0.1:4400`, for messages. */
  readonly shown: string
  /** The cache folder of this registry: `127.0.0.1_4400`. */
  readonly folder: string
  readonly name: string
  /** A semver range; `*` when none was given. */
  readonly range: string
}

/** What resolving gave: the contract document and the folder it is cached in, or problems. */
export type RegistryRead =
  | { readonly ok: true; readonly data: unknown; readonly folder: string }
  | { readonly ok: false; readonly problems: readonly Problem[] }

const ADDRESS =
  /^registry:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::([0-9]{1,5}))?\/([^@/?#]+)(?:@([^/?#]*))?$/
const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const MAX_ANSWER_BYTES = 32 * 1024 * 1024

/** A user or password before the host (`registry://user:secret@host/...`). */
const USERINFO = /^registry:\/\/[^/]*@/

/** The address as messages show it: a user or password before the host as `***`. */
function shownAddress(source: string): string {
  return source.replace(USERINFO, 'registry://***@')
}

/** True for a contract path in the registry form. */
export function isRegistrySource(source: string): boolean {
  return source.startsWith(REGISTRY_SCHEME)
}

/** Parses a `registry://` name, or says what is wrong with it. */
export function parseRegistryAddress(text: string): RegistryAddress | string {
  if (USERINFO.test(text))
    return 'carries a user or password, which a registry address never does: give the token in STANDIN_REGISTRY_TOKEN'
  const m = ADDRESS.exec(text)
  const example = 'registry://127.0.0.1:4400/transaction-classifier@^1.2'
  if (!m)
    return `is not a registry address: write registry://host[:port]/name@range, such as ${example}`
  const [, host = '', portText, name = '', rangeText] = m
  if (!NAME.test(name))
    return `names the contract "${name}", but contract names are lowercase words joined by dashes (transaction-classifier)`
  const range =
    rangeText === undefined || rangeText === '' || rangeText === 'latest'
      ? '*'
      : decodeURIComponent(rangeText)
  if (validRange(range) === null)
    return `asks for the range "${rangeText ?? ''}", which is not a semver range (^1.2, ~1.2.3, 1.x, >=1.0.0 <2)`
  const loopback = /^(localhost|127(\.[0-9]{1,3}){3}|\[::1\])$/i.test(host)
  const port = portText === undefined ? (loopback ? 4400 : 443) : Number(portText)
  if (port < 1 || port > 65535) return `has the port ${portText ?? ''}, outside 1..65535`
  const authority = `${host.toLowerCase()}:${port}`
  return {
    base: `${loopback ? 'http' : 'https'}://${authority}`,
    shown: `registry://${authority}`,
    folder: `${host.toLowerCase().replace(/[^a-z0-9.-]/g, '_')}_${port}`,
    name,
    range,
  }
}

/** The default cache root (see `RegistryLoadOptions.cacheDir`). */
export function defaultCacheDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  if (env.STANDIN_CACHE_DIR) return join(env.STANDIN_CACHE_DIR, 'registry')
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'standin', 'registry')
  return join(env.HOME ?? env.USERPROFILE ?? '.', '.cache', 'standin', 'registry')
}

/**
 * Fetches the contract a `registry://` name stands for, caches it, or falls back to the cache.
 *
 * @example
 * const read = await readRegistryContract('registry://127.0.0.1:4400/transaction-classifier@^1', {})
 * if (read.ok) read.data // the bundled contract document
 *
 * @throws never: problems are data (`registry-client.*` codes).
 */
export async function readRegistryContract(
  source: string,
  options: RegistryLoadOptions,
): Promise<RegistryRead> {
  const fail = (code: ProblemCode, message: string, hint: string): RegistryRead => ({
    ok: false,
    problems: [{ code, severity: 'error', file: shownAddress(source), pointer: '', message, hint }],
  })
  const address = parseRegistryAddress(source)
  if (typeof address === 'string')
    return fail('registry-client.bad-url', address, 'Fix the address.')
  const cacheRoot = options.cacheDir ?? defaultCacheDir()
  const folder = join(cacheRoot, address.folder, address.name)
  const fetched = await fetchResolved(address, options)
  if (fetched.kind === 'ok') {
    await writeCache(folder, fetched.version, fetched.body).catch((error: unknown) =>
      warn(
        options,
        `could not cache ${address.name}@${fetched.version} in ${folder}: ${fetchFailure(error)}`,
      ),
    )
    return { ok: true, data: fetched.contract, folder }
  }
  if (fetched.kind === 'refused') return fail(fetched.code, fetched.message, fetched.hint)
  const cached = await readCache(folder, address.range)
  const wanted = `${address.name}@${address.range === '*' ? 'latest' : address.range}`
  if (!cached)
    return fail(
      'registry-client.unreachable',
      `the registry at ${address.base} cannot be reached (${fetched.reason}), and no version of ${wanted} is cached`,
      'Start the registry (standin registry serve), or load the contract once while it is reachable: standin caches what it loads.',
    )
  warn(
    options,
    `using the cached ${address.name}@${cached.version} from ${address.shown} (cached ${age(cached.fetchedAt)}; the registry is unreachable: ${fetched.reason})`,
  )
  return { ok: true, data: cached.contract, folder }
}

type Fetched =
  | { kind: 'ok'; version: string; contract: Record<string, unknown>; body: unknown }
  | { kind: 'refused'; code: ProblemCode; message: string; hint: string }
  | { kind: 'unreachable'; reason: string }

async function fetchResolved(
  address: RegistryAddress,
  options: RegistryLoadOptions,
): Promise<Fetched> {
  const url = `${address.base}/api/contracts/${encodeURIComponent(address.name)}/resolve?range=${encodeURIComponent(address.range)}`
  const token = options.token ?? process.env.STANDIN_REGISTRY_TOKEN
  const timeoutMs = options.timeoutMs ?? 10_000
  let status: number
  let text: string
  try {
    const response = await fetch(url, {
      headers: {
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    })
    status = response.status
    // Capped as it is read: a chunked answer has no Content-Length to refuse it by.
    const capped = await readCapped(response, MAX_ANSWER_BYTES)
    if (capped === undefined) return { kind: 'unreachable', reason: 'its answer is over 32 MiB' }
    text = capped
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError'
    return {
      kind: 'unreachable',
      reason: timedOut
        ? `no answer within ${timeoutMs / 1000} s`
        : answeredPlainHttp(error)
          ? 'it answers plain HTTP, and registry:// calls a host other than loopback over https only: serve the registry behind TLS'
          : fetchFailure(error),
    }
  }
  if (status >= 500)
    return { kind: 'unreachable', reason: `it answered HTTP ${status}${problemText(text)}` }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  const wanted = `${address.name}@${address.range === '*' ? 'latest' : address.range}`
  if (status === 404)
    return {
      kind: 'refused',
      code: 'registry-client.no-match',
      message: `the registry at ${address.base} has no version of ${wanted}${problemText(text)}`,
      hint: `See what is published at ${address.base}/contracts/${encodeURIComponent(address.name)}, or widen the range.`,
    }
  if (status === 401 || status === 403)
    return {
      kind: 'refused',
      code: status === 401 ? 'registry-client.unauthorized' : 'registry-client.forbidden',
      message: `the registry at ${address.base} wants a token to read ${wanted}${problemText(text)}`,
      hint: "Make one with 'standin registry token --role verify --name <who>' and set STANDIN_REGISTRY_TOKEN.",
    }
  const version = isObject(body) ? body.version : undefined
  if (
    status !== 200 ||
    !isObject(body) ||
    !isObject(body.contract) ||
    typeof version !== 'string' ||
    valid(version) === null
  )
    return {
      kind: 'refused',
      code: 'registry-client.bad-answer',
      message: `${address.base} answered HTTP ${status} without a contract version${problemText(text)}`,
      hint: 'Check that the address is a standin registry.',
    }
  // The registry is trusted for the contract it holds, not for answering another question.
  if (body.contract.name !== address.name || !satisfies(version, address.range))
    return {
      kind: 'refused',
      code: 'registry-client.bad-answer',
      message: `${address.base} answered ${wanted} with ${String(body.contract.name)}@${version}, which is not what was asked for`,
      hint: 'Check that the address is a standin registry.',
    }
  return { kind: 'ok', version, contract: body.contract, body }
}

/** ` (registry.code: detail)` from a problem+json body, or nothing. */
function problemText(text: string): string {
  try {
    const p = JSON.parse(text) as unknown
    if (isObject(p) && typeof p.code === 'string' && typeof p.detail === 'string')
      return ` (${p.code}: ${p.detail.replace(/\s+/g, ' ').replace(/\.$/, '')})`
  } catch {
    // not JSON: nothing to add
  }
  return ''
}

interface CacheEntry {
  readonly fetchedAt: string
  readonly version: string
  readonly contract: Record<string, unknown>
}

async function writeCache(folder: string, version: string, body: unknown): Promise<void> {
  await makeFolder(folder)
  const file = join(folder, `${version}.json`)
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`
  await writeFile(
    temporary,
    `${JSON.stringify({ fetchedAt: new Date().toISOString(), answer: body })}\n`,
  )
  await rename(temporary, file)
}

/** The newest readable cached version in `range`, or undefined. */
async function readCache(folder: string, range: string): Promise<CacheEntry | undefined> {
  const names = await readdir(folder).catch(() => [] as string[])
  const versions = names
    .filter((n) => n.endsWith('.json'))
    .map((n) => n.slice(0, -5))
    .filter((v) => valid(v) === v)
  for (;;) {
    const best = maxSatisfying(versions, range)
    if (best === null) return undefined
    versions.splice(versions.indexOf(best), 1)
    try {
      const entry = JSON.parse(await readFile(join(folder, `${best}.json`), 'utf8')) as unknown
      if (
        isObject(entry) &&
        typeof entry.fetchedAt === 'string' &&
        isObject(entry.answer) &&
        isObject(entry.answer.contract)
      )
        return { fetchedAt: entry.fetchedAt, version: best, contract: entry.answer.contract }
    } catch {
      // a damaged cache file: try the next version down
    }
  }
}

/** `5 s ago`, `3 min ago`, `3 h ago`, `2 days ago`. */
export function age(fetchedAt: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(fetchedAt)) / 1000))
  if (!Number.isFinite(seconds)) return 'at an unknown time'
  if (seconds < 60) return `${seconds} s ago`
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`
  if (seconds < 172_800) return `${Math.floor(seconds / 3600)} h ago`
  return `${Math.floor(seconds / 86_400)} days ago`
}

function warn(options: RegistryLoadOptions, message: string): void {
  if (options.onWarning) options.onWarning(message)
  else process.stderr.write(`standin: warning: ${message}\n`)
}
