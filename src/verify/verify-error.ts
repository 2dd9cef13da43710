import type { ProblemCode } from '../errors.js'
import { StandinError } from '../errors.js'
import type { Problem } from '../errors.js'

/**
 * verify could not run: the target is unreachable or speaks another protocol, a check refers to
 * a path that does not exist, a replay id is unknown, an option is wrong. Codes:
 * `verify.unreachable`, `verify.wrong-protocol`, `verify.check-path`, `verify.unknown-case`,
 * `verify.option`, `verify.target`.
 */
export class VerifyError extends StandinError {
  constructor(code: ProblemCode, message: string, problems: readonly Problem[] = []) {
    super(code, message, problems)
    this.name = 'VerifyError'
  }
}
