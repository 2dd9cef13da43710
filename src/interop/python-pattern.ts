/**
 * Patterns written for Python's `re` (Pydantic and FastAPI copy them into OpenAPI documents) as
 * ECMA-262 patterns in unicode mode, which JSON Schema uses (2020-12 §6.4): named groups
 * `(?P<name>...)` become `(?<name>...)`, back references `(?P=name)` become `\k<name>`, and
 * escapes of characters that need none (`\;`, `\=`, `\%`, ...), which unicode mode refuses,
 * lose their backslash.
 */

/** Characters whose escape is an identity escape in unicode mode (ECMA-262 SyntaxCharacter and `/`). */
const SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''))

/** The ECMA-262 form of a Python pattern; the pattern itself when nothing needed changing. */
export function fromPythonPattern(pattern: string): string {
  let out = ''
  let inClass = false
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string
    if (c === '\\') {
      const next = pattern[i + 1]
      if (next === undefined) return pattern
      const punctuation = !/[A-Za-z0-9]/.test(next)
      if (punctuation && !SYNTAX.has(next) && !(next === '-' && inClass)) out += next
      else out += `\\${next}`
      i++
      continue
    }
    if (!inClass && pattern.startsWith('(?P<', i)) {
      out += '(?<'
      i += 3
      continue
    }
    const backReference = inClass
      ? null
      : /^\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/.exec(pattern.slice(i))
    if (backReference) {
      out += `\\k<${backReference[1] ?? ''}>`
      i += backReference[0].length - 1
      continue
    }
    if (c === '[' && !inClass) inClass = true
    else if (c === ']' && inClass) inClass = false
    out += c
  }
  return out
}
