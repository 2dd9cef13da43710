/**
 * A hashing vectorizer for short texts (bank narrations, ticket subjects, headlines): word
 * tokens and character trigrams hashed into a fixed number of buckets, L2-normalised.
 *
 * Word tokens make the model read the merchant; character trigrams keep it steady under a
 * one-character typo. With `caseSensitive: false` (the default) casing and extra whitespace
 * cannot change the features at all, which is what the contracts' invariance checks promise.
 */
export interface TextFeatureOptions {
  /** Number of hash buckets (default 1024). */
  readonly buckets?: number
  /** Keep the text's casing (the broken transaction model does; default false). */
  readonly caseSensitive?: boolean
  /** Add character trigrams of every word (default true). */
  readonly trigrams?: boolean
}

/** FNV-1a, 32 bit. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** Words of a text: letters, digits and `&` runs; pure numbers become their digit count (`#4`). */
export function tokenize(text: string, caseSensitive = false): string[] {
  const source = caseSensitive ? text : text.toLowerCase()
  const words = source.split(/[^\p{L}\p{N}&]+/u).filter((w) => w.length > 0)
  return words.map((w) => (/^\p{N}+$/u.test(w) ? `#${Math.min(w.length, 6)}` : w))
}

/** Adds the hashed features of `text` into `into` (a dense vector), with `weight` per feature. */
export function addTextFeatures(
  into: Float64Array,
  text: string,
  prefix: string,
  options: TextFeatureOptions = {},
): void {
  const buckets = into.length
  const words = tokenize(text, options.caseSensitive ?? false)
  const features: string[] = []
  for (const word of words) {
    features.push(`${prefix}w:${word}`)
    if ((options.trigrams ?? true) && !word.startsWith('#')) {
      const padded = `<${word}>`
      for (let i = 0; i + 3 <= padded.length; i++)
        features.push(`${prefix}c:${padded.slice(i, i + 3)}`)
    }
  }
  if (features.length === 0) return
  const start = new Float64Array(buckets)
  for (const feature of features) {
    const h = hashString(feature)
    // The sign bit halves collisions' bias (Weinberger et al., feature hashing).
    start[h % buckets]! += (h & 0x80000000) !== 0 ? -1 : 1
  }
  let norm = 0
  for (const value of start) norm += value * value
  norm = Math.sqrt(norm)
  for (let i = 0; i < buckets; i++) into[i]! += start[i]! / norm
}

/** Sets one categorical feature (`name=value`) to 1 in its hashed bucket. */
export function addCategory(into: Float64Array, name: string, value: string): void {
  into[hashString(`${name}=${value}`) % into.length]! += 1
}
