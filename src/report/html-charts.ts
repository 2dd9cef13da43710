/** The data behind the HTML report's charts, computed from the result (drawn by chart.js). */
import { resolvePointer } from '../json/index.js'
import type { VerifyResult } from '../verify/index.js'

/** A chart's bars: labels and counts. */
export interface Bars {
  readonly title: string
  readonly labels: readonly string[]
  readonly counts: readonly number[]
}

/** Equal-width histogram of numbers in at most `bins` bins. */
export function histogram(values: readonly number[], bins: number, title: string, unit = ''): Bars {
  if (values.length === 0) return { title, labels: [], counts: [] }
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  const n = hi === lo ? 1 : Math.min(bins, Math.max(1, Math.ceil(Math.sqrt(values.length))))
  const width = (hi - lo) / n || 1
  const counts = new Array<number>(n).fill(0)
  for (const v of values) counts[Math.min(n - 1, Math.floor((v - lo) / width))]! += 1
  const fmt = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3))
  const labels = counts.map((_, i) => `${fmt(lo + i * width)}–${fmt(lo + (i + 1) * width)}${unit}`)
  return { title, labels, counts }
}

/** The prediction distribution at each distribution check's path, over the generated cases. */
export function predictionCharts(result: VerifyResult): Bars[] {
  const paths = [
    ...new Set(result.checks.filter((c) => c.kind === 'distribution').map((c) => c.name)),
  ]
  const generated = result.cases.filter((c) => c.kind === 'generated' && c.outputs)
  return paths.flatMap((path) => {
    const values = generated.flatMap((c) => {
      const at = resolvePointer(c.outputs?.[0], path)
      return at.found ? [at.value] : []
    })
    if (values.length === 0) return []
    if (values.every((v) => typeof v === 'number') && new Set(values).size > 12)
      return [histogram(values, 20, `${path} over ${values.length} generated inputs`)]
    const counts = new Map<string, number>()
    for (const v of values) {
      const k = typeof v === 'string' ? v : JSON.stringify(v)
      counts.set(k, (counts.get(k) ?? 0) + 1)
    }
    const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1])
    return [
      {
        title: `${path} over ${values.length} generated inputs`,
        labels: sorted.map((e) => e[0]),
        counts: sorted.map((e) => e[1]),
      },
    ]
  })
}

/**
 * openai-chat streams: the histograms of time to first token (ms) and of tokens per second, when
 * the run streamed (empty otherwise).
 */
export function streamingCharts(result: VerifyResult): Bars[] {
  const s = result.streaming
  if (!s || s.count === 0) return []
  return [
    histogram(
      s.timeToFirstToken,
      20,
      `time to first token of ${s.timeToFirstToken.length} streams (ms)`,
    ),
    histogram(s.tokensPerSecond, 20, `tokens per second of ${s.tokensPerSecond.length} streams`),
  ].filter((bars) => bars.counts.length > 0)
}
