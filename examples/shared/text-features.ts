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
  /**
   * Only these features count (a fitted vocabulary, see `fitVocabulary`); unseen words and
   * trigrams are ignored, so a typo in a word the model never saw cannot move its answer.
   */
  readonly vocabulary?: ReadonlySet<string>
  /** Length of the text's feature vector after normalisation (default 1). */
  readonly weight?: number
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

/** The feature names of a text: `w:` words and `c:` character trigrams, each with `prefix`. */
export function textFeatureNames(
  text: string,
  prefix: string,
  options: TextFeatureOptions = {},
): string[] {
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
  return features
}

/** The features seen in at least `minDocuments` of the training texts (like a fitted CountVectorizer's min_df). */
export function fitVocabulary(
  names: readonly (readonly string[])[],
  minDocuments = 2,
): Set<string> {
  const documents = new Map<string, number>()
  for (const doc of names)
    for (const name of new Set(doc)) documents.set(name, (documents.get(name) ?? 0) + 1)
  return new Set([...documents].filter(([, n]) => n >= minDocuments).map(([name]) => name))
}

/** Adds the hashed features of `text` into `into` (a dense vector), L2-normalised. */
export function addTextFeatures(
  into: Float64Array,
  text: string,
  prefix: string,
  options: TextFeatureOptions = {},
): void {
  const buckets = into.length
  const vocabulary = options.vocabulary
  const features = textFeatureNames(text, prefix, options).filter(
    (f) => !vocabulary || vocabulary.has(f),
  )
  if (features.length === 0) return
  const start = new Float64Array(buckets)
  for (const feature of features) {
    const h = hashString(feature)
    // The sign bit halves collisions' bias (Weinberger et al., feature hashing).
    start[h % buckets]! += (h & 0x80000000) !== 0 ? -1 : 1
  }
  let norm = 0
  for (const value of start) norm += value * value
  // Features whose signed hashes cancel out leave nothing to normalise.
  if (norm === 0) return
  norm = Math.sqrt(norm) / (options.weight ?? 1)
  for (let i = 0; i < buckets; i++) into[i]! += start[i]! / norm
}

/** Sets one categorical feature (`name=value`) to 1 in its hashed bucket. */
export function addCategory(into: Float64Array, name: string, value: string): void {
  into[hashString(`${name}=${value}`) % into.length]! += 1
}
