/**
 * A mergeable summary of a stream of numbers in bounded memory: a log-bucket quantile sketch in
 * the manner of DDSketch (Masson, Rim and Lee, VLDB 2019). Every value lands in the bucket
 * ceil(log_γ |x|), γ = (1 + α) / (1 − α), so any quantile is known within a relative error α
 * (1%), whatever the order or the number of values; two sketches merge by adding their buckets,
 * so shards summarised apart merge into exactly the sketch of the whole. Buckets are capped: past
 * `maxBuckets` the smallest magnitudes collapse into one bucket.
 */

/** Relative accuracy of a sketch's quantiles. */
export const sketchAccuracy = 0.01
const gamma = (1 + sketchAccuracy) / (1 - sketchAccuracy)
const logGamma = Math.log(gamma)
/** Magnitudes below this count as zero. */
const tiny = 1e-12
const maxBuckets = 4096

/** The sketch as stored in a summary file (plain JSON). */
export interface Sketch {
  count: number
  sum: number
  min: number
  max: number
  zeros: number
  /** Bucket index -> count, for positive values. */
  positive: Record<string, number>
  /** Bucket index -> count, for the magnitudes of negative values. */
  negative: Record<string, number>
}

/** An empty sketch. */
export function newSketch(): Sketch {
  return { count: 0, sum: 0, min: Infinity, max: -Infinity, zeros: 0, positive: {}, negative: {} }
}

function bucketOf(magnitude: number): number {
  return Math.ceil(Math.log(magnitude) / logGamma)
}

// The keys of the buckets below 1 (indexes -1381..0, down to `tiny`), made once: a negative
// number turned into a property key on every add cost three times the rest of the add on
// recordings of probabilities (test/traffic/drift-memory.test.ts).
const negativeKeys: readonly string[] = Object.freeze(
  Array.from({ length: 1 - bucketOf(tiny) }, (_, i) => String(-i)),
)

/** The store key of bucket `b`: positive indexes are array indexes, fast as they are. */
function keyOf(b: number): number | string {
  return b >= 0 ? b : (negativeKeys[-b] ?? String(b))
}

/** The value a bucket stands for (the middle of its range in relative terms). */
function valueOf(bucket: number): number {
  return (2 * gamma ** bucket) / (gamma + 1)
}

function collapse(store: Record<string, number>): void {
  const keys = Object.keys(store).map(Number)
  if (keys.length <= maxBuckets) return
  keys.sort((a, b) => a - b)
  const cut = keys[keys.length - maxBuckets] ?? 0
  let moved = 0
  for (const k of keys) {
    if (k >= cut) break
    moved += store[k] ?? 0
    delete store[k]
  }
  store[cut] = (store[cut] ?? 0) + moved
}

/** Adds one value (NaN and infinities are ignored). */
export function addToSketch(sketch: Sketch, value: number): void {
  if (!Number.isFinite(value)) return
  sketch.count++
  sketch.sum += value
  if (value < sketch.min) sketch.min = value
  if (value > sketch.max) sketch.max = value
  const magnitude = Math.abs(value)
  if (magnitude < tiny) {
    sketch.zeros++
    return
  }
  const store = value > 0 ? sketch.positive : sketch.negative
  const b = keyOf(bucketOf(magnitude))
  const had = store[b]
  store[b] = (had ?? 0) + 1
  if (had === undefined && Object.keys(store).length > maxBuckets) collapse(store)
}

/** Adds `from` into `into` (both stay valid sketches). */
export function mergeSketch(into: Sketch, from: Sketch): void {
  into.count += from.count
  into.sum += from.sum
  into.min = Math.min(into.min, from.min)
  into.max = Math.max(into.max, from.max)
  into.zeros += from.zeros
  for (const [k, n] of Object.entries(from.positive)) into.positive[k] = (into.positive[k] ?? 0) + n
  for (const [k, n] of Object.entries(from.negative)) into.negative[k] = (into.negative[k] ?? 0) + n
  collapse(into.positive)
  collapse(into.negative)
}

/** The sketch's mass as (value, count) points in increasing value order. */
export function sketchPoints(sketch: Sketch): { value: number; count: number }[] {
  const negative = Object.entries(sketch.negative)
    .map(([k, count]) => ({ value: -valueOf(Number(k)), count }))
    .sort((a, b) => a.value - b.value)
  const positive = Object.entries(sketch.positive)
    .map(([k, count]) => ({ value: valueOf(Number(k)), count }))
    .sort((a, b) => a.value - b.value)
  return [
    ...negative,
    ...(sketch.zeros > 0 ? [{ value: 0, count: sketch.zeros }] : []),
    ...positive,
  ]
}

/**
 * The q-quantile (0..1), within 1% of the true value, clamped to the exact min and max.
 * `NaN` for an empty sketch.
 *
 * @example
 * const s = newSketch(); [1, 2, 3].forEach((x) => addToSketch(s, x)); sketchQuantile(s, 0.5) // ≈ 2
 */
export function sketchQuantile(sketch: Sketch, q: number): number {
  if (sketch.count === 0) return Number.NaN
  const rank = Math.min(1, Math.max(0, q)) * (sketch.count - 1)
  let seen = 0
  for (const point of sketchPoints(sketch)) {
    seen += point.count
    if (seen > rank) return Math.min(sketch.max, Math.max(sketch.min, point.value))
  }
  return sketch.max
}

/** The mean, or `NaN` for an empty sketch. */
export function sketchMean(sketch: Sketch): number {
  return sketch.count === 0 ? Number.NaN : sketch.sum / sketch.count
}
