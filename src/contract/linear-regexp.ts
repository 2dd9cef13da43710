/**
 * Patterns in linear time. JSON Schema patterns are ECMA-262 regular expressions with the `u`
 * flag; run by a backtracking engine (V8's), `^(a+)+$` takes exponential time on `aaaa…!`, so one
 * request could stall the stand-in for every client. Every pattern that runs on data from outside
 * (serve's request validation, verify's output validation) runs in re2js instead: RE2 semantics,
 * time linear in the input, pure JavaScript.
 *
 * `toRe2` translates the ECMA-262 syntax into RE2's, keeping ECMA's meaning where they differ
 * (`.`, `\s`, `\u{…}`, `\p{Letter}`, `\cX`), and names what RE2 cannot run (backreferences,
 * lookaround, more than 1,000 repetitions): such a pattern is a lint error unless the run is
 * trusted (`allowBacktracking`), when V8's engine runs it with a warning.
 */
import { RE2JS } from 're2js'
import { isBacktrackFree } from './backtrack-free.js'

/** The RE2 form of an ECMA-262 pattern, or why RE2 cannot run it. */
export type Re2Translation =
  { readonly ok: true; readonly source: string } | { readonly ok: false; readonly reason: string }

/** What ajv calls a regular expression: it calls `test`, and keys them by `toString()`. */
export interface RegExpLike {
  test(input: string): boolean
  toString(): string
}

// ECMA-262 \s: WhiteSpace and LineTerminator code points.
const SPACE =
  '\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}'
// ECMA-262 `.` without the s flag: anything but a line terminator.
const DOT = '[^\\n\\r\\x{2028}\\x{2029}]'

/** Long General_Category names (ECMA-262 accepts both) to the short ones RE2 knows. */
const CATEGORY: Readonly<Record<string, string>> = {
  Letter: 'L',
  Cased_Letter: 'L',
  Uppercase_Letter: 'Lu',
  Lowercase_Letter: 'Ll',
  Titlecase_Letter: 'Lt',
  Modifier_Letter: 'Lm',
  Other_Letter: 'Lo',
  Mark: 'M',
  Combining_Mark: 'M',
  Nonspacing_Mark: 'Mn',
  Spacing_Mark: 'Mc',
  Enclosing_Mark: 'Me',
  Number: 'N',
  Decimal_Number: 'Nd',
  digit: 'Nd',
  Letter_Number: 'Nl',
  Other_Number: 'No',
  Punctuation: 'P',
  punct: 'P',
  Connector_Punctuation: 'Pc',
  Dash_Punctuation: 'Pd',
  Open_Punctuation: 'Ps',
  Close_Punctuation: 'Pe',
  Initial_Punctuation: 'Pi',
  Final_Punctuation: 'Pf',
  Other_Punctuation: 'Po',
  Symbol: 'S',
  Math_Symbol: 'Sm',
  Currency_Symbol: 'Sc',
  Modifier_Symbol: 'Sk',
  Other_Symbol: 'So',
  Separator: 'Z',
  Space_Separator: 'Zs',
  Line_Separator: 'Zl',
  Paragraph_Separator: 'Zp',
  Other: 'C',
  Control: 'Cc',
  cntrl: 'Cc',
  Format: 'Cf',
  Surrogate: 'Cs',
  Private_Use: 'Co',
  Unassigned: 'Cn',
}

const hex = (code: number): string => `\\x{${code.toString(16).toUpperCase()}}`

/**
 * Translates an ECMA-262 (`u` flag) pattern into RE2 syntax with the same meaning.
 *
 * @example
 * toRe2('^\\p{Letter}+$') // { ok: true, source: '^\\p{L}+$' }
 * toRe2('^(a)\\1$') // { ok: false, reason: 'a backreference (\\1)' }
 */
export function toRe2(source: string): Re2Translation {
  const scan: Scan = { source, i: 0, out: '', inClass: false }
  for (; scan.i < source.length; scan.i++) {
    const reason = translateAt(scan)
    if (reason !== undefined) return { ok: false, reason }
  }
  try {
    RE2JS.compile(scan.out)
  } catch (reason) {
    return { ok: false, reason: reason instanceof Error ? reason.message : String(reason) }
  }
  return { ok: true, source: scan.out }
}

/** A translation in progress: the pattern, the index read, the RE2 text written so far. */
interface Scan {
  readonly source: string
  i: number
  out: string
  /** Inside a character class. */
  inClass: boolean
}

