/** The console and JUnit renderings of `compare`, `drift` and `summary` results. */
import { xmlEscape } from '../report/index.js'
import type { CompareResult } from './compare.js'
import type { DriftResult, FieldDrift } from './drift.js'
import type { SummaryReport } from './summary-report.js'
import { plural } from '../plural.js'

/** Any result the traffic commands report. */
export type TrafficResult = CompareResult | DriftResult | SummaryReport

const num = (x: number | undefined): string =>
  x === undefined
    ? '-'
    : x !== 0 && Math.abs(x) < 1e-4
      ? x.toExponential(2)
      : String(Math.round(x * 1e4) / 1e4)

// Control characters and bidirectional overrides from recorded values must not reach a terminal.
const plain = (text: string): string =>
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?')

function fieldLine(f: Omit<FieldDrift, 'side'> & { side?: string }): string {
  const mark = f.status === 'failed' ? 'FAIL' : f.status === 'skipped' ? 'skip' : 'ok  '
  const test =
    f.test === 'chi-square'
      ? `chi2=${num(f.statistic)} df=${f.df ?? '-'}`
      : `KS D=${num(f.statistic)}`
  const extra = 'agreement' in f || 'meanAbsDiff' in f ? pairedText(f as never) : ''
  return `  ${mark} ${f.side ? `${f.side} ` : ''}${plain(f.pointer)} (${f.kind}): PSI=${num(f.psi)} ${test} p=${num(f.pValue)}${extra}${f.reasons.length ? ` — ${f.reasons.map(plain).join('; ')}` : ''}`
}

function pairedText(f: CompareResult['fields'][number]): string {
  if (f.agreement !== undefined) return ` agreement=${num(f.agreement)}`
  if (f.meanAbsDiff !== undefined)
    return ` mean|Δ|=${num(f.meanAbsDiff)} max|Δ|=${num(f.maxAbsDiff)} r=${num(f.correlation)}`
  return ''
}

/** The console text of a summary. */
function summaryText(result: SummaryReport): string {
  const lines: string[] = []
  lines.push(
    `standin summary: ${result.contract ? `${result.contract.name}@${result.contract.version} ` : ''}${plural(result.exchanges, 'exchange')}, ${plural(result.records, 'record')} from ${result.sources.map(plain).join(', ')}`,
  )
  if (result.exchanges === 0) {
    // Zeros here would read as a perfect model: say there was nothing to measure.
    lines.push(
      '  no exchange recorded: nothing to summarise (give the file `standin proxy --record` writes)',
    )
    if (result.skippedLines > 0) lines.push(`  skipped lines: ${result.skippedLines}`)
    return `${lines.join('\n')}\n`
  }
  const l = result.latency
  lines.push(
    l.count === 0
      ? '  latency ms: none recorded'
      : `  latency ms: p50 ${l.p50}  p95 ${l.p95}  p99 ${l.p99}  mean ${l.mean}  max ${l.max}`,
  )
  lines.push(
    `  failure rate: ${num(result.failureRate)} (${result.failures} of ${result.exchanges}; ${Object.entries(
      result.outcomes,
    )
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')})`,
  )
  lines.push(
    `  violations: ${result.violations.total} in ${plural(result.violations.exchanges, 'exchange')}`,
  )
  for (const [pointer, n] of Object.entries(result.violations.byPointer)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20))
    lines.push(`    ${plain(pointer)}: ${n}`)
  for (const p of result.predictions) {
    if (p.quantiles)
      lines.push(
        `  ${plain(p.pointer)}: min ${p.quantiles.min}  p50 ${p.quantiles.p50}  p95 ${p.quantiles.p95}  max ${p.quantiles.max}  mean ${p.quantiles.mean}`,
      )
    else
      lines.push(
        `  ${plain(p.pointer)}: ${(p.shares ?? [])
          .slice(0, 8)
          .map((s) => `${plain(s.label)} ${(s.share * 100).toFixed(1)}%`)
          .join('  ')}`,
      )
  }
  if (result.skippedLines > 0) lines.push(`  skipped lines: ${result.skippedLines}`)
  return `${lines.join('\n')}\n`
}

/** The console text of a result. */
export function renderTrafficText(result: TrafficResult): string {
  const lines: string[] = []
  if (result.kind === 'summary') return summaryText(result)
  if (result.kind === 'drift') {
    lines.push(
      `standin drift: ${result.verdict.toUpperCase()} — ${result.live.records} live records against ${result.reference.records} reference records`,
    )
    for (const f of result.fields) lines.push(fieldLine(f))
    return `${lines.join('\n')}\n`
  }
  lines.push(
    `standin compare: ${result.verdict.toUpperCase()} — ${plural(result.pairs, 'input')} answered by both (baseline ${plain(result.baseline.source)}, candidate ${plain(result.candidate.source)})`,
  )
  const b = result.baseline.latency
  const c = result.candidate.latency
  lines.push(`  latency ms      p50      p95      p99     mean`)
  lines.push(
    `  baseline  ${[b.p50, b.p95, b.p99, b.mean].map((x) => String(x).padStart(8)).join(' ')}  (${result.baseline.failures} failed)`,
  )
  lines.push(
    `  candidate ${[c.p50, c.p95, c.p99, c.mean].map((x) => String(x).padStart(8)).join(' ')}  (${result.candidate.failures} failed)`,
  )
  for (const f of result.fields) lines.push(fieldLine(f))
  for (const r of result.reasons) lines.push(`  FAIL ${r}`)
  return `${lines.join('\n')}\n`
}

function testcase(
  name: string,
  classname: string,
  failure: string | undefined,
  skipped = false,
): string {
  const body =
    failure !== undefined
      ? `<failure message="${xmlEscape(failure)}">${xmlEscape(failure)}</failure>`
      : skipped
        ? '<skipped/>'
        : ''
  return `    <testcase name="${xmlEscape(name)}" classname="${xmlEscape(classname)}" time="0">${body}</testcase>`
}

/** The JUnit XML of a result: one testcase per field (and per summary figure). */
export function renderTrafficJunit(result: TrafficResult): string {
  const suite = `standin.${result.kind}${result.contract ? `.${result.contract.name}` : ''}`
  const cases: string[] = []
  if (result.kind === 'summary') {
    cases.push(
      testcase(
        'violations',
        suite,
        result.violations.total > 0
          ? `${plural(result.violations.total, 'violation')} in ${plural(result.violations.exchanges, 'exchange')}`
          : undefined,
      ),
    )
    cases.push(testcase('failures', suite, undefined))
  } else {
    for (const f of result.fields)
      cases.push(
        testcase(
          `${'side' in f ? `${f.side} ` : ''}${f.pointer}`,
          suite,
          f.status === 'failed' ? f.reasons.join('; ') : undefined,
          f.status === 'skipped',
        ),
      )
    if (result.kind === 'compare')
      for (const r of result.reasons) cases.push(testcase('run', suite, r))
  }
  const failures = cases.filter((c) => c.includes('<failure')).length
  const skipped = cases.filter((c) => c.includes('<skipped')).length
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="standin ${result.kind}" tests="${cases.length}" failures="${failures}" errors="0">\n  <testsuite name="${xmlEscape(suite)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`
}
