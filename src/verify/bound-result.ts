/**
 * Bounded copies of what a model sent, so a run against a model that answers megabytes (or
 * nests thousands deep, in-process) keeps little in memory and writes reports of a sane size:
 * a body or outputs over `keptChars` of JSON are dropped, with the first characters kept as text.
 */
import type { CaseResult, Exchange } from './result-types.js'

/** Most characters of JSON kept per body or per case's outputs. */
export const keptChars = 64 * 1024
/** Characters shown of a body that is not kept. */
const shownChars = 2000

/** The JSON text of `value`, or undefined when it cannot be written (too deep, cyclic, BigInt). */
function jsonText(value: unknown): string | undefined {
  try {
    return JSON.stringify(value)
  } catch {
    return undefined
  }
}

/** A string of its own (not a view pinning a larger one). */
function copyOf(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8')
}

/** The exchange with a large or unwritable body replaced by its first characters. */
export function boundExchange(exchange: Exchange): Exchange {
  if (exchange.kind !== 'answered' || exchange.body === undefined) return exchange
  const text = jsonText(exchange.body)
  if (text !== undefined && text.length <= keptChars) return exchange
  const { body: _dropped, ...rest } = exchange
  return text === undefined
    ? {
        ...rest,
        text: '',
        bodyProblem: exchange.bodyProblem ?? 'the answer nests too deep to show',
      }
    : { ...rest, text: copyOf(text.slice(0, shownChars)) }
}

/** The case with its exchange bounded, and its outputs dropped when they are too large to keep. */
export function boundCase(result: CaseResult): CaseResult {
  const exchange = boundExchange(result.exchange)
  let outputs = result.outputs
  if (outputs !== undefined) {
    const text = jsonText(outputs)
    if (text === undefined || text.length > keptChars) outputs = undefined
  }
  if (exchange === result.exchange && outputs === result.outputs) return result
  const { outputs: _o, ...rest } = result
  return { ...rest, exchange, ...(outputs !== undefined ? { outputs } : {}) }
}
