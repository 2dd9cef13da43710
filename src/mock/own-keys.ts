/** Prototype-safe helpers for building JSON objects from untrusted keys. */

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Sets an own, enumerable data property. Plain assignment of a key named `__proto__` would
 * change the object's prototype instead (prototype pollution); defineProperty never does.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}
