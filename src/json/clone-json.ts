import { assignOwn } from './json-object.js'

/**
 * Deep-copies JSON data (objects, arrays, primitives) without recursion: structuredClone is
 * recursive in V8 and overflows the stack on the nesting of a 1,000-deep schema.
 */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value
  const copyOf = (item: object): Record<string, unknown> | unknown[] =>
    Array.isArray(item) ? new Array<unknown>(item.length) : {}
  const root = copyOf(value)
  const stack: { from: object; to: Record<string, unknown> | unknown[] }[] = [
    { from: value, to: root },
  ]
  while (stack.length > 0) {
    const { from, to } = stack.pop() as (typeof stack)[number]
    for (const [key, child] of Object.entries(from)) {
      let copy: unknown = child
      if (child !== null && typeof child === 'object') {
        const target = copyOf(child as object)
        stack.push({ from: child as object, to: target })
        copy = target
      }
      if (Array.isArray(to)) to[Number(key)] = copy
      else assignOwn(to, key, copy)
    }
  }
  return root as T
}