/**
 * Translates what starts at `scan.i` (moving `scan.i` to its last character), or says why RE2
 * cannot say it.
 */
function translateAt(scan: Scan): string | undefined {
  const { source } = scan
  const c = source[scan.i] as string
  if (c === '\\') return translateEscape(scan)
  if (scan.inClass) {
    if (c === '[') scan.out += '\\['
    else {
      if (c === ']') scan.inClass = false
      scan.out += c
    }
    return undefined
  }
  if (c === '[') {
    openClass(scan)
    return undefined
  }
  if (c === '(' && source[scan.i + 1] === '?') {
    const rest = source.slice(scan.i + 2)
    if (rest.startsWith('=') || rest.startsWith('!')) return 'a lookahead ((?= or (?!)'
    if (rest.startsWith('<=') || rest.startsWith('<!')) return 'a lookbehind ((?<= or (?<!)'
    if (rest.startsWith('<')) {
      scan.out += '(?P<'
      scan.i += 2
      return undefined
    }
  }
  if (c === '{') {
    const repeat = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(scan.i))
    if (repeat && Math.max(Number(repeat[1]), Number(repeat[3] || 0)) > 1000) {
      return `a repetition over 1000 (${repeat[0]})`
    }
  }
  scan.out += c === '.' ? DOT : c
  return undefined
}

/**
 * A `[` outside a class. A leading ] or ^] is a literal in RE2 but closes a class in ECMA-262:
 * [] matches nothing, [^] any code point.
 */
function openClass(scan: Scan): void {
  const { source } = scan
  if (source[scan.i + 1] === ']') {
    scan.out += '[^\\x{0}-\\x{10FFFF}]'
    scan.i += 1
  } else if (source[scan.i + 1] === '^' && source[scan.i + 2] === ']') {
    scan.out += '[\\x{0}-\\x{10FFFF}]'
    scan.i += 2
  } else {
    scan.inClass = true
    scan.out += '['
  }
}

/** An escape (`\\` at `scan.i`): backreferences fail, the rest gets RE2's spelling. */
function translateEscape(scan: Scan): string | undefined {
  const { source } = scan
  const next = source[scan.i + 1] ?? ''
  scan.i++
  if (/[1-9]/.test(next) && !scan.inClass) {
    const digits = /^[0-9]+/.exec(source.slice(scan.i))?.[0] ?? next
    return `a backreference (\\${digits})`
  }
  if (next === 'k' && source[scan.i + 1] === '<') return 'a named backreference (\\k<…>)'
  if (next === 'p' || next === 'P') return translateProperty(scan, next)
  if (next === 'u' && translateUnicode(scan)) return undefined
  const code = ESCAPED_CODES[next]
  if (next === 'x' && /^[0-9A-Fa-f]{2}/.test(source.slice(scan.i + 1))) {
    scan.out += hex(parseInt(source.slice(scan.i + 1, scan.i + 3), 16))
    scan.i += 2
  } else if (next === 'c' && /[A-Za-z]/.test(source[scan.i + 1] ?? '')) {
    scan.out += hex(source.charCodeAt(scan.i + 1) % 32)
    scan.i++
  } else if (code !== undefined) scan.out += hex(code)
  else if (next === 's') scan.out += scan.inClass ? SPACE : `[${SPACE}]`
  else if (next === 'S') {
    if (scan.inClass) return '\\S inside a character class'
    scan.out += `[^${SPACE}]`
  } else if (next === '/') scan.out += '/'
  else scan.out += `\\${next}`
  return undefined
}

/** `\\0` and `\\v`, which RE2 spells by code point. */
const ESCAPED_CODES: Readonly<Record<string, number>> = { '0': 0, v: 0x0b }

/** A property escape `\\p{...}` / `\\P{...}` (`scan.i` at the p), in RE2's names. */
function translateProperty(scan: Scan, next: string): string | undefined {
  const match = /^\{([A-Za-z_]+)(?:=([A-Za-z_]+))?\}/.exec(scan.source.slice(scan.i + 1))
  if (!match) return `a malformed property escape (\\${next})`
  const [whole, name = '', value] = match
  let re2: string | undefined
  if (value !== undefined) {
    if (name === 'General_Category' || name === 'gc') re2 = CATEGORY[value] ?? value
    else if (name === 'Script' || name === 'sc') re2 = value
  } else re2 = CATEGORY[name] ?? (/^[A-Z][a-z]?$/.test(name) ? name : undefined) ?? name
  if (re2 === undefined || !supportedProperty(re2)) {
    return `the Unicode property \\${next}${whole}, which RE2 does not know`
  }
  scan.out += `\\${next}{${re2}}`
  scan.i += whole.length
  return undefined
}

