/**
 * How deep JSON text nests, read from the text itself before any parser or walker recurses into
 * it (ground floor: serve bounds request bodies with it, verify bounds answers).
 */

/** True when `text` nests `[`/`{` (outside strings) deeper than `limit`; stops at the first excess. */
export function nestingExceeds(text: string, limit: number): boolean {
  return nestingScan(text, limit)(Infinity) === true
}

/**
 * `nestingExceeds` in steps, so that a large text is read between turns of the event loop: each
 * call reads up to `chars` more characters and returns `'more'`, `true` at the first excess, or
 * `false` when the text is over.
 */
export function nestingScan(text: string, limit: number): (chars: number) => boolean | 'more' {
  let depth = 0
  let inString = false
  let i = 0
  return (chars) => {
    const stop = Math.min(text.length, i + chars)
    for (; i < stop; i++) {
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
    return i < text.length ? 'more' : false
  }
}
