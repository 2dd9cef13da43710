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

/** A path into JSON data: object keys and array indexes. */
export type JsonPath = readonly (string | number)[]

/** The value at `path` (own fields only: `/constructor` reads nothing inherited), or undefined. */
export function valueAtPath(value: unknown, path: JsonPath): unknown {
  let current = value
  for (const token of path) {
    if (Array.isArray(current)) current = current[Number(token)]
    else if (isObject(current) && hasOwn(current, String(token))) current = current[String(token)]
    else return undefined
  }
  return current
}

/** Sets the value at `path` in place (the path up to its last step exists); returns the root. */
export function setAtPath(root: unknown, path: JsonPath, value: unknown): unknown {
  if (path.length === 0) return value
  let current = root as Record<string, unknown>
  for (let i = 0; i < path.length - 1; i++)
    current = current[String(path[i])] as Record<string, unknown>
  const last = path[path.length - 1] as string | number
  if (Array.isArray(current)) current[Number(last)] = value
  else assignOwn(current, String(last), value)
  return root
}
