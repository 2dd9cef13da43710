/**
 * The state of one draw: the input (for `copy` / `lengthOf`), the nesting depth (the recursion
 * budget), the path of the value being made, and the fix-ups that run once the whole value exists
 * (`argmaxOf`, `lte`: they read other fields of the output).
 */
import { parsePointer } from '../contract/index.js'
import { assignOwn, hasOwn } from '../json-object.js'
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

/** Follows a path of tokens into a value (`undefined` when absent). */
export function valueAtPath(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value
  for (const token of path) {
    if (typeof current !== 'object' || current === null) return undefined
    if (Array.isArray(current)) current = current[Number(token)]
    // Own fields only: `/constructor` or `/__proto__` must not read what objects inherit.
    else if (hasOwn(current as Record<string, unknown>, String(token)))
      current = (current as Record<string, unknown>)[String(token)]
    else return undefined
  }
  return current
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

/** Sets the value at a path of keys/indexes (the path exists). */
export function setAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value
  let current = root as Record<string | number, unknown>
  for (let i = 0; i < path.length - 1; i++)
    current = current[path[i] as string] as Record<string | number, unknown>
  const last = path[path.length - 1] as string | number
  if (Array.isArray(current)) current[last as number] = value
  else assignOwn(current, String(last), value)
  return root
}

/** Deep copy of JSON data. */
export function cloneJson<T>(value: T): T {
  return value === null || typeof value !== 'object'
    ? value
    : (JSON.parse(JSON.stringify(value)) as T)
}
