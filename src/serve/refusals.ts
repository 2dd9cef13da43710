/**
 * Every refusal of the stand-in as a named template (status, type, title, detail, problems),
 * put in the protocol's own error shape by `refuse`. One place for the wording, so tests can
 * assert it exactly (prism `router/errors.ts` does the same).
 */
import type { Problem } from '../errors.js'
import type { Contract } from '../contract/index.js'
import type { ServeFailure, WireProtocol } from '../protocol/index.js'
import type { CoreResponse } from './serve-types.js'
import { cutText, shortJson } from '../json/index.js'

function failure(
  status: number,
  type: string,
  title: string,
  detail: string,
  problems: readonly Problem[] = [],
): ServeFailure {
  return { status, type, title, detail, problems }
}

/** The named refusals. */
export const refusals = {
  unknownScenario: (value: string, known: readonly string[]): ServeFailure =>
    failure(
      400,
      'unknown-scenario',
      'Unknown scenario',
      `x-standin-scenario must be one of ${known.join(', ')}.`,
      [
        {
          code: 'request.scenario',
          severity: 'error',
          pointer: '',
          message: `unknown scenario ${shortJson(value, 80)}`,
        },
      ],
    ),
  unsupportedMediaType: (contentType: string | undefined): ServeFailure =>
    failure(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      contentType === undefined
        ? 'The request has no content-type header. Send the body as application/json (UTF-8) and say so in content-type.'
        : `Send the body as application/json (UTF-8), not ${contentType}.`,
    ),
  overLimit: (problem: Problem): ServeFailure =>
    failure(
      400,
      problem.code.replace(/^request\./, ''),
      'Bad request',
      'The body is over a size limit of the stand-in (raise it with --max-keys, --max-items or --max-string-length).',
      [problem],
    ),
  answerTooLarge: (records: number, cap: number): ServeFailure =>
    failure(
      413,
      'answer-too-large',
      'Answer too large',
      `The answer to these ${records} records would pass ${cap} bytes (32 times the request, at least 1 MiB). Send a smaller batch.`,
    ),
  forbiddenHost: (host: string, bound: string): ServeFailure =>
    failure(
      403,
      'forbidden-host',
      'Forbidden host',
      `The Host header ${shortJson(host, 80)} is not allowed: the stand-in is bound to ${bound} and answers only localhost, IP addresses and the hosts given with --allowed-host (a guard against DNS rebinding). Call it by one of those, or add the name with --allowed-host.`,
    ),
  connect: (): ServeFailure =>
    failure(
      405,
      'method-not-allowed',
      'Method not allowed',
      'The stand-in is not a proxy: CONNECT is not served.',
    ),
  payloadTooLarge: (size: number, limit: number): ServeFailure =>
    failure(
      413,
      'payload-too-large',
      'Payload too large',
      `The body has ${size} bytes; the limit is ${limit}. Send a smaller batch.`,
    ),
  badBody: (type: string, detail: string, problems: readonly Problem[]): ServeFailure =>
    failure(400, type, 'Bad request', detail, problems),
  invalidEnvelope: (protocol: WireProtocol, problems: readonly Problem[]): ServeFailure =>
    failure(
      400,
      'invalid-envelope',
      'Bad request',
      `The body is not a valid ${protocol.name} request.`,
      problems,
    ),
  invalidInput: (
    protocol: WireProtocol,
    contract: Contract,
    problems: readonly Problem[],
  ): ServeFailure =>
    failure(
      protocol.invalidStatus,
      'invalid-input',
      'Invalid input',
      `The input breaks the contract ${contract.name}@${contract.version}.`,
      problems,
    ),
  injectedFault: (errorRate: number | undefined): ServeFailure =>
    failure(
      500,
      'injected-fault',
      'Injected fault',
      errorRate === undefined
        ? 'The stand-in failed on purpose (x-standin-scenario: error).'
        : `The stand-in failed on purpose (error rate ${errorRate}).`,
    ),
  rateLimited: (): ServeFailure =>
    failure(
      429,
      'rate-limited',
      'Too many requests',
      'The stand-in rate-limited this request on purpose (x-standin-scenario: rate-limit). Retry after 1 s.',
    ),
  heldTimeout: (ms: number): ServeFailure =>
    failure(
      504,
      'timeout',
      'Timeout',
      `The stand-in held the request ${ms} ms on purpose (x-standin-scenario: timeout).`,
    ),
  notFound: (
    method: string,
    path: string,
    routes: readonly string[],
    sharedBy: readonly string[] = [],
  ): ServeFailure => ({
    ...failure(
      404,
      'not-found',
      'Not found',
      `No route for ${method} ${path}.${sharedBy.length > 1 ? ` It is the path of ${sharedBy.length} contracts (${sharedBy.join(', ')}), so each is served under its name: ${method} /<name>${path}.` : ''} The stand-in serves: ${routes.join(', ')}.`,
    ),
    routes,
  }),
  methodNotAllowed: (
    method: string,
    path: string,
    allow: string,
    preflight = false,
  ): ServeFailure =>
    failure(
      405,
      'method-not-allowed',
      'Method not allowed',
      `${path} takes ${allow}, not ${method}.${
        preflight
          ? " This is a browser's CORS preflight: serve with --cors (the `cors` option) to let a page on another origin call the stand-in."
          : ''
      }`,
    ),
  internalError: (message: string): ServeFailure =>
    failure(
      500,
      'internal-error',
      'Internal error',
      `standin failed to answer (a bug, please report it): ${message}`,
    ),
}

