import { distance } from 'fastest-levenshtein'

/**
 * The candidate closest to `word` when it is close enough to be a plausible misspelling (edit
 * distance at most 1 for words of up to three letters, 2 for longer ones), else `undefined`.
 *
 * @example
 * didYouMean('descripton', ['description', 'default']) // 'description'
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  const lower = word.toLowerCase()
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  const limit = word.length <= 3 ? 1 : 2
  return best !== undefined && bestDistance <= limit && best !== word ? best : undefined
}
