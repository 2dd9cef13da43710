/** Shared text for reporters: the replay command, the curl line, what the cases were. */
import type { CaseResult, VerifyResult } from '../verify/index.js'
import { shellQuote } from '../shell-quote.js'
import { shortJson } from '../json/index.js'
import { plural } from '../plural.js'

/**
 * The command that sends one case again. A run on real inputs replays from the same file and as
 * many of its rows: the boundary and negative cases are built from its first input too. A run
 * that forced the quality checks on the stand-in replays with them (their cases exist only then).
 */
export function replayCommand(result: VerifyResult, caseId: string): string {
  const contract = result.contract.file ?? `${result.contract.name}.contract.yaml`
  const target =
    result.target.kind === 'url'
      ? result.target.description
      : result.target.kind === 'mock'
        ? 'mock'
        : '<target>'
  return [
    'standin verify',
    shellQuote(contract),
    '--target',
    shellQuote(target),
    '--seed',
    String(result.seed),
    ...(result.casesFrom ? ['--cases-from', shellQuote(result.casesFrom.file)] : []),
    '--cases',
    String(result.casesFrom?.inputs ?? result.casesRequested),
    ...(result.forceQuality ? ['--force-quality'] : []),
    '--replay',
    shellQuote(caseId),
  ].join(' ')
}

/** A curl line that sends the case's request again (URL targets only). */
export function curlLine(result: VerifyResult, c: CaseResult): string | undefined {
  if (!c.request || result.target.kind !== 'url') return undefined
  const base = result.target.description.replace(/\/+$/, '')
  const headers = Object.entries(c.request.headers).flatMap(([k, v]) => [
    '-H',
    shellQuote(`${k}: ${v}`),
  ])
  return [
    'curl',
    '-sS',
    '-X',
    c.request.method,
    shellQuote(`${base}${c.request.path}`),
    ...headers,
    '--data-raw',
    shellQuote(c.request.body),
  ].join(' ')
}

/** What came back, in one line. */
export function exchangeLine(c: CaseResult): string {
  const e = c.exchange
  if (e.kind === 'not-sent') return `not sent: ${e.reason}`
  if (e.kind === 'unreachable') return `no answer: ${e.message}`
  const body =
    e.json && e.body !== undefined
      ? shortJson(e.body)
      : JSON.stringify((e.text ?? '').slice(0, 120))
  const problem = e.bodyProblem !== undefined ? ` (${e.bodyProblem})` : ''
  return `${e.status} ${e.contentType || '(no content type)'} in ${e.latencyMs.toFixed(1)} ms: ${body}${problem}`
}

/** What the run's inputs were: `100 generated cases`, or `25 real inputs from traffic.jsonl`. */
export function casesLine(result: VerifyResult): string {
  const from = result.casesFrom
  if (!from) return plural(result.casesRequested, 'generated case')
  return `${plural(from.inputs, 'real input')} from ${from.file}`
}
