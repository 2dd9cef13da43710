/**
 * standin's error model. Problems are data first (`Problem`), gathered in full and thrown once
 * at the edge inside a `StandinError`, whose `code` is stable and documented.
 *
 * Every code is in the catalog of `src/problem-codes.ts` (`ProblemCode`).
 *
 * The CLI prints a `StandinError` without a stack trace and exits 2; anything else is a bug in
 * standin and is printed with its stack.
 */

import type { ProblemCode } from './problem-codes.js'

export type { ProblemCode }

/** The code of a problem a check of your own reports: anything after `x-` (`x-team-naming`). */
export type CustomCode = `x-${string}`
export { PROBLEM_CODES, isProblemCode } from './problem-codes.js'

/** How serious a problem is: an `error` stops a contract from loading or fails lint; a `warning` is advice. */
export type Severity = 'error' | 'warning'

/** One thing wrong with a contract, a schema, a request or an option, located by JSON pointer. */
export interface Problem {
  /**
   * Stable machine-readable code from the catalog, for example `contract.unknown-key`; a check of
   * your own (`lintContracts({ checks })`) uses a code of its own, prefixed `x-`.
   */
  readonly code: ProblemCode | CustomCode
  /** `error` or `warning`. */
  readonly severity: Severity
  /** The file the problem is in, as the user named it (relative paths stay relative). */
  readonly file?: string
  /** RFC 6901 JSON pointer into the file (or the value) where the problem is; `''` is the root. */
  readonly pointer: string
  /** What is wrong, and what was expected: one sentence, no trailing hint. */
  readonly message: string
  /** What to do about it: one imperative sentence. */
  readonly hint?: string
  /** 1-based line in the file, for syntax errors and where the source position is known. */
  readonly line?: number
  /** 1-based column in the file. */
  readonly column?: number
  /**
   * The code a verified target put on this problem in its error body, when it is not one of
   * standin's (`code` is then `verify.reported`).
   */
  readonly reportedCode?: string
}

/**
 * Formats a problem as one line: `file#/pointer: message. Hint.` (with `:line:column` after the
 * file name when known).
 *
 * @example
 * formatProblem({ code: 'x', severity: 'error', file: 'a.yaml', pointer: '/name', message: 'is missing', hint: 'Add it.' })
 * // 'a.yaml#/name: is missing. Add it.'
 */
export function formatProblem(problem: Problem): string {
  const where = problem.file ?? '<contract>'
  const position = problem.line !== undefined ? `:${problem.line}:${problem.column ?? 1}` : ''
  const message = problem.message.replace(/[.\s]+$/, '')
  const hint = problem.hint ? ` ${problem.hint.replace(/\s+$/, '')}` : ''
  return `${where}${position}#${problem.pointer}: ${message}.${hint}`
}

/**
 * The base class of every error standin throws on purpose. `code` is stable across releases;
 * `problems` lists every located problem that caused it (possibly empty).
 */
export class StandinError extends Error {
  /** Stable error code from the catalog, for example `contract.invalid` or `cli.usage`. */
  readonly code: ProblemCode
  /** Every problem found, in the order found. */
  readonly problems: readonly Problem[]

  constructor(
    code: ProblemCode,
    message: string,
    problems: readonly Problem[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.name = 'StandinError'
    this.code = code
    this.problems = problems
  }
}

/** A problem list from one source: builds the message from the problems so every line is shown. */
export function errorFromProblems(code: ProblemCode, problems: readonly Problem[]): StandinError {
  const errors = problems.filter((p) => p.severity === 'error')
  const shown = errors.length > 0 ? errors : problems
  return new StandinError(code, shown.map(formatProblem).join('\n'), problems)
}

/** True for errors standin threw on purpose (a user mistake, not a bug). */
export function isStandinError(error: unknown): error is StandinError {
  return error instanceof StandinError
}
