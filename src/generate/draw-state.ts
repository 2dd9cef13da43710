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
  readonly fixups: ((root: unknown, state: DrawState) => boolean)[]
  /** Set when the draw left a proven path (see exact-proof.ts): the value is checked after all. */
  unproven: boolean
  /** Set when a fix-up other than `lte` wrote (lte-fixup.ts then finds its holders again). */
  containersMoved: boolean
  /**
   * The schema allows `lte` swaps recorded by holder (lte-fixup.ts `recordLte`): no fix-up but
   * `lte`, no reordered or redrawn items, no check of a value before its fix-ups ran.
   */
  readonly lteByHolder: boolean
  /** The object whose field is being drawn (set by the object plans), and the path length there. */
  holder: Record<string, unknown> | undefined
  holderAt: number
  /** `lte` swaps recorded by holder: its object, its compiled hint, and its place among `fixups`. */
  readonly lteHolders: Record<string, unknown>[]
  readonly lteHints: LteHint[]
  readonly lteAt: number[]
}

/** An `lte` hint of a property, compiled once: its name, its sibling's, and its node. */
export interface LteHint {
  readonly hereKey: string
  readonly upperKey: string
  readonly node: GenNode
}

/** A compiled node: makes one value for its subschemas. */
export interface GenNode {
  gen: (rng: Rng, state: DrawState) => unknown
  /** Proven to make only values valid for its subschemas (exact-proof.ts); false until compiled. */
  exact?: boolean
  /** A plain number node: its types and bounds, all its values must satisfy (exact-proof.ts). */
  numeric?: NumericBounds
  /**
   * Its `lte` swaps with a sibling property are proven safe: every object that holds it as a
   * property proved both sides have the same numeric bounds (undefined: nobody proved it).
   */
  lteSafe?: boolean
  /** The pointer of its `lte` hint, for the object that holds it to prove the swap safe. */
  lte?: string
  /** Proven never to make a number (its types exclude them, or its listed values are none). */
  numberFree?: boolean
}

/**
 * The skip of a node: draws from the rng what its `gen` draws, and makes nothing, for a value
 * overwritten before anything reads it (a field of an object `sumTo` rescales). Only nodes whose
 * draw is a number plan's have one. Kept beside the nodes, not on them: a field more on some
 * nodes gives the calls of `gen` one more object shape to tell apart.
 */
const skips = new WeakMap<GenNode, (rng: Rng, state: DrawState) => void>()

export function setSkip(node: GenNode, skip: (rng: Rng, state: DrawState) => void): void {
  skips.set(node, skip)
}

export function skipOfNode(
  node: GenNode | null,
): ((rng: Rng, state: DrawState) => void) | undefined {
  return node ? skips.get(node) : undefined
}

/** What a plain number node's values satisfy: nothing but a type and bounds. */
export interface NumericBounds {
  readonly integer: boolean
  readonly low?: { readonly value: number; readonly exclusive: boolean }
  readonly high?: { readonly value: number; readonly exclusive: boolean }
}

/** True when `x` satisfies `bounds` as ajv judges it (a finite number, whole if `integer`, in range). */
export function withinBounds(bounds: NumericBounds, x: number): boolean {
  if (!Number.isFinite(x) || (bounds.integer && !Number.isInteger(x))) return false
  const { low, high } = bounds
  if (low && !(low.exclusive ? x > low.value : x >= low.value)) return false
  return !high || (high.exclusive ? x < high.value : x <= high.value)
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
