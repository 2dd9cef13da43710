/**
 * The one mapping of a model's thrown error to what it means (issue 10): an input the model
 * refuses (an `InputValidationError`, or any error carrying input problems) is a rejection, a
 * 4xx; everything else (an injected fault, any other throw) is a failure, a 5xx. Every target
 * verify calls in-process uses it, as the serve core does on the wire, so a `MockModel`, a
 * function and a served stand-in give the same verdict for the same fault.
 */
import type { Problem } from '../errors.js'
import { InjectedFaultError, InputValidationError } from './mock-errors.js'

/** What a thrown error means. */
export type ErrorOutcome =
  | {
      /** The model refused the input: answered 422 with the problems. */
      readonly kind: 'rejected'
      readonly status: 422
      readonly message: string
      readonly problems: readonly Problem[]
    }
  | {
      /** The model failed: answered 500 (`injected` when the stand-in failed on purpose). */
      readonly kind: 'failed'
      readonly status: 500
      readonly message: string
      readonly injected: boolean
    }

function inputProblems(error: unknown): readonly Problem[] {
  if (error instanceof InputValidationError) return error.problems
  if (error instanceof InjectedFaultError) return []
  const problems = (error as { problems?: unknown } | null)?.problems
  return Array.isArray(problems) ? (problems as Problem[]) : []
}

/**
 * What `error`, thrown by a model's `predict`, means: a rejection when it carries input
 * problems, otherwise a failure.
 *
 * @example
 * errorOutcome(new InjectedFaultError('scorer')).kind // 'failed'
 * errorOutcome(new InputValidationError(problems)).kind // 'rejected'
 */
export function errorOutcome(error: unknown): ErrorOutcome {
  const message = error instanceof Error ? error.message : String(error)
  const problems = inputProblems(error)
  if (problems.length > 0) return { kind: 'rejected', status: 422, message, problems }
  return { kind: 'failed', status: 500, message, injected: error instanceof InjectedFaultError }
}
