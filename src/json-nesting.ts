/**
 * How deep JSON text nests, read from the text itself before any parser or walker recurses into
 * it (ground floor: serve bounds request bodies with it, verify bounds answers).
 */

/** True when `text` nests `[`/`{` (outside strings) deeper than `limit`; stops at the first excess. */
export function nestingExceeds(text: string, limit: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92)
        i++ // backslash: skip the escaped character
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 91 || c === 123) {
      if (++depth > limit) return true
    } else if (c === 93 || c === 125) depth--
  }
  return false
}
