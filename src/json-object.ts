/**
 * Prototype-safe helpers for JSON objects built from or read with untrusted keys, shared by every
 * capability (contract, generate, mock, protocol).
 */

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** True when `key` is an own property (`__proto__` included when it is own data), never inherited. */
export function hasOwn(value: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key)
}

/**
 * Sets an own, enumerable data property, as fast as plain assignment for every key but
 * `__proto__` (the one key assignment mishandles on a plain object: it changes the prototype).
 */
export function assignOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') setOwn(target, key, value)
  else target[key] = value
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
