/**
 * Freezes a value and everything reachable from it (objects, arrays, functions' own properties
 * are left alone). Iterative, so a 1,000-deep schema does not exhaust the stack.
 */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value]
  const seen = new Set<unknown>()
  while (stack.length > 0) {
    const item = stack.pop()
    if (item === null || typeof item !== 'object' || seen.has(item)) continue
    seen.add(item)
    for (const child of Object.values(item)) {
      if (child !== null && typeof child === 'object') stack.push(child)
    }
    Object.freeze(item)
  }
  return value
}
