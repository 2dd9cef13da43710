/**
 * What a chart shows of a field: shares per category (the 20 most frequent of both sides, the
 * rest as `(other)`), or shares per bin for numbers (20 equal bins over both sides' range).
 */
import { categoriesOf } from './statistics.js'
import { sketchPoints } from '../sketch.js'
import type { Sketch } from '../sketch.js'
import type { FieldSummary } from './summary-types.js'

/** Two distributions over the same labels, as shares (0..1). */
export interface Distribution {
  readonly labels: readonly string[]
  readonly reference: readonly number[]
  readonly live: readonly number[]
}

const maxLabels = 20
const bins = 20

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6
}

function categoryShares(a: Record<string, number>, b: Record<string, number>): Distribution {
  const total = (r: Record<string, number>): number => Object.values(r).reduce((s, n) => s + n, 0)
  const ta = total(a) || 1
  const tb = total(b) || 1
  const own = (r: Record<string, number>, k: string): number =>
    Object.hasOwn(r, k) ? (r[k] ?? 0) : 0
  const keys = categoriesOf(a, b).sort((x, y) => own(a, y) + own(b, y) - (own(a, x) + own(b, x)))
  const shown = keys.slice(0, maxLabels)
  const rest = keys.slice(maxLabels)
  const restOf = (r: Record<string, number>): number => rest.reduce((s, k) => s + own(r, k), 0)
  return {
    labels: [...shown, ...(rest.length > 0 ? ['(other)'] : [])],
    reference: [
      ...shown.map((k) => round(own(a, k) / ta)),
      ...(rest.length > 0 ? [round(restOf(a) / ta)] : []),
    ],
    live: [
      ...shown.map((k) => round(own(b, k) / tb)),
      ...(rest.length > 0 ? [round(restOf(b) / tb)] : []),
    ],
  }
}

function numberShares(a: Sketch, b: Sketch): Distribution {
  const lo = Math.min(a.min, b.min)
  const hi = Math.max(a.max, b.max)
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { labels: [], reference: [], live: [] }
  const width = hi > lo ? (hi - lo) / bins : 1
  const shares = (s: Sketch): number[] => {
    const out = new Array<number>(bins).fill(0)
    for (const p of sketchPoints(s)) {
      const i = Math.min(bins - 1, Math.max(0, Math.floor((p.value - lo) / width)))
      out[i] = (out[i] ?? 0) + p.count / (s.count || 1)
    }
    return out.map(round)
  }
  const fmt = (x: number): string =>
    Math.abs(x) >= 1000 || x === Math.round(x) ? String(Math.round(x)) : x.toPrecision(3)
  return {
    labels: Array.from({ length: bins }, (_, i) => fmt(lo + i * width)),
    reference: shares(a),
    live: shares(b),
  }
}

/** The chart data of one field on two sides. */
export function distributionOf(reference: FieldSummary, live: FieldSummary): Distribution {
  if (reference.kind === 'number' && live.kind === 'number')
    return numberShares(reference.sketch, live.sketch)
  if (reference.kind === 'category' && live.kind === 'category')
    return categoryShares(reference.counts, live.counts)
  return { labels: [], reference: [], live: [] }
}
