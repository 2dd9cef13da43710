/**
 * The `lte` hint's fix-up: swaps the number at the path with the one at the hint's pointer when it
 * is larger (lower <= value). A swap keeps the draw proven only between siblings whose object
 * proved them alike (`node.lteSafe`, exact-proof.ts).
 */
import { assignOwn, setAtPath } from '../json/index.js'
import { pointerTokens, readPath } from './apply-hints.js'
import type { Fixup } from './apply-hints.js'
import type { DrawState, GenNode, LteHint } from './draw-state.js'

/**
 * Swaps lower and upper when lower is larger. The pointer is into the output record; when nothing
 * is there and the hint sits inside an array item (one interval per row), it names a field of the
 * same item. Reads and writes what the general form does, but resolves the two holders once per
 * draw: an lte swap writes a number over a number, so holders and routes stay put until another
 * fix-up writes (`state.containersMoved`), and later passes read two fields, not three paths.
 */
export function lteFixup(upperPointer: string): Fixup {
  const upperPath = pointerTokens(upperPointer)
  const upperKey = upperPath.length === 1 ? upperPath[0] : undefined
  return (path, node) => {
    if (upperKey === undefined || path.length === 0) return genericLte(upperPath, path, node)
    const parentPath = path.slice(0, -1)
    const hereKey = path[path.length - 1] as string | number
    let resolved = false
    let hereHolder: unknown
    let targetHolder: unknown
    let sibling = false
    return (root, state) => {
      if (!resolved || state.containersMoved) {
        const absolute = step(root, upperKey)
        const deep = path.length > 1
        const parent = deep ? readPath(root, parentPath) : root
        sibling = typeof absolute !== 'number' && deep
        targetHolder = sibling ? parent : root
        hereHolder = parent
        resolved = true
      }
      const upper = step(targetHolder, upperKey)
      const here = step(hereHolder, hereKey)
      if (typeof here === 'number' && typeof upper === 'number' && here > upper) {
        if (!((sibling || path.length === 1) && node.lteSafe === true)) state.unproven = true
        write(hereHolder, hereKey, upper)
        write(targetHolder, upperKey, here)
        return true
      }
      return false
    }
  }
}

/** One step of `readPath`: an array's item, an object's own field, else undefined. */
function step(current: unknown, token: string | number): unknown {
  if (Array.isArray(current)) return current[Number(token)]
  if (typeof current !== 'object' || current === null) return undefined
  const key = String(token)
  return Object.prototype.hasOwnProperty.call(current, key)
    ? (current as Record<string, unknown>)[key]
    : undefined
}

/** The last step of `setAtPath`, into a holder already found. */
function write(holder: unknown, token: string | number, value: number): void {
  if (Array.isArray(holder)) holder[Number(token)] = value
  else assignOwn(holder as Record<string, unknown>, String(token), value)
}

/** The general `lte` fix-up: every path read from the root on every run. */
function genericLte(
  upperPath: readonly string[],
  path: readonly (string | number)[],
  node: GenNode,
): (root: unknown, state: DrawState) => boolean {
  const siblingPath = path.slice(0, -1).concat(upperPath)
  return (root, state) => {
    // The pointer is into the output record; when nothing is there and the hint sits inside an
    // array item (one interval per row), it names a field of the same item.
    let target: readonly (string | number)[] = upperPath
    let upper = readPath(root, target)
    if (typeof upper !== 'number' && path.length > 1) {
      target = siblingPath
      upper = readPath(root, target)
    }
    const here = readPath(root, path)
    if (typeof here === 'number' && typeof upper === 'number' && here > upper) {
      // A sibling: the target read (the record's own field when the hint is at its top level).
      const sibling = upperPath.length === 1 && (target === siblingPath || path.length === 1)
      if (!(sibling && node.lteSafe === true)) state.unproven = true
      setAtPath(root, path, upper)
      setAtPath(root, target, here)
      return true
    }
    return false
  }
}

/**
 * Records an `lte` swap by its holder when the schema allows it (`state.lteByHolder`): no closure
 * and no path copy per value. The holder is the object the field was just drawn into (the object
 * plans set `state.holder`); a value drawn elsewhere, or not a number (its swap never happens),
 * answers false and is recorded the general way (or not at all).
 */
export function recordLte(hint: LteHint, value: unknown, state: DrawState): boolean {
  if (!state.lteByHolder) return false
  const at = state.path.length
  const holder = state.holder
  if (state.holderAt !== at || state.path[at - 1] !== hint.hereKey || !holder) return false
  if (typeof value === 'number') {
    state.lteHolders.push(holder)
    state.lteHints.push(hint)
    state.lteAt.push(state.fixups.length)
  }
  return true
}

/**
 * The swap `lteFixup` makes, for a swap recorded by holder: the same reads and writes. Without
 * fix-ups that move containers (the schema allows none when swaps go by holder), the object at
 * the field's parent path is the holder, and whether the record has a number at the hint's key
 * (`rootHas`) never changes (a swap writes a number over a number).
 */
function swapByHolder(root: unknown, state: DrawState, j: number, rootHas: boolean): boolean {
  const holder = state.lteHolders[j] as Record<string, unknown>
  const { hereKey, upperKey, node } = state.lteHints[j] as LteHint
  const deep = holder !== root
  const sibling = deep && !rootHas
  const target = sibling ? holder : root
  const upper = sibling ? ownField(holder, upperKey) : step(target, upperKey)
  const here = ownField(holder, hereKey)
  if (typeof here === 'number' && typeof upper === 'number' && here > upper) {
    if (!((sibling || !deep) && node.lteSafe === true)) state.unproven = true
    write(holder, hereKey, upper)
    write(target, upperKey, here)
    return true
  }
  return false
}

/** `step` into an object the object plans made (never an array). */
function ownField(holder: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(holder, key) ? holder[key] : undefined
}

/**
 * Runs the fix-ups a draw left, in the order they were recorded (those by holder among the
 * others): argmaxOf runs once; lte swaps repeat until a chain (lower <= value <= upper) is in
 * order. When every fix-up is the same hint swapping within its own holder (one per holder), a
 * swap is final and touches no other record's fields: the second pass would change nothing.
 */
export function runFixups(root: unknown, state: DrawState): void {
  const { fixups, lteAt, lteHints } = state
  const byHolder = lteAt.length
  const first = lteHints[0]
  // Whether the record has a number at a hint's key, asked once per key (it never changes).
  let key = first?.upperKey
  let rootHas = key !== undefined && typeof step(root, key) === 'number'
  let alone = fixups.length === 0 && !rootHas
  for (let j = 1; j < byHolder && alone; j++) alone = lteHints[j] === first
  let changed = fixups.length + byHolder > 0
  for (let pass = 0; pass < 4 && changed; pass++) {
    changed = false
    let j = 0
    for (let i = 0; i <= fixups.length; i++) {
      for (; j < byHolder && (i === fixups.length || (lteAt[j] as number) <= i); j++) {
        const upperKey = (lteHints[j] as LteHint).upperKey
        if (upperKey !== key) {
          key = upperKey
          rootHas = typeof step(root, key) === 'number'
        }
        changed = swapByHolder(root, state, j, rootHas) || changed
      }
      if (i < fixups.length)
        changed =
          (fixups[i] as (root: unknown, state: DrawState) => boolean)(root, state) || changed
    }
    if (alone) break
  }
}
