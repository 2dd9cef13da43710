/**
 * randexp's draw, compiled: its token tree (from `ret`) turned once into closures that make the
 * same rng calls in the same order and give the same string as `randexp.gen()`, without walking
 * the tree, switching on token types and looking up each class's range on every draw. Patterns
 * with back-references (whose groups randexp tracks across draws) keep randexp.
 */
import type { Rng } from './rng.js'

/** ret's token types (ret/dist/types/types.js), as randexp 0.6 switches on them. */
const ROOT = 0
const GROUP = 1
const POSITION = 2
const SET = 3
const REPETITION = 5
const CHAR = 7

/** The parts of a ret token randexp reads. */
interface Token {
  readonly type: number
  readonly stack?: readonly Token[]
  readonly options?: readonly (readonly Token[])[]
  readonly followedBy?: boolean
  readonly notFollowedBy?: boolean
  readonly value?: number | Token
  readonly min?: number
  readonly max?: number
}

/** A character range of randexp (drange): its size and the code point at an index. */
interface Range {
  readonly length: number
  index(i: number): number
}

/** What the compiler reads of a randexp instance. */
export interface RandExpLike {
  readonly tokens: unknown
  readonly max: number
  readonly ignoreCase: boolean
  _expand(token: never): unknown
}

type Draw = (rng: Rng) => string

/**
 * The draw of `randexp.gen()` with `randInt` reading `rng.int`, or undefined for a pattern it
 * does not compile (back-references, ignoreCase).
 */
export function compileRandexp(randexp: RandExpLike): Draw | undefined {
  if (randexp.ignoreCase) return undefined
  try {
    return compileToken(randexp.tokens as Token, randexp)
  } catch {
    return undefined
  }
}

function compileToken(token: Token, randexp: RandExpLike): Draw {
  switch (token.type) {
    case ROOT:
    case GROUP:
      return compileGroup(token, randexp)
    case POSITION:
      return () => ''
    case SET:
      return compileSet(token, randexp)
    case REPETITION: {
      const min = token.min as number
      const max = token.max === Infinity ? min + randexp.max : (token.max as number)
      const item = compileToken(token.value as Token, randexp)
      return (rng) => {
        const n = rng.int(min, max)
        let out = ''
        for (let i = 0; i < n; i++) out += item(rng)
        return out
      }
    }
    case CHAR: {
      const char = String.fromCodePoint(token.value as number)
      return () => char
    }
    default:
      throw new Error(`token type ${token.type} is left to randexp`)
  }
}

function compileGroup(token: Token, randexp: RandExpLike): Draw {
  // Lookaheads give ''. A capturing group only matters to a back-reference, refused above.
  if (token.type === GROUP && (token.followedBy || token.notFollowedBy)) return () => ''
  const sequence = (tokens: readonly Token[]): Draw => {
    const parts = tokens.map((t) => compileToken(t, randexp))
    if (parts.length === 1) return parts[0] as Draw
    return (rng) => {
      let out = ''
      for (let i = 0; i < parts.length; i++) out += (parts[i] as Draw)(rng)
      return out
    }
  }
  if (!token.options) return sequence(token.stack ?? [])
  const options = token.options.map(sequence)
  const last = options.length - 1
  return (rng) => (options[rng.int(0, last)] as Draw)(rng)
}

function compileSet(token: Token, randexp: RandExpLike): Draw {
  const range = randexp._expand(token as never) as Range
  const size = range.length
  if (!size) return () => ''
  const last = size - 1
  if (size > 4096) return (rng) => String.fromCodePoint(range.index(rng.int(0, last)))
  const chars: string[] = []
  for (let i = 0; i < size; i++) chars.push(String.fromCodePoint(range.index(i)))
  return (rng) => chars[rng.int(0, last)] as string
}
