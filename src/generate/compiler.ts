/**
 * The per-schema compiler state shared by the node, object and array planners: the schema index,
 * the ajv instance for local checks, and memo tables so each (subschemas, choices) pair is
 * compiled once. Lives only as long as one `compileGenerator` call and the generator it returns.
 */
import type { AjvInstance } from '../contract/index.js'
import { SchemaProblem } from './unsatisfiable-schema-error.js'
import type { GenNode } from './draw-state.js'
import type { FakeText } from './fake-text.js'
import type { SchemaIndex, SchemaRef } from './schema-index.js'

/** A compiled validator for a list of subschemas (all must hold). */
export type Check = (value: unknown) => boolean

export interface Compiler {
  readonly index: SchemaIndex
  readonly draft: '2020-12' | 'draft-07'
  readonly hints: boolean
  readonly fake: FakeText
  /** The generator for values that satisfy every ref (memoised; safe for recursive schemas). */
  node(refs: readonly SchemaRef[], name?: string, resolved?: ReadonlySet<string>): GenNode
  /**
   * Notes that a draw of this schema may move, redraw or check a value before the fix-ups run
   * (argmaxOf/maxOf, order, uniqueItems, a checked node, a choice): `lte` swaps then go by path.
   */
  holdersMove(): void
  /** An ajv check that every ref holds. */
  check(refs: readonly SchemaRef[]): Check
}

function encodePointer(pointer: string): string {
  return pointer
    .split('/')
    .map((t) => encodeURIComponent(t))
    .join('/')
}

/**
 * Builds ajv checks for subschemas of the root added to `ajv` under `rootUri`, compiled by
 * `compile` (default: `ajv.compile`; the loader's cache of compiled validators for a contract).
 */
export function createChecks(
  ajv: AjvInstance,
  rootUri: string,
  compile: (schema: object) => (value: unknown) => boolean = (schema) => ajv.compile(schema),
): (refs: readonly SchemaRef[]) => Check {
  const memo = new Map<string, Check>()
  return (refs) => {
    if (refs.length === 0) return () => true
    const parts = refs.map((r) =>
      r.inline ? r.schema : { $ref: `${rootUri}#${encodePointer(r.pointer)}` },
    )
    const key = JSON.stringify(parts)
    let check = memo.get(key)
    if (!check) {
      let validate: (value: unknown) => boolean
      try {
        validate = compile(
          parts.length === 1 && typeof parts[0] === 'object'
            ? (parts[0] as object)
            : { allOf: parts },
        )
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        throw new SchemaProblem(
          'schema.unsupported',
          refs[0]?.pointer ?? '',
          `ajv cannot compile this subschema: ${message}`,
          'Fix the schema.',
        )
      }
      check = guarded(validate)
      memo.set(key, check)
    }
    return check
  }
}

/**
 * A validator that answers false instead of throwing: ajv recurses without end on a few
 * self-referential schemas (`if` ... `else: { $ref: '#' }`), and such a value is simply not served.
 */
export function guarded(validate: (value: unknown) => boolean): (value: unknown) => boolean {
  return (value) => {
    try {
      return validate(value)
    } catch (error) {
      if (error instanceof RangeError) return false
      throw error
    }
  }
}

/** The memo key of a node. */
export function nodeKey(
  refs: readonly SchemaRef[],
  name: string | undefined,
  resolved: ReadonlySet<string>,
): string {
  const pointers = refs.map((r) =>
    r.inline ? `~${JSON.stringify(r.schema)}@${r.pointer}` : r.pointer,
  )
  // The count first: no refs (an unconstrained slot) must not share the root's key, whose one
  // pointer is '' too, or every `{}` slot would draw the whole root schema again.
  return `${refs.length}:${pointers.join('\u0000')}|${[...resolved].sort().join('\u0000')}|${name ?? ''}`
}
