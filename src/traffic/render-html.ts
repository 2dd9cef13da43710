/**
 * The HTML page of a `compare`, `drift` or `summary` result: one self-contained file with the
 * verdict, a table per field, the two distributions of each field overlaid (chart.js, inlined),
 * and for labels the confusion matrix drawn as a heat map. Every value shown is escaped.
 */
import { chartJsSource, htmlEscape as h, scriptJson } from '../report/index.js'
import type { CompareResult } from './compare.js'
import type { DriftResult } from './drift.js'
import type { TrafficResult } from './render-text.js'

interface ChartSpec {
  readonly id: string
  readonly title: string
  readonly labels: readonly string[]
  readonly series: readonly {
    readonly label: string
    readonly data: readonly number[]
    readonly color: string
  }[]
}

const css = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
main{max-width:1180px;margin:0 auto;padding:24px}h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px}
.verdict{display:inline-block;padding:2px 10px;border-radius:4px;color:#fff;font-weight:600}.passed{background:#1a7f37}.failed{background:#cf222e}
table{border-collapse:collapse;background:#fff;box-shadow:0 1px 2px #0001}td,th{padding:5px 9px;border-bottom:1px solid #e4e6ea;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}tr.failed td{background:#fff0f0}.meta{color:#57606a}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px}.chart{background:#fff;padding:12px;box-shadow:0 1px 2px #0001}.chart h3{font-size:14px;margin:0 0 8px}
table.cm td{text-align:center;min-width:42px}`

const n = (x: number | undefined): string =>
  x === undefined
    ? ''
    : x !== 0 && Math.abs(x) < 1e-4
      ? x.toExponential(2)
      : String(Math.round(x * 1e4) / 1e4)

function confusion(field: CompareResult['fields'][number]): string {
  const cm = field.confusion
  if (!cm) return ''
  const max = Math.max(1, ...cm.counts.flat())
  const rows = cm.counts
    .map((row, i) => {
      const cells = row
        .map((count, j) => {
          const alpha = (count / max).toFixed(3)
          const color = i === j ? `rgba(26,127,55,${alpha})` : `rgba(207,34,46,${alpha})`
          return `<td style="background:${color}" title="baseline ${h(cm.labels[i] ?? '')} → candidate ${h(cm.labels[j] ?? '')}">${count}</td>`
        })
        .join('')
      return `<tr><th>${h(cm.labels[i] ?? '')}</th>${cells}</tr>`
    })
    .join('')
  return `<h3>Confusion matrix of ${h(field.pointer)} (rows: baseline, columns: candidate)</h3><table class="cm"><tr><th></th>${cm.labels.map((l) => `<th>${h(l)}</th>`).join('')}</tr>${rows}</table>`
}

function fieldTable(result: CompareResult | DriftResult): string {
  const compare = result.kind === 'compare'
  const head = `<tr>${compare ? '' : '<th>side</th>'}<th>field</th><th>kind</th><th>PSI</th><th>test</th><th>statistic</th><th>p-value</th>${compare ? '<th>agreement</th><th>mean |Δ|</th><th>max |Δ|</th><th>correlation</th>' : ''}<th>status</th><th>why</th></tr>`
  const rows = result.fields
    .map((f) => {
      const paired = compare ? (f as CompareResult['fields'][number]) : undefined
      return `<tr class="${f.status}">${'side' in f ? `<td>${h(f.side)}</td>` : ''}<td>${h(f.pointer)}</td><td>${f.kind}</td><td class="n">${n(f.psi)}</td><td>${f.test}</td><td class="n">${n(f.statistic)}</td><td class="n">${n(f.pValue)}</td>${paired ? `<td class="n">${n(paired.agreement)}</td><td class="n">${n(paired.meanAbsDiff)}</td><td class="n">${n(paired.maxAbsDiff)}</td><td class="n">${n(paired.correlation)}</td>` : ''}<td>${f.status}</td><td>${h(f.reasons.join('; '))}</td></tr>`
    })
    .join('')
  return `<table>${head}${rows}</table>`
}

function charts(result: TrafficResult): ChartSpec[] {
  if (result.kind === 'summary')
    return result.predictions
      .filter((p) => p.shares)
      .map((p, i) => ({
        id: `chart-${i}`,
        title: p.pointer,
        labels: (p.shares ?? []).map((s) => s.label),
        series: [
          {
            label: 'live',
            data: (p.shares ?? []).map((s) => s.share),
            color: 'rgba(130,80,223,0.7)',
          },
        ],
      }))
  const [a, b] = result.kind === 'compare' ? ['baseline', 'candidate'] : ['reference', 'live']
  return result.fields
    .filter((f) => f.distribution.labels.length > 0)
    .map((f, i) => ({
      id: `chart-${i}`,
      title: `${'side' in f ? `${f.side} ` : ''}${f.pointer}`,
      labels: f.distribution.labels,
      series: [
        { label: a, data: f.distribution.reference, color: 'rgba(9,105,218,0.55)' },
        { label: b, data: f.distribution.live, color: 'rgba(207,34,46,0.45)' },
      ],
    }))
}

function body(result: TrafficResult): string {
  if (result.kind === 'summary') {
    const l = result.latency
    return `<h2>Latency (ms) and failures</h2><table><tr><th>p50</th><th>p95</th><th>p99</th><th>mean</th><th>max</th><th>failure rate</th><th>violations</th></tr><tr><td class="n">${l.p50}</td><td class="n">${l.p95}</td><td class="n">${l.p99}</td><td class="n">${l.mean}</td><td class="n">${l.max}</td><td class="n">${n(result.failureRate)}</td><td class="n">${result.violations.total}</td></tr></table>
<h2>Violations by pointer</h2><table>${
      Object.entries(result.violations.byPointer)
        .map(([p, c]) => `<tr><td>${h(p)}</td><td class="n">${c}</td></tr>`)
        .join('') || '<tr><td>none</td></tr>'
    }</table>`
  }
  if (result.kind === 'drift') return `<h2>Fields</h2>${fieldTable(result)}`
  const b = result.baseline.latency
  const c = result.candidate.latency
  return `<h2>Latency (ms), side by side</h2><table><tr><th></th><th>p50</th><th>p95</th><th>p99</th><th>mean</th><th>failed</th></tr>
<tr><th>baseline</th><td class="n">${b.p50}</td><td class="n">${b.p95}</td><td class="n">${b.p99}</td><td class="n">${b.mean}</td><td class="n">${result.baseline.failures}</td></tr>
<tr><th>candidate</th><td class="n">${c.p50}</td><td class="n">${c.p95}</td><td class="n">${c.p99}</td><td class="n">${c.mean}</td><td class="n">${result.candidate.failures}</td></tr></table>
${result.reasons.length ? `<p>${result.reasons.map(h).join('<br>')}</p>` : ''}
<h2>Fields</h2>${fieldTable(result)}
${result.fields.map(confusion).join('')}`
}

/** The HTML page of a result. */
export function renderTrafficHtml(result: TrafficResult): string {
  const title =
    result.kind === 'compare'
      ? `compare: ${result.baseline.source} vs ${result.candidate.source}`
      : result.kind === 'drift'
        ? `drift: ${result.live.sources.join(', ')} against ${result.reference.sources.join(', ')}`
        : `summary: ${result.sources.join(', ')}`
  const verdict =
    result.kind === 'summary'
      ? ''
      : `<span class="verdict ${result.verdict}">${result.verdict}</span>`
  const specs = charts(result)
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>standin ${h(title)}</title><style>${css}</style></head><body><main>
<h1>standin ${h(title)} ${verdict}</h1>
<p class="meta">${result.contract ? `${h(result.contract.name)}@${h(result.contract.version)} (${h(result.contract.protocol)})` : ''}</p>
${body(result)}
<h2>Distributions</h2><div class="charts">${specs.map((c) => `<div class="chart"><h3>${h(c.title)}</h3><canvas id="${h(c.id)}" height="220"></canvas></div>`).join('')}</div>
</main>
<script>${chartJsSource()}</script>
<script id="chart-data" type="application/json">${scriptJson(specs)}</script>
<script>
(function () {
  var data = JSON.parse(document.getElementById('chart-data').textContent);
  data.forEach(function (c) {
    var el = document.getElementById(c.id);
    if (!el) return;
    new Chart(el, {
      type: 'bar',
      data: { labels: c.labels, datasets: c.series.map(function (s) { return { label: s.label, data: s.data, backgroundColor: s.color, grouped: false, barPercentage: 1, categoryPercentage: 0.9 }; }) },
      options: { animation: false, responsive: true, scales: { y: { beginAtZero: true, title: { display: true, text: 'share' } } } }
    });
  });
})();
</script>
</body></html>
`
}
