import type { ProblemCode } from '../errors.js'
import { formatProblem, StandinError } from '../errors.js'
import type { Problem } from '../errors.js'

/**
 * Thrown when one or more contracts cannot be loaded. `problems` holds every problem found (errors
 * and warnings); the message lists the errors, one `file#/pointer: what. What to do.` per line.
 *
 * Codes: `contract.invalid` (the contents are wrong), `contract.not-found` (no such file or no
 * contract in a folder), `contract.unreadable` (the file exists but cannot be read).
 */
export class ContractError extends StandinError {
  constructor(problems: readonly Problem[], code = codeFor(problems)) {
    const errors = problems.filter((p) => p.severity === 'error')
    super(code, (errors.length > 0 ? errors : problems).map(formatProblem).join('\n'), problems)
    this.name = 'ContractError'
  }
}

function codeFor(problems: readonly Problem[]): ProblemCode {
  const first = problems.find((p) => p.severity === 'error')
  if (first?.code === 'contract.not-found' || first?.code === 'contract.unreadable') {
    return first.code
  }
  // A registry:// contract that could not be fetched is unreadable, like a file.
  if (first?.code.startsWith('registry-client.') === true) return 'contract.unreadable'
  return 'contract.invalid'
}
