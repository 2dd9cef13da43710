import { StandinError } from '../../errors.js'
import type { ProblemCode } from '../../errors.js'
import type { RegistryProblem } from '../api-types.js'

/**
 * A registry call that did not succeed. `refused` is true when the registry understood the
 * request and turned it down by one of its rules (409, 422): the thing checked failed (exit 1),
 * not the run (exit 2).
 *
 * @example
 * try { await client.publish(name, version, request) } catch (error) {
 *   if (error instanceof RegistryClientError && error.refused) console.log(error.problem?.detail)
 * }
 */
export class RegistryClientError extends StandinError {
  /** The HTTP status, when the registry answered. */
  readonly status: number | undefined
  /** The registry's problem+json body, when it sent one. */
  readonly problem: RegistryProblem | undefined
  /** True for a 409 or 422: a publish, approval or verification refused by a registry rule. */
  readonly refused: boolean

  constructor(
    code: ProblemCode,
    message: string,
    details: { status?: number; problem?: RegistryProblem; cause?: unknown } = {},
  ) {
    super(code, message, [], details.cause === undefined ? undefined : { cause: details.cause })
    this.name = 'RegistryClientError'
    this.status = details.status
    this.problem = details.problem
    this.refused = details.status === 409 || details.status === 422
  }
}
