/**
 * Size limits on a parsed request body, checked before any validation so that one request within
 * the body limit cannot make the validator (or the error answer) do work out of proportion to it:
 * keys per object, items per array, characters per string (keys included). The walk is iterative,
 * so a limit raised far above the default nesting cannot overflow the stack.
 */
import type { Problem } from '../errors.js'
import { joinPointer } from '../contract/index.js'

/** The limits, all counts. */
export interface BodyLimits {
  /** Most keys in one object. */
  readonly maxKeys: number
  /** Most items in one array. */
  readonly maxItems: number
  /** Most characters in one string value or key. */
  readonly maxStringLength: number
}

/** The defaults: room for a 224×224×3 image tensor, a long document, a wide feature record. */
export const defaultBodyLimits: BodyLimits = {
  maxKeys: 1000,
  maxItems: 200_000,
  maxStringLength: 100_000,
}

/** One node on the walk: a value, its parent's index on the path, and its token. */
interface Step {
  readonly value: unknown
  readonly parent: number
  readonly token: string | number
}

function pointerOf(path: readonly Step[], index: number): string {
  const tokens: (string | number)[] = []
  for (let i = index; i > 0; i = path[i]?.parent ?? 0) tokens.push((path[i] as Step).token)
  return joinPointer('', ...tokens.reverse())
}

function exceeded(code: string, pointer: string, message: string): Problem {
  return { code: `request.${code}`, severity: 'error', pointer, message }
}

/** The first limit `value` breaks, as a problem with its pointer; undefined when it keeps them all. */
export function checkLimits(value: unknown, limits: BodyLimits): Problem | undefined {
  const path: Step[] = [{ value, parent: 0, token: '' }]
  for (let at = 0; at < path.length; at++) {
    const node = (path[at] as Step).value
    if (typeof node === 'string') {
      if (node.length > limits.maxStringLength)
        return exceeded(
          'string-too-long',
          pointerOf(path, at),
          `the string has ${node.length} characters; the limit is ${limits.maxStringLength}`,
        )
    } else if (Array.isArray(node)) {
      if (node.length > limits.maxItems)
        return exceeded(
          'too-many-items',
          pointerOf(path, at),
          `the array has ${node.length} items; the limit is ${limits.maxItems}`,
        )
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i]
        if (typeof item === 'object' || typeof item === 'string')
          path.push({ value: item, parent: at, token: i })
      }
    } else if (typeof node === 'object' && node !== null) {
      const keys = Object.keys(node)
      if (keys.length > limits.maxKeys)
        return exceeded(
          'too-many-keys',
          pointerOf(path, at),
          `the object has ${keys.length} keys; the limit is ${limits.maxKeys}`,
        )
      for (const key of keys) {
        if (key.length > limits.maxStringLength)
          return exceeded(
            'string-too-long',
            pointerOf(path, at),
            `a key has ${key.length} characters; the limit is ${limits.maxStringLength}`,
          )
        const item: unknown = (node as Record<string, unknown>)[key]
        if (typeof item === 'object' || typeof item === 'string')
          path.push({ value: item, parent: at, token: key })
      }
    }
  }
  return undefined
}
