/**
 * Strings: formats, patterns (randexp, then checked), faker for named fields, words otherwise,
 * fitted to minLength/maxLength counted in code points as ajv counts them.
 */
import randexpModule from 'randexp'
import { createRng } from './rng.js'
import type { Rng } from './rng.js'
import type { Shape } from './shape.js'
import { compilePattern } from './shape.js'
import { FORMAT_GENERATORS } from './formats.js'
import { fakerPathForName } from './fake-text.js'
import type { FakeText } from './fake-text.js'
import { SchemaProblem } from './unsatisfiable-schema-error.js'
import { compileRandexp } from './pattern-draw.js'
import type { RandExpLike } from './pattern-draw.js'
import { PROVEN_FORMATS, provenPlan } from './exact-proof.js'
import type { DrawState } from './draw-state.js'

// randexp is CommonJS: under NodeNext its default import is `module.exports`, the class itself.
const RandExp = randexpModule as unknown as typeof randexpModule.default
type RandExp = InstanceType<typeof RandExp>

/** The longest string standin will make (a `minLength` above it is reported as unsupported). */
export const MAX_STRING_LENGTH = 100_000

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'
const WORDS = [
  'model',
  'signal',
  'value',
  'sample',
  'record',
  'batch',
  'label',
  'score',
  'vector',
  'token',
  'stream',
  'window',
  'region',
  'market',
  'order',
  'ticket',
  'report',
  'weather',
  'engine',
  'harbor',
]

function codePoints(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) i++
    n++
  }
  return n
}

function fit(s: string, min: number, max: number, rng: Rng): string {
  // A string has at most s.length code points and at least half as many: when that range lies
  // within the bounds, nothing is cut or added, and nothing needs counting.
  if (s.length <= max && min <= (s.length + 1) >> 1) return s
  let out = s
  let n = codePoints(out)
  if (n > max) {
    // Cut at `max` code points: by UTF-16 units when every code point is one unit.
    out = n === out.length ? out.slice(0, max) : Array.from(out).slice(0, max).join('')
    n = codePoints(out)
  }
  while (n < min) {
    out += LETTERS[rng.int(0, 25)] as string
    n++
  }
  return out
}

const propertyRanges = new Map<string, string>()

/** The BMP code points of a Unicode property escape as character-class ranges, for randexp. */
function rangesOf(escape: string): string {
  let ranges = propertyRanges.get(escape)
  if (ranges !== undefined) return ranges
  const test = new RegExp(escape, 'u')
  const parts: string[] = []
  const esc = (code: number): string => `\\u${code.toString(16).padStart(4, '0')}`
  let start = -1
  for (let code = 0; code <= 0x10000; code++) {
    const inside = code < 0xd800 || (code > 0xdfff && code < 0x10000)
    const hit = inside && test.test(String.fromCharCode(code))
    if (hit && start < 0) start = code
    if (!hit && start >= 0) {
      parts.push(start === code - 1 ? esc(start) : `${esc(start)}-${esc(code - 1)}`)
      start = -1
    }
  }
  ranges = parts.join('')
  propertyRanges.set(escape, ranges)
  return ranges
}

/**
 * The pattern in the syntax randexp draws from: ECMA-262 `u`-mode escapes it does not know
 * (`\p{…}`, `\cX`, `\u{…}`) become classes and code points. Drawn strings are still tested
 * against the pattern as written.
 */
