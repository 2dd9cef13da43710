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
  return new Sfc32(typeof seed === 'number' ? `n:${seed}` : `s:${seed}`)
}

/**
 * sfc32 as a class: one object per generator and its methods on the prototype, where a set of
 * closures would cost eight allocations (a stand-in makes one per answer).
 */
class Sfc32 implements Rng {
  private a: number
  private b: number
  private c: number
  private d = 1
  constructor(private readonly text: string) {
    // The three FNV-1a states of `hashString(text, basis)` for the three bases, in one pass.
    let a = 0x811c9dc5
    let b = 0x9e3779b9
    let c = 0x243f6a88
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i)
      a = Math.imul(a ^ code, 0x01000193)
      b = Math.imul(b ^ code, 0x01000193)
      c = Math.imul(c ^ code, 0x01000193)
    }
    this.a = avalanche(a)
    this.b = avalanche(b)
    this.c = avalanche(c)
    for (let i = 0; i < 12; i++) this.uint32()
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    const b = this.b
    this.a = b ^ (b >>> 9)
    const c = this.c
    this.b = (c + (c << 3)) | 0
    this.c = (((c << 21) | (c >>> 11)) + t) | 0
    return t >>> 0
  }

  next(): number {
    return this.uint32() / 4294967296
  }

  int(min: number, max: number): number {
    if (max <= min) return min
    const span = max - min + 1
    if (span <= 4294967296) return min + Math.floor(this.next() * span)
    return Math.min(
      max,
      min + Math.floor(((this.uint32() * 4294967296 + this.uint32()) / 2 ** 64) * span),
    )
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min)
  }

  chance(p = 0.5): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T
  }

  fork(label: string | number): Rng {
    return new Sfc32(`${this.text}/${String(label)}`)
  }
}
