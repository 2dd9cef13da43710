/**
 * Patterns V8's own engine runs in linear time. re2js is linear on every pattern but slow (about
 * 1 µs for `^doc-[0-9a-f]{8}$` on a short string, 20 times V8's time), and most contract
 * patterns are of a shape no backtracking engine can be slow on:
 *
 * - anchored at the start (`^`), so only one start position is tried;
 * - a plain sequence of single-character atoms (a literal, an escape, a class, `.`), each
 *   quantified or not: no group, no alternation, no backreference, no lookaround;
 * - every atom repeated a variable number of times (`+`, `*`, `?`, `{n,m}`) shares no character
 *   with what may come right after it (the next atoms up to the first required one).
 *
 * Then, at each character, at most one way on can match: a wrong turn fails on the next
 * character, so matching takes time linear in the input. `^v[0-9]+\.[0-9]+$`, `^[A-Z]{3}$` and
 * `^Q[1-9][0-9]{0,6}$` are such patterns; `^(a+)+$`, `^[0-9]+[0-9]+$` and `a+b` are not, and
 * stay with re2js.
 */

/** A set of code points, as sorted, disjoint, inclusive ranges. */
type CharSet = readonly (readonly [number, number])[]

const MAX_CODE_POINT = 0x10ffff
const DIGIT: CharSet = [[0x30, 0x39]]
const WORD: CharSet = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
]
// ECMA-262 \s: WhiteSpace and LineTerminator.
const SPACE: CharSet = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
]
const LINE_TERMINATORS: CharSet = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
]

function normalise(ranges: readonly (readonly [number, number])[]): CharSet {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0])
  const out: [number, number][] = []
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1]
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi)
    else out.push([lo, hi])
  }
  return out
}

function complement(set: CharSet): CharSet {
  const out: [number, number][] = []
  let next = 0
  for (const [lo, hi] of normalise(set)) {
    if (lo > next) out.push([next, lo - 1])
    next = hi + 1
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT])
  return out
}

function overlaps(a: CharSet, b: CharSet): boolean {
  for (const [alo, ahi] of a) for (const [blo, bhi] of b) if (alo <= bhi && blo <= ahi) return true
  return false
}

/** One atom and how often it repeats. */
interface Item {
  readonly set: CharSet
  readonly min: number
  readonly max: number
}

/** A parser state: the source and the position read up to. */
interface Cursor {
  readonly source: string
  at: number
}

const SINGLE_ESCAPES: Readonly<Record<string, number>> = {
  t: 0x09,
  n: 0x0a,
  v: 0x0b,
  f: 0x0c,
  r: 0x0d,
  '0': 0x00,
}
const SYNTAX = '^$\\.*+?()[]{}|/-'

/** An escape after `\` (the cursor on the letter): its set, or undefined when not understood. */
function readEscape(c: Cursor, inClass: boolean): CharSet | undefined {
  const letter = c.source[c.at]
  if (letter === undefined) return undefined
  c.at++
  if (letter === 'd') return DIGIT
  if (letter === 'D') return complement(DIGIT)
  if (letter === 'w') return WORD
  if (letter === 'W') return complement(WORD)
  if (letter === 's') return SPACE
  if (letter === 'S') return complement(SPACE)
  const single = SINGLE_ESCAPES[letter]
  if (single !== undefined) {
    if (letter === '0' && /[0-9]/.test(c.source[c.at] ?? '')) return undefined
    return [[single, single]]
  }
  if (letter === 'x' || letter === 'u') {
    const match =
      letter === 'x'
        ? /^[0-9A-Fa-f]{2}/.exec(c.source.slice(c.at))
        : /^(?:[0-9A-Fa-f]{4}|\{[0-9A-Fa-f]{1,6}\})/.exec(c.source.slice(c.at))
    if (!match) return undefined
    c.at += match[0].length
    const code = parseInt(match[0].replace(/[{}]/g, ''), 16)
    // A surrogate half may pair with the next escape into one code point: not followed here.
    if (code > MAX_CODE_POINT || (code >= 0xd800 && code <= 0xdfff)) return undefined
    return [[code, code]]
  }
  if (SYNTAX.includes(letter) || (inClass && letter === '-')) {
    const code = letter.charCodeAt(0)
    return [[code, code]]
  }
  // \b, \B, \p{…}, \cX, backreferences and the rest: not followed here.
  return undefined
}

