/**
 * The one error every importer and the exporter throw for bad input: one line naming the file or
 * URL, the place in it (a JSON pointer, and the line and column when known), what was expected,
 * and what to do. Nothing is written when it is thrown.
 */
import { StandinError, errorFromProblems, type Problem } from '../errors.js'
import { redactedSource } from '../redacted-target.js'

/** Stable codes of the interop capability, with their meaning. */
export type InteropErrorCode =
  /** The source could not be read: missing, unreachable, too large, not a file. */
  | 'import.unreadable'
  /** The source was read but is not what the importer takes (syntax, shape, unknown types). */
  | 'import.invalid'
  /** The OpenAPI document refers to something standin does not fetch (a remote or file `$ref`). */
  | 'import.remote-ref'
  /** The operation asked for is not in the document, or has no JSON body to import. */
  | 'import.operation'
  /** The contracts given to `export openapi` cannot share one document. */
  | 'export.invalid'

/** Where a problem sits: the file or URL as the user named it, and the place in it. */
export interface Place {
  readonly source: string
  readonly pointer?: string
  readonly line?: number
  readonly column?: number
}

/**
 * An interop error: `source[:line:col]#pointer: message. hint`.
 *
 * @example
 * throw interopError('import.invalid', { source: 'model/MLmodel', pointer: '/signature' }, 'the model has no signature', 'Log it with one.')
 */
export function interopError(
  code: InteropErrorCode,
  place: Place,
  message: string,
  hint: string,
): StandinError {
  const problem: Problem = {
    code,
    severity: 'error',
    file: redactedSource(place.source),
    pointer: place.pointer ?? '',
    message,
    hint,
    ...(place.line !== undefined ? { line: place.line, column: place.column ?? 1 } : {}),
  }
  return errorFromProblems(code, [problem])
}

/** Re-raises a problem found while reading a data file as an interop error (its first line). */
export function fromProblems(problems: readonly Problem[]): StandinError {
  const first = problems.find((p) => p.severity === 'error') ?? problems[0]
  if (!first) return new StandinError('import.invalid', 'the source could not be read')
  return errorFromProblems('import.invalid', [first])
}