/**
 * A `\\u{...}` or `\\uXXXX` escape (`scan.i` at the u), a surrogate pair as one code point.
 * False when it is neither (then it is written as it is).
 */
function translateUnicode(scan: Scan): boolean {
  const { source } = scan
  const braced = /^\{([0-9A-Fa-f]+)\}/.exec(source.slice(scan.i + 1))
  if (braced) {
    scan.out += hex(parseInt(braced[1] ?? '0', 16))
    scan.i += braced[0].length
    return true
  }
  const four = /^[0-9A-Fa-f]{4}/.exec(source.slice(scan.i + 1))
  if (!four) return false
  let code = parseInt(four[0], 16)
  scan.i += 4
  const low = /^\\u([dD][c-fC-F][0-9A-Fa-f]{2})/.exec(source.slice(scan.i + 1))
  if (code >= 0xd800 && code <= 0xdbff && low) {
    code = 0x10000 + ((code - 0xd800) << 10) + (parseInt(low[1] ?? '0', 16) - 0xdc00)
    scan.i += 6
  }
  scan.out += hex(code)
  return true
}

function supportedProperty(name: string): boolean {
  try {
    RE2JS.compile(`\\p{${name}}`)
    return true
  } catch {
    return false
  }
}

/** Thrown by the ajv engine for a pattern RE2 cannot run, when backtracking is not allowed. */
export class BacktrackingPatternError extends Error {
  constructor(
    readonly pattern: string,
    readonly reason: string,
  ) {
    super(
      `pattern ${JSON.stringify(pattern)} needs ${reason}, which only a backtracking engine runs, and that can take exponential time on hostile input`,
    )
    this.name = 'BacktrackingPatternError'
  }
}

/**
 * True when the user trusts the contracts of this run: `STANDIN_ALLOW_BACKTRACKING=1` lets a
 * pattern RE2 cannot run (backreferences, lookaround) load, run by V8's backtracking engine.
 */
export function backtrackingAllowed(): boolean {
  return process.env.STANDIN_ALLOW_BACKTRACKING === '1'
}

const cache = new Map<string, RegExpLike>()

/**
 * A linear-time matcher for an ECMA-262 pattern (search semantics, like `RegExp.test`).
 * `allowBacktracking` lets a pattern RE2 cannot run fall back to V8's engine.
 *
 * @throws BacktrackingPatternError when RE2 cannot run it and backtracking is not allowed;
 *   SyntaxError when it is not a valid ECMA-262 pattern.
 */
export function linearRegExp(source: string, allowBacktracking = false): RegExpLike {
  const key = `${allowBacktracking ? 1 : 0}${source}`
  let found = cache.get(key)
  if (found) return found
  const native = new RegExp(source, 'u')
  // A pattern V8 runs in linear time anyway runs there: the same answers, 20 times faster.
  if (isBacktrackFree(source)) {
    cache.set(key, native)
    return native
  }
  const translated = toRe2(source)
  if (translated.ok) {
    const re2 = RE2JS.compile(translated.source)
    // ajv keys its compiled patterns by toString(): each must give its own source.
    // `test` answers without capture groups, so re2js runs it on its DFA: about twice as fast
    // as `matcher(input).find()`, with the same answer (a match anywhere in the input).
    found = { test: (input) => re2.test(input), toString: () => `re2:${source}` }
  } else if (allowBacktracking) {
    found = native
  } else {
    throw new BacktrackingPatternError(source, translated.reason)
  }
  if (cache.size > 10_000) cache.clear()
  cache.set(key, found)
  return found
}

/** ajv's `code.regExp` engine: patterns run in linear time (see `linearRegExp`). */
export function linearRegExpEngine(allowBacktracking = false): {
  (pattern: string, flags: string): RegExpLike
  code: string
} {
  const engine = (pattern: string): RegExpLike => linearRegExp(pattern, allowBacktracking)
  // How ajv's standalone code calls it: the cache of compiled validators (compiled-cache.ts)
  // hands that code this engine under this name.
  return Object.assign(engine, { code: 'require("standin/linear-regexp")' })
}