/** One literal code point at the cursor (a surrogate pair read whole). */
function readLiteral(c: Cursor): CharSet {
  const code = c.source.codePointAt(c.at) as number
  c.at += code > 0xffff ? 2 : 1
  return [[code, code]]
}

/** A class after `[` (the cursor past it): its set, or undefined when not understood. */
function readClass(c: Cursor): CharSet | undefined {
  const negated = c.source[c.at] === '^'
  if (negated) c.at++
  // `[]` and `[^]` are legal in ECMA-262 and rare: not followed here.
  if (c.source[c.at] === ']') return undefined
  const ranges: (readonly [number, number])[] = []
  const readMember = (): CharSet | undefined => {
    if (c.source[c.at] === '\\') {
      c.at++
      return readEscape(c, true)
    }
    return readLiteral(c)
  }
  while (c.at < c.source.length && c.source[c.at] !== ']') {
    const from = readMember()
    if (!from) return undefined
    if (c.source[c.at] === '-' && c.source[c.at + 1] !== ']' && c.at + 1 < c.source.length) {
      c.at++
      const to = readMember()
      const lo = from.length === 1 ? from[0] : undefined
      const hi = to?.length === 1 ? to[0] : undefined
      // A range needs a single character at each end (`[\d-z]` is not followed here).
      if (!lo || !hi || lo[0] !== lo[1] || hi[0] !== hi[1] || lo[0] > hi[0]) return undefined
      ranges.push([lo[0], hi[0]])
    } else ranges.push(...from)
  }
  if (c.source[c.at] !== ']') return undefined
  c.at++
  return negated ? complement(ranges) : normalise(ranges)
}

/** The quantifier at the cursor (none: exactly once), or undefined when malformed. */
function readQuantifier(c: Cursor): { min: number; max: number } | undefined {
  const ch = c.source[c.at]
  let bounds: { min: number; max: number } = { min: 1, max: 1 }
  if (ch === '*') bounds = { min: 0, max: Infinity }
  else if (ch === '+') bounds = { min: 1, max: Infinity }
  else if (ch === '?') bounds = { min: 0, max: 1 }
  else if (ch === '{') {
    const match = /^\{(\d+)(?:(,)(\d*))?\}/.exec(c.source.slice(c.at))
    if (!match) return undefined
    const min = Number(match[1])
    const max = match[2] ? (match[3] ? Number(match[3]) : Infinity) : min
    if (max < min) return undefined
    c.at += match[0].length - 1
    bounds = { min, max }
  } else return bounds
  c.at++
  // Lazy (`+?`) takes the same single way on as greedy under the rule checked below.
  if (c.source[c.at] === '?') c.at++
  return bounds
}

/** The pattern as items (between `^` and an optional `$`), or undefined when not of that shape. */
function readItems(source: string): Item[] | undefined {
  if (!source.startsWith('^')) return undefined
  const end = source.endsWith('$') && !source.endsWith('\\$') ? source.length - 1 : source.length
  const c: Cursor = { source: source.slice(0, end), at: 1 }
  const items: Item[] = []
  while (c.at < c.source.length) {
    const ch = c.source[c.at] as string
    let set: CharSet | undefined
    if (ch === '\\') {
      c.at++
      set = readEscape(c, false)
    } else if (ch === '[') {
      c.at++
      set = readClass(c)
    } else if (ch === '.') {
      c.at++
      set = complement(LINE_TERMINATORS)
    } else if ('^$*+?{}()|]'.includes(ch)) return undefined
    else set = readLiteral(c)
    if (!set) return undefined
    const bounds = readQuantifier(c)
    if (!bounds) return undefined
    items.push({ set, ...bounds })
  }
  return items
}

/**
 * True when V8's backtracking engine runs `source` (an ECMA-262 pattern, `u` flag) in time linear
 * in the input: see the module comment for the shape. False means "not known", never "slow".
 *
 * @example
 * isBacktrackFree('^v[0-9]+\\.[0-9]+$') // true
 * isBacktrackFree('^[0-9]+[0-9]+$') // false: two ways to split the digits
 */
export function isBacktrackFree(source: string): boolean {
  const items = readItems(source)
  if (!items) return false
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Item
    if (item.min === item.max) continue
    // What may come right after a variable repetition: the next atoms up to a required one.
    for (let j = i + 1; j < items.length; j++) {
      const next = items[j] as Item
      if (overlaps(item.set, next.set)) return false
      if (next.min > 0) break
    }
  }
  return true
}
