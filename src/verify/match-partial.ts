/**
 * The examples check's comparison: the actual output matches an example's expected output when
 * every key the example gives matches (objects are partial, arrays have the same length and
 * match item by item, numbers are equal within an absolute tolerance, anything else is equal).
 */
import type { Problem } from '../errors.js'
import { joinPointer } from '../json/index.js'

function show(value: unknown): string {
  const text = JSON.stringify(value)
  return text === undefined ? 'nothing' : text.length > 80 ? `${text.slice(0, 77)}...` : text
}

function mismatch(pointer: string, message: string): Problem {
  return { code: 'verify.example-mismatch', severity: 'error', pointer, message }
}

/**
 * Every place `actual` differs from `expected`, by JSON pointer into the output.
 *
 * @example
 * matchPartial({ category: 'groceries' }, { category: 'dining', confidence: 0.4 }, 1e-6)
 * // [{ pointer: '/category', message: 'expected "groceries", got "dining"', ... }]
 */
export function matchPartial(
  expected: unknown,
  actual: unknown,
  tolerance: number,
  pointer = '',
): Problem[] {
  if (typeof expected === 'number' && typeof actual === 'number') {
    return Math.abs(expected - actual) <= tolerance + 1e-12
      ? []
      : [mismatch(pointer, `expected ${expected} ± ${tolerance}, got ${actual}`)]
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [mismatch(pointer, `expected an array, got ${show(actual)}`)]
    if (actual.length !== expected.length)
      return [mismatch(pointer, `expected ${expected.length} items, got ${actual.length}`)]
    return expected.flatMap((item, i) =>
      matchPartial(item, actual[i], tolerance, joinPointer(pointer, i)),
    )
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual))
      return [mismatch(pointer, `expected an object, got ${show(actual)}`)]
    const record = actual as Record<string, unknown>
    return Object.entries(expected).flatMap(([key, value]) =>
      Object.hasOwn(record, key)
        ? matchPartial(value, record[key], tolerance, joinPointer(pointer, key))
        : [mismatch(joinPointer(pointer, key), `expected ${show(value)}, got nothing`)],
    )
  }
  return Object.is(expected, actual) || expected === actual
    ? []
    : [mismatch(pointer, `expected ${show(expected)}, got ${show(actual)}`)]
}
