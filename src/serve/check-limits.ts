/**
 * Size limits on a request body, checked on the JSON text before it is parsed, so that one
 * request within the body limit cannot make the parser, the validator or the error answer do
 * work out of proportion to it: keys per object, items per array, characters per string (keys
 * included). One pass over the text, no recursion, no values built; a violation is reported
 * with the JSON pointer of the container or string. Text that is not JSON passes through to the
 * parser, which refuses it.
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

/** One open object or array: its separators seen so far, and (objects) the current key's text. */
interface Frame {
  readonly object: boolean
  commas: number
  /** Objects: true while the next string is a key. */
  expectKey: boolean
  keyStart: number
  keyEnd: number
}

function exceeded(code: string, pointer: string, message: string): Problem {
  return { code: `request.${code}`, severity: 'error', pointer, message }
}

/** The decoded text of the JSON string literal at [start, end) (quotes excluded). */
function decoded(text: string, start: number, end: number): string {
  try {
    return JSON.parse(text.slice(start - 1, end + 1)) as string
  } catch {
    return text.slice(start, end)
  }
}

/** The pointer of the frame at `depth` (its parents' current tokens). */
function pointerOf(text: string, stack: readonly Frame[], depth: number): string {
  const tokens: (string | number)[] = []
  for (let i = 0; i < depth; i++) {
    const frame = stack[i] as Frame
    tokens.push(frame.object ? decoded(text, frame.keyStart, frame.keyEnd) : frame.commas)
  }
  return joinPointer('', ...tokens)
}

/** The first limit the JSON `text` breaks, as a problem with its pointer; undefined when none. */
export function checkLimits(text: string, limits: BodyLimits): Problem | undefined {
  const stack: Frame[] = []
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) {
      const start = i + 1
      let j = start
      for (; j < text.length; j++) {
        const d = text.charCodeAt(j)
        if (d === 92) j++
        else if (d === 34) break
      }
      i = j
      const top = stack[stack.length - 1]
      const isKey = top !== undefined && top.object && top.expectKey
      if (isKey) {
        top.keyStart = start
        top.keyEnd = j
        top.expectKey = false
      }
      // Escapes make the text longer than the string: decode only when the text is over.
      if (j - start > limits.maxStringLength) {
        const length = decoded(text, start, j).length
        if (length > limits.maxStringLength)
          return isKey
            ? exceeded(
                'string-too-long',
                pointerOf(text, stack, stack.length - 1),
                `a key has ${length} characters; the limit is ${limits.maxStringLength}`,
              )
            : exceeded(
                'string-too-long',
                pointerOf(text, stack, stack.length),
                `the string has ${length} characters; the limit is ${limits.maxStringLength}`,
              )
      }
    } else if (c === 123 || c === 91) {
      stack.push({ object: c === 123, commas: 0, expectKey: c === 123, keyStart: 0, keyEnd: 0 })
    } else if (c === 125 || c === 93) {
      stack.pop()
    } else if (c === 44) {
      const top = stack[stack.length - 1]
      if (!top) continue
      top.commas++
      if (top.object) {
        top.expectKey = true
        if (top.commas + 1 > limits.maxKeys)
          return exceeded(
            'too-many-keys',
            pointerOf(text, stack, stack.length - 1),
            `the object has more than ${limits.maxKeys} keys (the limit)`,
          )
      } else if (top.commas + 1 > limits.maxItems)
        return exceeded(
          'too-many-items',
          pointerOf(text, stack, stack.length - 1),
          `the array has more than ${limits.maxItems} items (the limit)`,
        )
    }
  }
  return undefined
}