export function forRandexp(source: string): string {
  let out = ''
  let inClass = false
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string
    if (c === '\\') {
      const next = source[i + 1] ?? ''
      const property = /^[pP]\{[A-Za-z_=]+\}/.exec(source.slice(i + 1))
      if (property) {
        const ranges = rangesOf(`\\${property[0]}`)
        out += inClass ? ranges : `[${ranges}]`
        i += property[0].length
        continue
      }
      if (next === 'c' && /[A-Za-z]/.test(source[i + 2] ?? '')) {
        const code = source.charCodeAt(i + 2) % 32
        out += `\\x${code.toString(16).padStart(2, '0')}`
        i += 2
        continue
      }
      const braced = next === 'u' ? /^u\{([0-9A-Fa-f]+)\}/.exec(source.slice(i + 1)) : null
      if (braced) {
        const char = String.fromCodePoint(parseInt(braced[1] ?? '0', 16))
        out += /[\\\][^$.|?*+(){}-]/.test(char) ? `\\${char}` : char
        i += braced[0].length
        continue
      }
      out += c + next
      i++
      continue
    }
    if (c === '[') inClass = true
    else if (c === ']') inClass = false
    out += c
  }
  return out
}

/** Compiles the string part of a shape. `name` is the property name, for faker heuristics. */
export function planString(
  shape: Shape,
  name: string | undefined,
  fake: FakeText,
): (rng: Rng, state: DrawState) => string {
  const min = shape.minLength
  const max = shape.maxLength
  if (min > max) {
    throw new SchemaProblem(
      'schema.unsatisfiable',
      shape.lengthPointers.max,
      `maxLength (${max}) is below minLength (${min})`,
      'Swap the bounds or drop one.',
    )
  }
  if (min > MAX_STRING_LENGTH) {
    throw new SchemaProblem(
      'schema.unsupported',
      shape.lengthPointers.min,
      `minLength (${min}) is above the ${MAX_STRING_LENGTH} characters standin generates`,
      'Lower minLength.',
    )
  }
  if (shape.patterns[0]) return patternPlan(shape)
  const format = shape.formats.find((f) => f in FORMAT_GENERATORS)
  if (format) {
    const plan = formatPlan(FORMAT_GENERATORS[format] as (rng: Rng) => string, min, max)
    // Proven (exact-proof.ts) for one format it makes valid, and no length bound to miss.
    const proven =
      shape.formats.length === 1 && PROVEN_FORMATS.has(format) && min === 0 && max === Infinity
    return provenPlan(plan, proven)
  }
  // Proven: a string, fit to the length bounds in code points as ajv counts them.
  return provenPlan(textPlan(shape, name, fake), shape.formats.length === 0)
}

/**
 * A randexp generator of the first pattern whose classes are built once (randexp rebuilds each
 * character class's range on every draw; the classes never change, and the ranges are only read).
 */
function patternGenerator(pattern: { source: string; pointer: string }, max: number): RandExp {
  let randexp: RandExp
  try {
    randexp = new RandExp(forRandexp(pattern.source))
  } catch {
    throw new SchemaProblem(
      'schema.unsupported',
      pattern.pointer,
      `pattern ${JSON.stringify(pattern.source)} uses syntax standin cannot generate from`,
      'Simplify the pattern.',
    )
  }
  const expand = randexp._expand.bind(randexp)
  const ranges = new Map<unknown, ReturnType<typeof expand>>()
  randexp._expand = (token) => {
    let range = ranges.get(token)
    if (!range) {
      range = expand(token)
      ranges.set(token, range)
    }
    return range
  }
  randexp.max = Math.max(4, Math.min(max === Infinity ? 24 : max, 64))
  return randexp
}

/**
 * randexp's draw reading the rng: compiled (pattern-draw.ts) when the compiled form gives what
 * randexp gives on a probe, else randexp itself.
 */
function compiledDraw(randexp: RandExp): (rng: Rng) => string {
  const byRandexp = (rng: Rng): string => {
    randexp.randInt = (a: number, b: number) => rng.int(a, b)
    return randexp.gen()
  }
  const compiled = compileRandexp(randexp as unknown as RandExpLike)
  if (!compiled) return byRandexp
  const a = createRng('pattern-draw:check')
  const b = createRng('pattern-draw:check')
  for (let i = 0; i < 16; i++) if (compiled(a) !== byRandexp(b)) return byRandexp
  return compiled
}

