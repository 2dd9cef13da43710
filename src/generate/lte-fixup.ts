/**
 * The `lte` hint's fix-up: swaps the number at the path with the one at the hint's pointer when it
 * is larger (lower <= value). A swap keeps the draw proven only between siblings whose object
 * proved them alike (`node.lteSafe`, exact-proof.ts).
 */
import { assignOwn, setAtPath } from '../json/index.js'
import { pointerTokens, readPath } from './apply-hints.js'
import type { Fixup } from './apply-hints.js'
import type { DrawState, GenNode } from './draw-state.js'

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
