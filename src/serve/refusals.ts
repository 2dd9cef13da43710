/**
 * Every refusal of the stand-in as a named template (status, type, title, detail, problems),
 * put in the protocol's own error shape by `refuse`. One place for the wording, so tests can
 * assert it exactly (prism `router/errors.ts` does the same).
 */
import type { Problem } from '../errors.js'
import type { Contract } from '../contract/contract-types.js'
import type { ServeFailure, WireProtocol } from '../protocol/index.js'
import type { CoreResponse } from './serve-types.js'

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
          message: `unknown scenario "${value}"`,
        },
      ],
    ),
  unsupportedMediaType: (contentType: string): ServeFailure =>
    failure(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      `Send the body as application/json (UTF-8), not ${contentType}.`,
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
  heldTimeout: (ms: number): ServeFailure =>
    failure(
      504,
      'timeout',
      'Timeout',
      `The stand-in held the request ${ms} ms on purpose (x-standin-scenario: timeout).`,
    ),
  notFound: (method: string, path: string, routes: readonly string[]): ServeFailure => ({
    ...failure(
      404,
      'not-found',
      'Not found',
      `No route for ${method} ${path}. The stand-in serves: ${routes.join(', ')}.`,
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

/** A refusal in `protocol`'s error shape, with extra headers (`allow`, `connection`). */
export function refuse(
  protocol: WireProtocol,
  refusal: ServeFailure,
  extra?: Readonly<Record<string, string>>,
): CoreResponse {
  const answer = protocol.encodeError(refusal)
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
