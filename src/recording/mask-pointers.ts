/**
 * Masks input fields by JSON pointer (`--redact /narration`): the value becomes `***` in a
 * copy of each record. A pointer that a record does not have is left alone.
 */
import { parsePointer } from '../json/index.js'
import { isObject, setOwn } from '../json/index.js'

/** What a masked value becomes. */
export const MASK = '***'

function maskOne(record: unknown, path: readonly string[]): unknown {
  const [head, ...rest] = path
  if (head === undefined) return MASK
  if (Array.isArray(record)) {
    const index = Number(head)
    if (!Number.isInteger(index) || index < 0 || index >= record.length) return record
    const copy = [...(record as unknown[])]
    copy[index] = maskOne(copy[index], rest)
    return copy
  }
  if (!isObject(record) || !Object.hasOwn(record, head)) return record
  const copy: Record<string, unknown> = { ...record }
  setOwn(copy, head, maskOne(record[head], rest))
  return copy
}

/**
 * A copy of `record` with the value at each pointer replaced by `***`.
 *
 * @example
 * maskPointers({ narration: 'POS TESCO', amount: 3 }, ['/narration']) // { narration: '***', amount: 3 }
 */
export function maskPointers(record: unknown, pointers: readonly string[]): unknown {
  let out = record
  for (const pointer of pointers) {
    const path = parsePointer(pointer)
    if (path !== undefined) out = maskOne(out, path)
  }
  return out
}
