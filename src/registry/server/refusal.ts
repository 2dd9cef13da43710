/**
 * A refused request as the registry answers it: an RFC 9457 problem (`application/problem+json`)
 * with a stable `code` (src/problem-codes.ts) and, where a document was checked, its `problems`.
 */
import type { RegistryProblem } from '../api-types.js'
import type { ProblemCode } from '../../problem-codes.js'

/** One item of `problems`. */
export type ProblemItem = NonNullable<RegistryProblem['problems']>[number]

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Content too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  500: 'Internal server error',
  503: 'Service unavailable',
}

/** Thrown by a route: the server answers it as problem+json. */
export class Refusal extends Error {
  override readonly name = 'Refusal'
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly problems?: readonly ProblemItem[],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail)
  }

  /** The body. */
  body(): RegistryProblem {
    return {
      type: `https://standin.dev/problems/${this.code}`,
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      detail: this.detail,
      code: this.code,
      ...(this.problems && this.problems.length > 0 ? { problems: this.problems } : {}),
    }
  }
}
