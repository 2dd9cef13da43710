/**
 * A small, fast, seeded PRNG (sfc32 seeded through a string hash). Every random choice standin
 * makes flows from one of these, so a seed replays a run exactly in any process.
 */

/** A seeded source of randomness. Not shared: each draw gets its own, or a `fork` of one. */
/**
 * The seed when neither the caller nor the contract's `mock.seed` gives one: the same for
 * createMock, serve, sample and verify, so the same input gets the same answer everywhere.
 */
export const DEFAULT_SEED = 1

export interface Rng {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  /** A float in [min, max). */
  float(min: number, max: number): number
  /** True with probability `p` (default 0.5). */
  chance(p?: number): boolean
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T
  /** An independent generator derived from this one's seed and a label (does not advance this one). */
  fork(label: string | number): Rng
  /** A 32-bit unsigned integer. */
  uint32(): number
}

/** 32-bit FNV-1a over a string, then avalanched: the seed material for sfc32. */
export function hashString(text: string, basis = 0x811c9dc5): number {
  return avalanche(fnv1a(basis >>> 0, text))
}

/** The FNV-1a state `h` after the characters of `text` (UTF-16 code units). */
export function fnv1a(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h
}

/** The last step of `hashString`: mixes every bit of an FNV-1a state into every other. */
export function avalanche(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/**
 * A seeded PRNG (sfc32). Numbers and strings are both accepted as seeds; equal seeds give equal
 * sequences on every platform.
 *
 * @example
 * const rng = createRng(42)
 * rng.int(1, 6) // the same die roll on every run
 *
 * @throws never
 */
export function createRng(seed: number | string): Rng {
  const text = typeof seed === 'number' ? `n:${seed}` : `s:${seed}`
  let a = hashString(text, 0x811c9dc5)
  let b = hashString(text, 0x9e3779b9)
  let c = hashString(text, 0x243f6a88)
  let d = 1
  const uint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return t >>> 0
  }
  for (let i = 0; i < 12; i++) uint32()
  const next = (): number => uint32() / 4294967296
  return {
    next,
    uint32,
    int: (min, max) => {
      if (max <= min) return min
      const span = max - min + 1
      if (span <= 4294967296) return min + Math.floor(next() * span)
      return Math.min(max, min + Math.floor(((uint32() * 4294967296 + uint32()) / 2 ** 64) * span))
    },
    float: (min, max) => min + next() * (max - min),
    chance: (p = 0.5) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    fork: (label) => createRng(`${text}/${String(label)}`),
  }
}
