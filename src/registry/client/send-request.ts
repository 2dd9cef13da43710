/**
 * One request to the registry and its answer: JSON in, JSON out, a timeout on the whole
 * exchange, a cap on the answer, and every failure turned into a one-line `RegistryClientError`.
 */
import type { ProblemCode } from '../../errors.js'
import { answeredPlainHttp, fetchFailure } from '../../fetch-failure.js'
import { standinVersion } from '../../version.js'
import type { RegistryProblem, RegistryRole } from '../api-types.js'
import { readCapped } from '../../read-capped.js'
import type { AnswerCheck } from './answer-shapes.js'
import { RegistryClientError } from './registry-client-error.js'

/** What one call sends, and how its failures are worded. */
export interface Call {
  readonly method: 'GET' | 'PUT' | 'POST'
  /** Path and query, already encoded. */
  readonly path: string
  readonly body?: unknown
  /** The role a write needs; reads need none (from loopback). */
  readonly role?: RegistryRole
  /** What the call does, worded to follow "to": `publish contracts`. */
  readonly doing: string
  /** What a refusal refuses: `transaction-classifier@1.1.0`. */
  readonly subject?: string
  /** Checks a 2xx answer's shape: another JSON server at the address is told apart. */
  readonly shape: AnswerCheck
}

/** The client's settings every call shares. */
export interface Settings {
  readonly url: string
  readonly token: string | undefined
  readonly timeoutMs: number
  readonly maxAnswerBytes: number
  readonly signal: AbortSignal | undefined
  /** Where the URL came from, for the message that cannot reach it. */
  readonly urlFrom: string
}

/** Sends `call` and resolves to its JSON answer. */
export async function sendRequest<T>(settings: Settings, call: Call): Promise<T> {
  const timeout = AbortSignal.timeout(settings.timeoutMs)
  const signal = settings.signal ? AbortSignal.any([timeout, settings.signal]) : timeout
  // The registry reads the standin version of a verification from the report, else from here.
  const headers: Record<string, string> = {
    accept: 'application/json',
    'user-agent': `standin/${standinVersion()}`,
  }
  if (settings.token !== undefined) headers.authorization = `Bearer ${settings.token}`
  if (call.body !== undefined) headers['content-type'] = 'application/json'
  let answer: { status: number; text: string | undefined; type: string }
  try {
    const response = await fetch(`${settings.url}${call.path}`, {
      method: call.method,
      headers,
      redirect: 'error',
      signal,
      ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
    })
    const text = await readCapped(response, settings.maxAnswerBytes)
    answer = { status: response.status, text, type: response.headers.get('content-type') ?? '' }
  } catch (error) {
    throw unreachable(settings, timeout.aborted, error)
  }
  if (answer.text === undefined)
    throw new RegistryClientError(
      'registry-client.bad-answer',
      `the registry at ${settings.url} sent an answer larger than ${mib(settings.maxAnswerBytes)} to ${call.method} ${call.path}; is that URL a standin registry?`,
      { status: answer.status },
    )
  const body = parseJson(answer.text)
  if (answer.status >= 200 && answer.status <= 299) {
    if (body === undefined)
      throw new RegistryClientError(
        'registry-client.bad-answer',
        `the registry at ${settings.url} answered ${call.method} ${call.path} with something that is not JSON (${answer.type || 'no content type'}); is that URL a standin registry?`,
        { status: answer.status },
      )
    const wrong = call.shape(body)
    if (wrong !== undefined)
      throw new RegistryClientError(
        'registry-client.bad-answer',
        `the registry at ${settings.url} answered ${call.method} ${call.path} with JSON that is not a standin registry's answer (${wrong}); is ${settings.url} a standin registry?`,
        { status: answer.status },
      )
    return body as T
  }
  throw failure(settings, call, answer.status, problemOf(body))
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function problemOf(body: unknown): RegistryProblem | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const p = body as Partial<RegistryProblem>
  return typeof p.code === 'string' && typeof p.detail === 'string'
    ? (body as RegistryProblem)
    : undefined
}

function mib(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`
}

function unreachable(settings: Settings, timedOut: boolean, error: unknown): RegistryClientError {
  if (settings.signal?.aborted === true)
    return new RegistryClientError(
      'registry-client.unreachable',
      `the call to the registry at ${settings.url} was stopped.`,
      { cause: error },
    )
  if (timedOut)
    return new RegistryClientError(
      'registry-client.unreachable',
      `the registry at ${settings.url} did not answer within ${settings.timeoutMs / 1000} s. Check that it runs and is not overloaded.`,
      { cause: error },
    )
  if (answeredPlainHttp(error))
    return new RegistryClientError(
      'registry-client.unreachable',
      `the registry at ${settings.url} answered plain HTTP, not HTTPS: give ${settings.url.replace(/^https:/i, 'http:')} in ${settings.urlFrom}.`,
      { cause: error },
    )
  return new RegistryClientError(
    'registry-client.unreachable',
    `cannot reach the registry at ${settings.url} (${fetchFailure(error)}). Start it with 'standin registry serve', or point ${settings.urlFrom} at it.`,
    { cause: error },
  )
}

function tokenHint(role: RegistryRole | undefined): string {
  return `Make one with 'standin registry token --role ${role ?? 'verify'} --name <who>' and give it with --token or STANDIN_REGISTRY_TOKEN.`
}

function failure(
  settings: Settings,
  call: Call,
  status: number,
  problem: RegistryProblem | undefined,
): RegistryClientError {
  const code = problem?.code ?? `HTTP ${status}`
  const detail = problem ? oneLine(problem) : `the registry answered HTTP ${status}`
  const details = { status, ...(problem ? { problem } : {}) }
  const needs = call.role ? `a token with the ${call.role} role` : 'a token'
  if (status === 401)
    return new RegistryClientError(
      'registry-client.unauthorized',
      settings.token === undefined
        ? `the registry at ${settings.url} needs ${needs} to ${call.doing}, and none was given (${code}). ${tokenHint(call.role)}`
        : `the registry at ${settings.url} does not accept the token given (${code}: ${detail}); ${call.doing} needs ${needs}. ${tokenHint(call.role)}`,
      details,
    )
  if (status === 403)
    return new RegistryClientError(
      'registry-client.forbidden',
      `the token given lacks the role to ${call.doing}: it needs the ${call.role ?? 'admin'} (or admin) role (${code}). ${tokenHint(call.role)}`,
      details,
    )
  const kind: ProblemCode =
    status === 409 || status === 422
      ? 'registry-client.refused'
      : status === 404
        ? 'registry-client.not-found'
        : 'registry-client.failed'
  const message =
    kind === 'registry-client.refused'
      ? `the registry refused ${call.subject ?? call.doing} (${code}): ${detail}`
      : `the registry at ${settings.url} could not ${call.doing} (${code}): ${detail}`
  return new RegistryClientError(kind, message, details)
}

/** The problem's detail and its listed problems, on one line. */
function oneLine(problem: RegistryProblem): string {
  const detail = problem.detail.replace(/\s+/g, ' ').trim().replace(/\.$/, '')
  const listed = (problem.problems ?? []).slice(0, 3).map((p) => `${p.pointer}: ${p.message}`)
  const more = (problem.problems?.length ?? 0) - listed.length
  return `${detail}${listed.length > 0 ? ` (${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''})` : ''}.`.replace(
    /\s+/g,
    ' ',
  )
}
