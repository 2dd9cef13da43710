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
  let out = ''
  let inClass = false
  const fail = (reason: string): Re2Translation => ({ ok: false, reason })
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string
    if (c === '\\') {
      const next = source[i + 1] ?? ''
      i++
      if (/[1-9]/.test(next) && !inClass) {
        const digits = /^[0-9]+/.exec(source.slice(i))?.[0] ?? next
        return fail(`a backreference (\\${digits})`)
      }
      if (next === 'k' && source[i + 1] === '<') return fail('a named backreference (\\k<…>)')
      if (next === 'p' || next === 'P') {
        const match = /^\{([A-Za-z_]+)(?:=([A-Za-z_]+))?\}/.exec(source.slice(i + 1))
        if (!match) return fail(`a malformed property escape (\\${next})`)
        const [whole, name = '', value] = match
        let re2: string | undefined
        if (value !== undefined) {
          if (name === 'General_Category' || name === 'gc') re2 = CATEGORY[value] ?? value
          else if (name === 'Script' || name === 'sc') re2 = value
        } else re2 = CATEGORY[name] ?? (/^[A-Z][a-z]?$/.test(name) ? name : undefined) ?? name
        if (re2 === undefined || !supportedProperty(re2)) {
          return fail(`the Unicode property \\${next}${whole}, which RE2 does not know`)
        }
        out += `\\${next}{${re2}}`
        i += whole.length
        continue
      }
      if (next === 'u') {
        const braced = /^\{([0-9A-Fa-f]+)\}/.exec(source.slice(i + 1))
        if (braced) {
          out += hex(parseInt(braced[1] ?? '0', 16))
          i += braced[0].length
          continue
        }
        const four = /^[0-9A-Fa-f]{4}/.exec(source.slice(i + 1))
        if (four) {
          let code = parseInt(four[0], 16)
          i += 4
          const low = /^\\u([dD][c-fC-F][0-9A-Fa-f]{2})/.exec(source.slice(i + 1))
          if (code >= 0xd800 && code <= 0xdbff && low) {
            code = 0x10000 + ((code - 0xd800) << 10) + (parseInt(low[1] ?? '0', 16) - 0xdc00)
            i += 6
          }
          out += hex(code)
          continue
        }
      }
      if (next === 'x' && /^[0-9A-Fa-f]{2}/.test(source.slice(i + 1))) {
        out += hex(parseInt(source.slice(i + 1, i + 3), 16))
        i += 2
        continue
      }
      if (next === 'c' && /[A-Za-z]/.test(source[i + 1] ?? '')) {
        out += hex(source.charCodeAt(i + 1) % 32)
        i++
        continue
      }
      if (next === '0') {
        out += hex(0)
        continue
      }
      if (next === 'v') {
        out += hex(0x0b)
        continue
      }
      if (next === 's') {
        out += inClass ? SPACE : `[${SPACE}]`
        continue
      }
      if (next === 'S') {
        if (inClass) return fail('\\S inside a character class')
        out += `[^${SPACE}]`
        continue
      }
      if (next === '/') {
        out += '/'
        continue
      }
      out += `\\${next}`
      continue
    }
    if (inClass) {
      if (c === '[') out += '\\['
      else {
        if (c === ']') inClass = false
        out += c
      }
      continue
    }
    if (c === '[') {
      // A leading ] or ^] is a literal in RE2 but closes a class in ECMA-262: [] matches
      // nothing, [^] any code point.
      if (source[i + 1] === ']') {
        out += '[^\\x{0}-\\x{10FFFF}]'
        i += 1
        continue
      }
      if (source[i + 1] === '^' && source[i + 2] === ']') {
        out += '[\\x{0}-\\x{10FFFF}]'
        i += 2
        continue
      }
      inClass = true
      out += c
      continue
    }
    if (c === '(' && source[i + 1] === '?') {
      const rest = source.slice(i + 2)
      if (rest.startsWith('=') || rest.startsWith('!')) return fail('a lookahead ((?= or (?!)')
      if (rest.startsWith('<=') || rest.startsWith('<!')) return fail('a lookbehind ((?<= or (?<!)')
      if (rest.startsWith('<')) {
        out += '(?P<'
        i += 2
        continue
      }
    }
    if (c === '{') {
      const repeat = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i))
      if (repeat && Math.max(Number(repeat[1]), Number(repeat[3] || 0)) > 1000) {
        return fail(`a repetition over 1000 (${repeat[0]})`)
      }
    }
    out += c === '.' ? DOT : c
  }
  try {
    RE2JS.compile(out)
  } catch (reason) {
    return fail(reason instanceof Error ? reason.message : String(reason))
  }
  return { ok: true, source: out }
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
  // ajv standalone code would `require` this; standin never emits standalone code for contracts.
  return Object.assign(engine, { code: 'standin/linear-regexp' })
}
