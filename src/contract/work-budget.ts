/**
 * The time budget of one contract: loading, checking and compiling it must end before a deadline,
 * or it is stopped with a problem naming the place it had reached. The long loops of the load
 * call `check` with the pointer they are at; every step between two checks is linear in the size
 * of what it handles, so the deadline is kept to within one such step.
 */

/** The budget a contract gets by default: 10 s (a large contract loads in well under 1 s). */
export const DEFAULT_BUDGET_MS = 10_000

/** Thrown by `WorkBudget.check` once the deadline has passed; the loader turns it into a problem. */
export class BudgetExceeded extends Error {
  constructor(
    /** Where the work had reached (a JSON pointer in `file`). */
    readonly pointer: string,
    /** The file that pointer is in, when it is not the contract itself. */
    readonly file: string | undefined,
    /** The budget, in milliseconds. */
    readonly budgetMs: number,
  ) {
    super(`over the time budget at ${pointer}`)
    this.name = 'BudgetExceeded'
  }
}

/** A deadline for one contract. */
export interface WorkBudget {
  /** The budget in milliseconds. */
  readonly ms: number
  /** Throws `BudgetExceeded` at `pointer` (of `file`) when the deadline has passed. */
  check(pointer: string | (() => string), file?: string): void
}

/** A budget of `ms` milliseconds from now (`Infinity`: none). */
export function createBudget(ms: number = DEFAULT_BUDGET_MS): WorkBudget {
  const deadline = performance.now() + ms
  return {
    ms,
    check(pointer, file) {
      if (performance.now() <= deadline) return
      throw new BudgetExceeded(typeof pointer === 'function' ? pointer() : pointer, file, ms)
    },
  }
}
