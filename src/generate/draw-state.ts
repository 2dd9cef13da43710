/**
 * The state of one draw: the input (for `copy` / `lengthOf`), the nesting depth (the recursion
 * budget), the path of the value being made, and the fix-ups that run once the whole value exists
 * (`argmaxOf`, `lte`: they read other fields of the output).
 */
import { parsePointer } from '../json/index.js'
import { valueAtPath } from '../json/index.js'
import type { Rng } from './rng.js'

export interface DrawState {
  readonly input: unknown
  readonly hints: boolean
  depth: number
  readonly path: (string | number)[]
  readonly fixups: ((root: unknown) => boolean)[]
}

/** A compiled node: makes one value for its subschemas. */
export interface GenNode {
  gen: (rng: Rng, state: DrawState) => unknown
}

/** Depth after which generators make the smallest value they can (fewest items, no optional properties). */
export const SOFT_DEPTH = 5
/** Depth at which a draw gives up (a recursive schema that never ends). */
export const HARD_DEPTH = 48

/** Thrown inside a draw when a local attempt failed; the draw starts over with fresh randomness. */
export class Redraw extends Error {
  constructor(
    readonly reason: string,
    readonly pointer: string,
    readonly depth = false,
  ) {
    super(reason)
    this.name = 'Redraw'
  }
}

/**
 * A reader of an RFC 6901 pointer, parsed once when a generator is compiled rather than on every
 * draw (`undefined` when absent, or when `pointer` is not a pointer).
 */
export function pointerReader(pointer: string): (value: unknown) => unknown {
  const tokens = parsePointer(pointer)
  if (!tokens) return () => undefined
  return (value) => valueAtPath(value, tokens)
}
