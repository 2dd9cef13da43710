/**
 * The `x-standin` ML hints that shape a value after it is drawn: `sumTo` (a probability vector),
 * `order` (sorted scores), `argmaxOf` (a label agreeing with its scores), `maxOf` (a confidence that
 * is the top score) and `lte` (lower <= value <= upper; lte-fixup.ts; sumTo in sum-to.ts). `copy` and
 * `lengthOf` read the input and act while drawing (see compile-node.ts).
 */
import { setAtPath, valueAtPath } from '../json/index.js'
import { parsePointer } from '../json/index.js'
import { pointerReader, withinBounds } from './draw-state.js'
import type { DrawState, GenNode } from './draw-state.js'

export { applySumTo, sumToKeys } from './sum-to.js'
import { ownValue } from './sum-to.js'

/** Sorts an array by its items or by the item field `by` points to. */
export function applyOrder(value: unknown, order: unknown): unknown {
  if (!Array.isArray(value)) return value
  const direction =
    typeof order === 'string' ? order : (order as { direction?: string } | null)?.direction
  const by = typeof order === 'object' && order !== null ? (order as { by?: string }).by : undefined
  const read = by ? pointerReader(by) : undefined
  const key = (item: unknown): unknown => (read ? read(item) : item)
  const sign = direction === 'desc' ? -1 : 1
  value.sort((a, b) => {
    const x = key(a)
    const y = key(b)
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * sign
    return String(x) < String(y) ? -sign : String(x) > String(y) ? sign : 0
  })
  return value
}

/** `valueAtPath` (own fields only), as an indexed loop: `lte` reads three paths per item per pass. */
export function readPath(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value
  for (let i = 0; i < path.length; i++) {
    const token = path[i] as string | number
    if (Array.isArray(current)) current = current[Number(token)]
    else if (typeof current === 'object' && current !== null) {
      const key = String(token)
      if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined
      current = (current as Record<string, unknown>)[key]
    } else return undefined
  }
  return current
}

/** The tokens of a hint's pointer (checked to be a pointer when the contract loaded). */
export function pointerTokens(pointer: string): string[] {
  return parsePointer(pointer) ?? []
}

/**
 * Reads the field a hint's output pointer names: the pointer into the output record first, else,
 * when the hint sits inside an array item (one prediction per row), the same field of that item.
 */
function readRelated(
  root: unknown,
  path: readonly (string | number)[],
  tokens: readonly string[],
): unknown {
  const value = valueAtPath(root, tokens)
  if (value !== undefined || path.length <= 1) return value
  return valueAtPath(root, [...path.slice(0, -1), ...tokens])
}

/**
 * A fix-up, compiled once per schema node (its pointer parsed then), bound to the path of each
 * value drawn there; run on the whole output, it answers whether it changed a value.
 */
export type Fixup = (
  path: readonly (string | number)[],
  node: GenNode,
) => (root: unknown, state: DrawState) => boolean

/**
 * Sets the label at the path to the key (object scores) or the enum value at the index (array
 * scores; the index itself for an integer label) of the highest score at `scoresPointer`.
 */
export function argmaxFixup(
  scoresPointer: string,
  labels: readonly unknown[] | undefined,
  integer: boolean,
): Fixup {
  const tokens = pointerTokens(scoresPointer)
  return (path) => (root, state) => {
    const scores = readRelated(root, path, tokens)
    let best: string | number | undefined
    let top = -Infinity
    if (Array.isArray(scores)) {
      scores.forEach((s, i) => {
        if (typeof s === 'number' && s > top) [top, best] = [s, i]
      })
      if (best === undefined) return false
      const label = labels ? labels[best as number] : integer ? best : undefined
      if (label !== undefined) setAtPath(root, path, label)
      state.containersMoved = true
    } else if (typeof scores === 'object' && scores !== null) {
      const record = scores as Record<string, unknown>
      for (const k of Object.keys(record)) {
        const s = ownValue(record, k)
        if (typeof s === 'number' && s > top) {
          top = s
          best = k
        }
      }
      if (best !== undefined && (!labels || labels.includes(best))) setAtPath(root, path, best)
      state.containersMoved = true
    }
    return false
  }
}

/**
 * Sets the number at the path to the largest number at `scoresPointer` (an array or an object of
 * numbers): the confidence of the top class agrees with the per-class scores. `holds` judges the
 * number against the node's own schema as it is written: one the node does not allow leaves the
 * proven path, and the whole value is checked after all (exact-proof.ts).
 */
export function maxFixup(scoresPointer: string, holds: () => (value: unknown) => boolean): Fixup {
  const tokens = pointerTokens(scoresPointer)
  return (path, node) => (root, state) => {
    const scores = readRelated(root, path, tokens)
    if (typeof scores !== 'object' || scores === null) return false
    let top = -Infinity
    let found = false
    for (const value of Object.values(scores))
      if (typeof value === 'number') {
        // Math.max: NaN wins, and -0 is above 0 (JSON never holds a NaN).
        top = Math.max(top, value)
        found = true
      }
    if (found) {
      setAtPath(root, path, top)
      state.containersMoved = true
      // A plain number node is judged by its bounds, any other by ajv.
      const bounds = node.numeric
      if (!state.unproven && !(bounds ? withinBounds(bounds, top) : holds()(top)))
        state.unproven = true
    }
    return false
  }
}
