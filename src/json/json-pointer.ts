/** RFC 6901 JSON pointers: escape, parse and resolve. */

/** Escapes one reference token (`~` -> `~0`, `/` -> `~1`). */
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1')
}

/** Unescapes one reference token (`~1` -> `/`, `~0` -> `~`, in that order). */
export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~')
}

/**
 * The tokens of a `$ref`'s fragment pointer (`#/$defs/A%20B` gives `$defs`, `A B`): each token
 * percent-decoded (kept as written when it is not valid percent-encoding), then unescaped.
 * `undefined` when the fragment is not a pointer.
 */
export function fragmentTokens(fragment: string): string[] | undefined {
  const pointer = fragment.startsWith('#') ? fragment.slice(1) : fragment
  if (pointer === '') return []
  if (!pointer.startsWith('/')) return undefined
  return pointer.slice(1).split('/').map(decodeToken)
}

/** One token of a URI fragment: percent-decoded (as written when it is not valid), unescaped. */
export function decodeToken(raw: string): string {
  let decoded = raw
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    // not percent-encoded after all: used as written
  }
  return unescapeToken(decoded)
}

/** Joins a pointer and one more token. */
export function joinPointer(pointer: string, ...tokens: readonly (string | number)[]): string {
  return pointer + tokens.map((t) => `/${escapeToken(t)}`).join('')
}

/** Splits a pointer into unescaped tokens; `undefined` when it is not a pointer. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return []
  if (!pointer.startsWith('/')) return undefined
  return pointer.slice(1).split('/').map(unescapeToken)
}

/** The value at `pointer` in `root`, or `undefined` (with `found: false`) when there is none. */
export function resolvePointer(
  root: unknown,
  pointer: string,
): { found: true; value: unknown } | { found: false; deepest: string; keys: string[] } {
  const tokens = parsePointer(pointer)
  if (!tokens) return { found: false, deepest: '', keys: [] }
  let current: unknown = root
  let deepest = ''
  for (const token of tokens) {
    if (current !== null && typeof current === 'object' && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token]
      deepest = joinPointer(deepest, token)
    } else {
      const keys =
        current !== null && typeof current === 'object' && !Array.isArray(current)
          ? Object.keys(current)
          : []
      return { found: false, deepest, keys }
    }
  }
  return { found: true, value: current }
}

/** True when `pointer` equals `base` or lies under it. */
export function isUnder(pointer: string, base: string): boolean {
  return pointer === base || pointer.startsWith(`${base}/`)
}
