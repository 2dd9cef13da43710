/**
 * Size limits on a request body, checked on the JSON text before it is parsed, so that one
 * request within the body limit cannot make the parser, the validator or the error answer do
 * work out of proportion to it: keys per object, items per array, characters per string (keys
 * included). One pass over the text, no recursion, no values built; a violation is reported
 * with the JSON pointer of the container or string. Text that is not JSON passes through to the
 * parser, which refuses it.
 */
import type { Problem } from '../errors.js'
import { joinPointer } from '../json/index.js'

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

/**
 * The open objects and arrays, innermost last, as parallel arrays of numbers (no object per
 * container: a 150,000-record batch opens 150,000 of them).
 */
interface Stack {
  depth: number
  /** 1 for an object, 0 for an array. */
  readonly object: number[]
  /** Separators seen so far. */
  readonly commas: number[]
  /** Objects: 1 while the next string is a key. */
  readonly expectKey: number[]
  /** Objects: the current key's text, [start, end). */
  readonly keyStart: number[]
  readonly keyEnd: number[]
}

function exceeded(
  code: 'too-many-keys' | 'too-many-items' | 'string-too-long',
  pointer: string,
  message: string,
): Problem {
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
function pointerOf(text: string, stack: Stack, depth: number): string {
  const tokens: (string | number)[] = []
  for (let i = 0; i < depth; i++)
    tokens.push(
      stack.object[i] === 1
        ? decoded(text, stack.keyStart[i] ?? 0, stack.keyEnd[i] ?? 0)
        : (stack.commas[i] ?? 0),
    )
  return joinPointer('', ...tokens)
}

/** The first limit the JSON `text` breaks, as a problem with its pointer; undefined when none. */
export function checkLimits(text: string, limits: BodyLimits): Problem | undefined {
  const scan = limitScan(text, limits)
  let result = scan(Infinity)
  while (result === 'more') result = scan(Infinity)
  return result
}

/**
 * `checkLimits` in steps, so that a large body is scanned between turns of the event loop: each
 * call reads at least `chars` more characters (to the end of a string it is inside) and returns
 * `'more'`, or the first problem, or undefined when the text is over.
 */
export function limitScan(
  text: string,
  limits: BodyLimits,
): (chars: number) => Problem | undefined | 'more' {
  const stack: Stack = { depth: 0, object: [], commas: [], expectKey: [], keyStart: [], keyEnd: [] }
  let i = 0
  return (chars) => {
    const stop = Math.min(text.length, i + chars)
    for (; i < stop; i++) {
      const c = text.charCodeAt(i)
      const top = stack.depth - 1
      if (c === 34) {
        const start = i + 1
        let j = start
        for (; j < text.length; j++) {
          const d = text.charCodeAt(j)
          if (d === 92) j++
          else if (d === 34) break
        }
        i = j
        const isKey = top >= 0 && stack.object[top] === 1 && stack.expectKey[top] === 1
        if (isKey) {
          stack.keyStart[top] = start
          stack.keyEnd[top] = j
          stack.expectKey[top] = 0
        }
        // Escapes make the text longer than the string: decode only when the text is over.
        if (j - start > limits.maxStringLength) {
          const length = decoded(text, start, j).length
          if (length > limits.maxStringLength)
            return isKey
              ? exceeded(
                  'string-too-long',
                  pointerOf(text, stack, top),
                  `a key has ${length} characters; the limit is ${limits.maxStringLength}`,
                )
              : exceeded(
                  'string-too-long',
                  pointerOf(text, stack, stack.depth),
                  `the string has ${length} characters; the limit is ${limits.maxStringLength}`,
                )
        }
      } else if (c === 123 || c === 91) {
        const at = stack.depth++
        stack.object[at] = c === 123 ? 1 : 0
        stack.commas[at] = 0
        stack.expectKey[at] = c === 123 ? 1 : 0
      } else if (c === 125 || c === 93) {
        if (stack.depth > 0) stack.depth--
      } else if (c === 44) {
        if (top < 0) continue
        const commas = (stack.commas[top] = (stack.commas[top] ?? 0) + 1)
        if (stack.object[top] === 1) {
          stack.expectKey[top] = 1
          if (commas + 1 > limits.maxKeys)
            return exceeded(
              'too-many-keys',
              pointerOf(text, stack, top),
              `the object has more than ${limits.maxKeys} keys (the limit)`,
            )
        } else if (commas + 1 > limits.maxItems)
          return exceeded(
            'too-many-items',
            pointerOf(text, stack, top),
            `the array has more than ${limits.maxItems} items (the limit)`,
          )
      }
    }
    return i < text.length ? 'more' : undefined
  }
}