/** Strings drawn from the first pattern that match every pattern and the length bounds. */
function patternPlan(shape: Shape): (rng: Rng, state: DrawState) => string {
  const min = shape.minLength
  const max = shape.maxLength
  const pattern = shape.patterns[0] as { source: string; pointer: string }
  const regex = compilePattern(pattern.source, pattern.pointer)
  const others = shape.patterns.slice(1).map((p) => compilePattern(p.source, p.pointer))
  const randexp = patternGenerator(pattern, max)
  const gen = compiledDraw(randexp)
  const counted = min > 0 || max < Infinity
  const draw = (rng: Rng): string | undefined => {
    for (let i = 0; i < 12; i++) {
      const s = gen(rng)
      const n = counted ? codePoints(s) : 0
      if (n >= min && n <= max && regex.test(s) && others.every((o) => o.test(s))) return s
    }
    return undefined
  }
  const probe = createRng(`pattern:${pattern.source}`)
  let found = false
  for (let i = 0; i < 6 && !found; i++) found = draw(probe) !== undefined
  if (!found) {
    throw new SchemaProblem(
      'schema.unsupported',
      pattern.pointer,
      `no string standin drew from pattern ${JSON.stringify(pattern.source)} matches it${min > 0 || max < Infinity ? ' within the length bounds' : ''} (it cannot be matched, or needs lookaround)`,
      'Simplify the pattern, or check it can match at all.',
    )
  }
  // Proven (exact-proof.ts): each string returned passed the patterns (the engine ajv uses) and
  // the bounds; the '' fallback too, or the draw that falls back to it is checked after all.
  const emptyHolds = min === 0 && regex.test('') && others.every((o) => o.test(''))
  return provenPlan((rng: Rng, state: DrawState) => {
    const s = draw(rng) ?? draw(rng)
    if (s !== undefined) return s
    if (!emptyHolds) state.unproven = true
    return ''
  })
}

/** Strings of a format, redrawn a few times to fit the length bounds. */
function formatPlan(make: (rng: Rng) => string, min: number, max: number): (rng: Rng) => string {
  // Without bounds the first string fits: no need to count it.
  if (min === 0 && max === Infinity) return (rng) => make(rng)
  return (rng) => {
    for (let i = 0; i < 6; i++) {
      const s = make(rng)
      const n = codePoints(s)
      if (n >= min && n <= max) return s
    }
    return make(rng)
  }
}

/** Free text: faker's (by hint or by the property's name), else a few words, fit to the bounds. */
function textPlan(shape: Shape, name: string | undefined, fake: FakeText): (rng: Rng) => string {
  const min = shape.minLength
  const max = shape.maxLength
  const hinted = typeof shape.hints.faker === 'string' ? shape.hints.faker : undefined
  const fakerPath = hinted ?? fakerPathForName(name)
  const upper = max === Infinity ? Math.max(min, 0) + 24 : max
  const words = (rng: Rng): string => {
    const count = rng.int(1, 3)
    const parts: string[] = []
    for (let i = 0; i < count; i++) parts.push(rng.pick(WORDS))
    return parts.join(rng.chance(0.7) ? ' ' : '_')
  }
  const args = hinted !== undefined ? fakerArgs(shape.hints) : undefined
  const faked =
    fakerPath && (hinted !== undefined || upper >= 3) ? fake.method(fakerPath, args) : undefined
  return (rng) => {
    if (faked) {
      const s = faked(rng)
      if (s !== undefined) return fit(s, min, max, rng)
    }
    if (upper === 0) return ''
    return fit(words(rng), min, upper, rng)
  }
}

/** A faker hint's `args` (issue 11), when it gives them. */
function fakerArgs(hints: Readonly<Record<string, unknown>>): readonly unknown[] | undefined {
  return Array.isArray(hints.args) ? (hints.args as unknown[]) : undefined
}
