/**
 * The `html` reporter: one self-contained page for the person who signs the swap off: verdict,
 * check table, latency histogram and percentiles, time to first token and tokens per second
 * (openai-chat streams), prediction distribution charts, invariance and directional failures
 * side by side, and failing cases with a curl line to reproduce them.
 * Charts are drawn by chart.js, inlined from its UMD build; every value shown is escaped.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { resolvePointer } from '../json/index.js'
import type { CheckResult, VerifyResult } from '../verify/index.js'
import { casesLine, curlLine, exchangeLine, replayCommand } from './describe-case.js'
import { shortJson } from '../json/index.js'
import { histogram, predictionCharts, streamingCharts } from './html-charts.js'
import type { Bars } from './html-charts.js'
import { htmlEscape as h, scriptJson } from './html-escape.js'
import { writeReport } from './reporter-types.js'
import type { Reporter } from './reporter-types.js'

/**
 * chart.js's UMD build (defines `window.Chart`), read once per report: the copy the build puts
 * next to this module (scripts/copy-assets.mjs; chart.js is not installed with standin), else
 * the dev dependency's when run from source.
 */
export function chartJsSource(): string {
  const copied = new URL('chart.umd.js', import.meta.url)
  const file = existsSync(copied)
    ? copied
    : join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.js')
  return readFileSync(file, 'utf8').replace(/<\/script/gi, '<\\/script')
}

