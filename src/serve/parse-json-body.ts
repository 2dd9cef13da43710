/**
 * A request body to a JSON value, strictly: UTF-8 only (invalid bytes are refused, not replaced),
 * nesting bounded before parsing (so no later recursive walk can overflow the stack), and the
 * parser's own message when the text is not JSON. `__proto__` keys stay plain own data:
 * JSON.parse defines properties, it never assigns them.
 */
import type { Problem } from '../errors.js'
import { nestingScan } from '../json/index.js'
import { checkLimits, limitScan, type BodyLimits } from './check-limits.js'
import { nextTurn } from './each-record.js'

/** A parsed body, or why it is refused. */
export type ParsedBody =
  | { readonly ok: true; readonly value: unknown }
  | {
      readonly ok: false
      readonly type: 'malformed-json' | 'invalid-utf8' | 'too-deep' | 'empty-body'
      readonly detail: string
      readonly problems: Problem[]
    }
  | { readonly ok: false; readonly type: 'over-limit'; readonly problem: Problem }

const utf8 = new TextDecoder('utf-8', { fatal: true })

function refuse(
  type: 'malformed-json' | 'invalid-utf8' | 'too-deep' | 'empty-body',
  detail: string,
  message: string,
): ParsedBody {
  return {
    ok: false,
    type,
    detail,
    problems: [{ code: `request.${type}`, severity: 'error', pointer: '', message }],
  }
}

/**
 * Text up to this length is checked and parsed in one go; a longer body is scanned this many
 * characters per turn of the event loop, with a turn before the parse, so that a 1 MB batch
 * never holds the loop for more than a few milliseconds at a time.
 */
export const scanSlice = 64 * 1024

/**
 * Parses a request body as JSON: synchronously when its text fits in one slice, otherwise in
 * slices with turns of the event loop between them.
 */
export function parseJsonBody(
  body: Uint8Array | string | undefined,
  maxDepth: number,
  limits?: BodyLimits,
): ParsedBody | Promise<ParsedBody> {
  let text: string
  if (body === undefined) text = ''
  else if (typeof body === 'string') text = body
  else {
    try {
      text = utf8.decode(body)
    } catch {
      return refuse(
        'invalid-utf8',
        'The body is not valid UTF-8.',
        'the body holds bytes that are not valid UTF-8; send UTF-8 JSON',
      )
    }
  }
  if (text.trim() === '')
    return refuse('empty-body', 'The body is empty.', 'the body is empty; send a JSON body')
  const tooDeep = (): ParsedBody =>
    refuse(
      'too-deep',
      `The body nests deeper than ${maxDepth} levels.`,
      `the JSON nests deeper than ${maxDepth} levels`,
    )
  // Before parsing: JSON.parse alone takes 100 ms over a 60,000-key object.
  if (text.length <= scanSlice) {
    if (!fewOpenings(text, maxDepth) && nestingScan(text, maxDepth)(Infinity) === true)
      return tooDeep()
    const over = limits && text.length > shortest(limits) ? checkLimits(text, limits) : undefined
    return over ? { ok: false, type: 'over-limit', problem: over } : parse(text)
  }
  const deep = nestingScan(text, maxDepth)
  const scan = limits ? limitScan(text, limits) : () => undefined
  return (async (): Promise<ParsedBody> => {
    let nested = deep(scanSlice)
    for (; nested === 'more'; nested = deep(scanSlice)) await nextTurn()
    if (nested) return tooDeep()
    let over = scan(scanSlice)
    for (; over === 'more'; over = scan(scanSlice)) await nextTurn()
    if (over) return { ok: false, type: 'over-limit', problem: over }
    await nextTurn()
    return parse(text)
  })()
}

/**
 * True when `text` holds at most `limit` opening brackets, so it cannot nest deeper than that:
 * a count by `indexOf`, several times faster than the scan it spares on an everyday body.
 * Brackets inside strings count too, which can only send a body on to the full scan.
 */
function fewOpenings(text: string, limit: number): boolean {
  let count = 0
  for (let i = text.indexOf('{'); i !== -1; i = text.indexOf('{', i + 1))
    if (++count > limit) return false
  for (let i = text.indexOf('['); i !== -1; i = text.indexOf('[', i + 1))
    if (++count > limit) return false
  return true
}

/**
 * The length up to which no text can break `limits`: more than `maxKeys` keys or `maxItems`
 * items needs at least as many commas, a string over `maxStringLength` as many characters.
 */
function shortest(limits: BodyLimits): number {
  return Math.min(limits.maxKeys, limits.maxItems, limits.maxStringLength)
}

function parse(text: string): ParsedBody {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return refuse(
      'malformed-json',
      'The body is not valid JSON.',
      `the body is not valid JSON: ${reason}`,
    )
  }
}