/** Most violations an error body lists; the rest are counted (issue 11: bounded answers). */
export const maxListedProblems = 100
/** Most characters of one listed message, pointer or detail. */
const maxText = 500
/** Most characters of all listed violations together (pointers and messages). */
const listBudget = 32 * 1024

/**
 * The refusal with a bounded list: at most `maxListedProblems` violations (and at most
 * `listBudget` characters of them), each cut to `maxText` characters, and, when some were left
 * out, the total in the detail and in a last `request.more-problems` entry. `total` counts
 * violations the caller stopped collecting.
 */
export function boundFailure(refusal: ServeFailure, total = refusal.problems.length): ServeFailure {
  const listed: Problem[] = []
  let used = 0
  for (const p of refusal.problems) {
    if (listed.length === maxListedProblems || used > listBudget) break
    const pointer = cutText(p.pointer, maxText)
    const message = cutText(p.message, maxText)
    used += pointer.length + message.length
    listed.push(pointer === p.pointer && message === p.message ? p : { ...p, pointer, message })
  }
  const detail = cutText(refusal.detail, 4 * maxText)
  if (listed.length === total) return detail === refusal.detail ? refusal : { ...refusal, detail }
  const more = `${total} violations in all; the first ${listed.length} are listed.`
  listed.push({
    code: 'request.more-problems',
    severity: 'error',
    pointer: '',
    message: `and ${total - listed.length} more (${more})`,
  })
  return { ...refusal, detail: `${detail} ${more}`, problems: listed }
}

/** A refusal in `protocol`'s error shape, with extra headers (`allow`, `connection`). */
export function refuse(
  protocol: WireProtocol,
  refusal: ServeFailure,
  extra?: Readonly<Record<string, string>>,
  total?: number,
): CoreResponse {
  const answer = protocol.encodeError(boundFailure(refusal, total))
  return {
    status: refusal.status,
    headers: { 'content-type': answer.contentType, ...extra },
    body: JSON.stringify(answer.body),
  }
}

/** True for `application/json` or `application/*+json`, with no charset or a UTF-8 one. */
export function isJsonContentType(value: string): boolean {
  const [mime = '', ...params] = value.split(';')
  const type = mime.trim().toLowerCase()
  if (type !== 'application/json' && !(type.startsWith('application/') && type.endsWith('+json')))
    return false
  for (const param of params) {
    const [key = '', raw = ''] = param.split('=')
    if (key.trim().toLowerCase() === 'charset' && !/^"?utf-?8"?$/i.test(raw.trim())) return false
  }
  return true
}

/** Resolves after `ms`, or at once when `signal` aborts (the client left). */
export function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const done = (): void => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}