const css = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
main{max-width:1180px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px}
.meta{color:#5b6570}.verdict{display:inline-block;padding:6px 14px;border-radius:6px;font-weight:700;color:#fff;margin:12px 0}
.passed{background:#1f883d}.failed{background:#cf222e}
table{border-collapse:collapse;width:100%;background:#fff;box-shadow:0 1px 2px #0001}
th,td{border-bottom:1px solid #e3e6ea;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4;font-weight:600}
.s-passed{color:#1f883d;font-weight:700}.s-failed{color:#cf222e;font-weight:700}.s-skipped{color:#6e7781}.s-error{color:#9a6700;font-weight:700}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px}
.chart{background:#fff;padding:12px;box-shadow:0 1px 2px #0001}.chart h3{font-size:14px;margin:0 0 8px}
pre,code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;white-space:pre-wrap;word-break:break-all}
pre{background:#f0f2f4;padding:8px;margin:4px 0}
.case{background:#fff;padding:10px 12px;margin:10px 0;box-shadow:0 1px 2px #0001}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:10px}
`

function statusCell(status: string): string {
  return `<td class="s-${h(status)}">${h(status)}</td>`
}

function checkTable(result: VerifyResult): string {
  const rows = result.checks
    .map(
      (c) =>
        `<tr>${statusCell(c.status)}<td>${h(c.kind)}</td><td>${h(c.name)}</td><td>${h(c.summary)}${c.reason && !c.summary.includes(c.reason) ? `<br><small>${h(c.reason)}</small>` : ''}</td></tr>`,
    )
    .join('\n')
  return `<table><thead><tr><th>status</th><th>check</th><th>name</th><th>result</th></tr></thead><tbody>${rows}</tbody></table>`
}

function percentileTable(result: VerifyResult): string {
  const l = result.latency
  const promise = result.checks.find((c) => c.kind === 'latency')
  const cells = (['p50', 'p95', 'p99'] as const)
    .map((k) => `<td>${h(l[k].toFixed(1))} ms</td>`)
    .join('')
  const run = result.load
  const load = run
    ? `<tr><th>under load (${h(run.targetRpm)} rpm → ${h(run.achievedRpm)} rpm achieved, ${h(run.errors)} errors)</th><td>${h(run.p50)} ms</td><td>${h(run.p95)} ms</td><td>${h(run.p99)} ms</td><td>${h(run.max)} ms</td></tr>`
    : ''
  return `<table><thead><tr><th></th><th>p50</th><th>p95</th><th>p99</th><th>max</th></tr></thead><tbody><tr><th>${h(l.count)} requests</th>${cells}<td>${h(l.max.toFixed(1))} ms</td></tr>${load}</tbody></table><p class="meta">${h(promise?.summary ?? '')}</p>`
}

function behaviourPairs(result: VerifyResult, checks: readonly CheckResult[]): string {
  const byId = new Map(result.cases.map((c) => [c.id, c]))
  const blocks = checks.flatMap((check) => {
    // Every failed pair carries the expectation's pointer; take it from any of them (the first
    // case may have passed and carry none).
    const checkPath = check.cases.find((c) => c.problems.length > 0)?.problems[0]?.pointer
    return check.cases
      .filter((v) => v.status === 'failed')
      .slice(0, 20)
      .map((v) => {
        const path = v.problems[0]?.pointer ?? checkPath
        const base = byId.get(v.baseId ?? '')
        const twin = byId.get(v.caseId)
        const at = (c: typeof base): string => {
          const r =
            path !== undefined ? resolvePointer(c?.outputs?.[0], path) : { found: false as const }
          return r.found ? shortJson(r.value, 120) : '—'
        }
        return `<div class="case"><b>${h(check.name)}</b> <code>${h(v.caseId)}</code> (seed ${h(result.seed)}): ${h(v.message)}
<div class="pair"><div><b>original</b> <code>${h(v.baseId ?? '')}</code><pre>${h(shortJson(base?.records[0], 600))}</pre>output at <code>${h(path ?? '')}</code>: <code>${h(at(base))}</code></div>
<div><b>perturbed</b><pre>${h(shortJson(twin?.records[0], 600))}</pre>output at <code>${h(path ?? '')}</code>: <code>${h(at(twin))}</code></div></div></div>`
      })
  })
  return blocks.length > 0
    ? blocks.join('\n')
    : '<p class="meta">No invariance or directional failures.</p>'
}

function failingCases(result: VerifyResult): string {
  const byId = new Map(result.cases.map((c) => [c.id, c]))
  const blocks = result.checks
    .filter((c) => c.kind !== 'invariance' && c.kind !== 'directional')
    .flatMap((check) =>
      check.cases
        .filter((v) => v.status === 'failed' || v.status === 'error')
        .slice(0, 25)
        .map((v) => {
          const c = byId.get(v.caseId)
          const curl = c ? curlLine(result, c) : undefined
          const problems = v.problems
            .map((p) => `<li><code>${h(p.pointer || '/')}</code>: ${h(p.message)}</li>`)
            .join('')
          return `<div class="case"><span class="s-${h(v.status)}">${h(v.status)}</span> <b>${h(check.id)}</b> <code>${h(v.caseId)}</code> (seed ${h(result.seed)}): ${h(v.message)}
${problems ? `<ul>${problems}</ul>` : ''}${c ? `<div>input</div><pre>${h(shortJson(c.records.length === 1 ? c.records[0] : c.records, 1500))}</pre><div>answer</div><pre>${h(exchangeLine(c))}</pre>` : ''}
${check.kind === 'protocol' ? '' : `<div>replay</div><pre>${h(replayCommand(result, v.caseId))}</pre>`}${curl ? `<div>curl</div><pre>${h(curl)}</pre>` : ''}</div>`
        }),
    )
  return blocks.length > 0 ? blocks.join('\n') : '<p class="meta">No failing cases.</p>'
}

function chartBox(id: string, bars: Bars): string {
  return `<div class="chart"><h3>${h(bars.title)}</h3><canvas id="${h(id)}" height="220"></canvas></div>`
}

/**
 * The HTML report text.
 *
 * @example
 * await writeFile('report.html', renderHtml(result))
 */
export function renderHtml(result: VerifyResult): string {
  const latency = histogram(
    result.latency.samples,
    30,
    `latency of ${result.latency.count} requests (ms)`,
  )
  const predictions = predictionCharts(result)
  const charts = [
    { id: 'chart-latency', bars: latency, color: '#0969da' },
    ...streamingCharts(result).map((bars, i) => ({
      id: `chart-stream-${i}`,
      bars,
      color: '#1a7f37',
    })),
    ...predictions.map((bars, i) => ({ id: `chart-pred-${i}`, bars, color: '#8250df' })),
  ]
  const behaviour = result.checks.filter((c) => c.kind === 'invariance' || c.kind === 'directional')
  const title = `standin verify: ${result.contract.name}@${result.contract.version}`
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${h(title)}</title><style>${css}</style></head>
<body><main>
<h1>${h(title)}</h1>
<div class="meta">${h(result.contract.protocol)} protocol · target ${h(result.target.description)} · seed ${h(result.seed)} · ${h(casesLine(result))} · ${h(result.cases.length)} requests · ${h((result.durationMs / 1000).toFixed(1))} s · ${h(result.startedAt)}</div>
<div class="verdict ${result.verdict === 'passed' ? 'passed' : 'failed'}">${result.verdict === 'passed' ? 'PASSED' : 'FAILED'}</div>
${result.unreachable > 0 ? `<p class="s-error">${h(result.unreachable)} requests got no answer (the target could not be reached).</p>` : ''}
<h2>Checks</h2>${checkTable(result)}
<h2>Latency</h2>${percentileTable(result)}
<h2>Charts</h2><div class="charts">${charts.map((c) => chartBox(c.id, c.bars)).join('')}</div>
<h2>Invariance and directional failures</h2>${behaviour.length === 0 ? '<p class="meta">The contract declares none.</p>' : behaviourPairs(result, behaviour)}
<h2>Failing cases</h2>${failingCases(result)}
</main>
<script>${chartJsSource()}</script>
<script id="chart-data" type="application/json">${scriptJson(charts.map((c) => ({ id: c.id, labels: c.bars.labels, counts: c.bars.counts, color: c.color })))}</script>
<script>
(function () {
  var data = JSON.parse(document.getElementById('chart-data').textContent);
  data.forEach(function (c) {
    var el = document.getElementById(c.id);
    if (!el || c.labels.length === 0) return;
    new Chart(el, {
      type: 'bar',
      data: { labels: c.labels, datasets: [{ label: 'count', data: c.counts, backgroundColor: c.color }] },
      options: { animation: false, responsive: true, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  });
})();
</script>
</body></html>
`
}

/** The `html:FILE` reporter. */
export const htmlReporter: Reporter = {
  name: 'html',
  description:
    'one self-contained HTML page with charts for the person who signs the swap off, to FILE',
  file: 'required',
  create(io, file) {
    return {
      finish: (result) => writeReport(io, file ?? 'standin-report.html', renderHtml(result)),
    }
  },
}
