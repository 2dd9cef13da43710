import { StandinError, errorFromProblems } from '../errors.js'
import type { Problem } from '../errors.js'

/**
 * A schema standin cannot generate from, found when the generator is compiled (never at the
 * thousandth call). `code` is `schema.unsatisfiable` when no value can satisfy the schema (for
 * example `minimum` above `maximum`), `schema.unsupported` when a value may exist but standin
 * cannot make one (a construct it does not support, or a size past its limits).
 *
 * @example
 * try {
 *   compileGenerator({ type: 'number', minimum: 1, maximum: 0 })
 * } catch (error) {
 *   if (error instanceof UnsatisfiableSchemaError) console.log(error.problems[0]?.pointer) // '/maximum'
 * }
 */
export class UnsatisfiableSchemaError extends StandinError {
  constructor(problems: readonly Problem[]) {
    const first = problems[0]
    const code =
      first?.code === 'schema.unsupported' ? 'schema.unsupported' : 'schema.unsatisfiable'
    const base = errorFromProblems(code, problems)
    super(code, base.message, problems)
    this.name = 'UnsatisfiableSchemaError'
  }
}

/** What a generator compile step throws internally: one problem, located later. */
export class SchemaProblem extends Error {
  constructor(
    readonly code: 'schema.unsatisfiable' | 'schema.unsupported',
    readonly pointer: string,
    readonly reason: string,
    readonly hint: string,
  ) {
    super(reason)
    this.name = 'SchemaProblem'
  }
}
