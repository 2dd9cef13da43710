/**
 * Per-record work on a batch that cannot stall the server: a small batch runs at once (the fast
 * path stays synchronous), a large one in slices with a turn of the event loop between them, so
 * other clients are answered while a 200,000-record batch is checked or answered.
 */

/** Most records handled between two turns of the event loop. */
export const sliceSize = 512

/** A slice also ends once it has taken this long (read every `clockEvery` records). */
export const sliceMs = 4
const clockEvery = 8

// setImmediate lets pending I/O run first; browsers (the msw adapter) have only setTimeout.
export const nextTurn = (): Promise<void> =>
  new Promise((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  )

/**
 * Calls `step(i)` for every index below `count`, in order, until one returns `true` (stop).
 * Synchronous when `count` fits in one slice; otherwise a promise settled after the last step.
 */
export function eachRecord(
  count: number,
  step: (index: number) => boolean | undefined,
): Promise<void> | undefined {
  if (count <= sliceSize) {
    for (let i = 0; i < count; i++) if (step(i) === true) return undefined
    return undefined
  }
  return (async () => {
    // A turn first (the body was just parsed in this one); slow records (a wide schema, many
    // violations each) end a slice early.
    for (let i = 0; i < count;) {
      await nextTurn()
      const began = performance.now()
      const end = Math.min(count, i + sliceSize)
      for (; i < end; i++) {
        if (step(i) === true) return
        if (i % clockEvery === clockEvery - 1 && performance.now() - began > sliceMs) {
          i++
          break
        }
      }
    }
  })()
}

/** `then(value)` now, or after `pending` settles. */
export function after<T>(
  pending: Promise<void> | undefined,
  then: () => T | Promise<T>,
): T | Promise<T> {
  return pending ? pending.then(then) : then()
}
