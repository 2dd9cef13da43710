/**
 * Token-sized pieces of a text, for streamed deltas and usage counts. Not a real tokenizer (no
 * vocabulary ships with standin): a word of up to six letters with its leading space, up to three
 * digits, a run of spaces, or one other character, which is close to what BPE tokenizers give
 * for JSON (a key, a quote, a colon each a token). Linear time: one sticky regular expression.
 */
const piece = / ?[A-Za-z]{1,6}| ?\d{1,3}|\s+|[^]/gu

/**
 * The pieces of `text`, in order; joined they give `text` back.
 *
 * @example
 * splitTokens('{"category":"billing"}') // ['{', '"', 'catego', 'ry', '"', ':', '"', 'billin', 'g', '"', '}']
 */
export function splitTokens(text: string): string[] {
  return text.match(piece) ?? []
}

/** How many token-sized pieces `text` has. */
export function countTokens(text: string): number {
  let n = 0
  for (const _ of text.matchAll(piece)) n++
  return n
}
