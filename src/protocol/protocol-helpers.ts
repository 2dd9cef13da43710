/**
 * Small pieces every protocol shares: envelope problems, JSON pointer escaping, prototype-safe
 * record building and the one-line text of a refusal.
 */
import type { ProblemCode } from '../errors.js'
import type { Problem } from '../errors.js'
import type { ErrorAnswer, ServeFailure } from './protocol-types.js'
import { unescapeToken } from '../json/index.js'
import type { Contract } from '../contract/index.js'

export {
  escapeToken,
  fragmentTokens,
  hasOwn,
  isObject,
  setOwn,
  shortJson,
  typeName,
  unescapeToken,
  valueAtPath,
} from '../json/index.js'
export { plural } from '../plural.js'

/** A problem with the request or response envelope (not the record schema), by pointer. */
export function envelopeProblem(
  pointer: string,
  message: string,
  code: ProblemCode = 'protocol.envelope',
): Problem {
  return { code, severity: 'error', pointer, message }
}

/** A failed decode with one envelope problem. */
export function fail(
  pointer: string,
  message: string,
): { readonly ok: false; readonly problems: Problem[] } {
  return { ok: false, problems: [envelopeProblem(pointer, message)] }
}

/** The first reference token of a pointer and the rest (`/a/b/c` gives `a` and `/b/c`). */
export function splitPointer(pointer: string): { head: string; rest: string } {
  const slash = pointer.indexOf('/', 1)
  const raw = slash === -1 ? pointer.slice(1) : pointer.slice(1, slash)
  return {
    head: unescapeToken(raw),
    rest: slash === -1 ? '' : pointer.slice(slash),
  }
}

/** The refusal as one line: the detail, then every violation as `pointer: message`. */
export function failureText(failure: ServeFailure): string {
  if (failure.problems.length === 0) return failure.detail
  const listed = failure.problems
    .map((p) =>
      p.pointer === ''
        ? p.message.charAt(0).toUpperCase() + p.message.slice(1)
        : `${p.pointer}: ${p.message}`,
    )
    .join('; ')
  return `${failure.detail} ${listed}`
}

/** Every violation as `{ pointer, code, message }`, the `errors[]` of every error body. */
export function failureErrors(
  failure: ServeFailure,
): { pointer: string; code: string; message: string }[] {
  return failure.problems.map((p) => ({ pointer: p.pointer, code: p.code, message: p.message }))
}

/** The problem list for a non-2xx answer from a model (client side). */
export function statusProblems(status: number, body: unknown): Problem[] {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  const shown =
    text === undefined ? '' : `: ${text.length > 200 ? `${text.slice(0, 200)}...` : text}`
  return [envelopeProblem('', `the model answered HTTP ${status}${shown}`, 'protocol.status')]
}

/**
 * The `{"error": "..."}` error body that v1 (TF Serving) and kserve-v2 (Open Inference Protocol)
 * share, with standin's `errors[]` (one entry per pointer) and, for a 404, the routes.
 */
export function encodeErrorField(failure: ServeFailure): ErrorAnswer {
  const body: Record<string, unknown> = {
    error: failureText(failure),
    errors: failureErrors(failure),
  }
  if (failure.routes) body.routes = failure.routes
  return { contentType: 'application/json', body }
}

/**
 * The model's name in the URLs and answers of kserve-v2 and v1: `endpoint.model` when the model
 * is served under another name than the contract's (Triton's `densenet_onnx`), else the name.
 */
export function servedName(contract: Pick<Contract, 'name' | 'endpoint'>): string {
  return contract.endpoint.model ?? contract.name
}

/** The model's version in kserve-v2's URLs and answers: `endpoint.version`, else the contract's. */
export function servedVersion(contract: Pick<Contract, 'version' | 'endpoint'>): string {
  return contract.endpoint.version ?? contract.version
}
