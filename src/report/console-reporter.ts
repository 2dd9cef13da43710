/**
 * The console reporter: a progress bar on a terminal, then a table of checks and each failure
 * with its case id, seed, input, answer, pointers and the command that replays it. Plain text
 * (no colour, no bar) when stdout is not a terminal or `NO_COLOR` is set.
 */
import cliProgress from 'cli-progress'
import pc from 'picocolors'

type Colors = ReturnType<typeof pc.createColors>
import type { CheckResult, Status, VerifyResult } from '../verify/index.js'
import { casesLine, exchangeLine, replayCommand } from './describe-case.js'
import { shortJson } from '../json/index.js'
import type { Reporter } from './reporter-types.js'
import { useColour } from '../colour.js'
import { plural } from '../plural.js'

/** How many failing cases each check lists. */
const shownPerCheck = 5

const label: Record<Status, string> = {
  passed: 'PASS',
  failed: 'FAIL',
  skipped: 'SKIP',
  error: 'ERR ',
}

const unsafeChars =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/**
 * Control characters from a model's answer must not reach the terminal (escape sequences), nor
 * bidirectional overrides that make a line read differently from what it holds.
 */
export function clean(text: string): string {
  return text.replace(unsafeChars, '\uFFFD')
}

/**
 * The console report as text.
 *
 * @example
 * io.stdout(renderConsole(result, false))
 */
export function renderConsole(result: VerifyResult, colour: boolean): string {
  const c = pc.createColors(colour)
  const paint: Record<Status, (s: string) => string> = {
    passed: c.green,
    failed: c.red,
    skipped: c.dim,
    error: c.yellow,
  }
  const lines: string[] = []
  lines.push(
    `standin verify ${clean(result.contract.name)}@${clean(result.contract.version)} (${result.contract.protocol}) against ${clean(result.target.description)}, seed ${result.seed}, ${clean(casesLine(result))}${result.replay ? `, replaying ${result.replay}` : ''}`,
    '',
  )
  // Ids longer than the column (long behaviour names) put their summary on the next line.
  const width = Math.min(32, Math.max(...result.checks.map((k) => k.id.length)))
  for (const check of result.checks) {
    const head = `  ${paint[check.status](label[check.status])}  ${clean(check.id)}`
    if (check.id.length > width)
      lines.push(head, `        ${' '.repeat(width + 2)}${clean(check.summary)}`)
    else lines.push(`${head}${' '.repeat(width - check.id.length)}  ${clean(check.summary)}`)
  }
  if (result.replay !== undefined)
    for (const sent of result.cases) {
      lines.push('', `  case ${clean(sent.id)} (seed ${result.seed}): ${clean(sent.description)}`)
      lines.push(
        `    input:  ${clean(shortJson(sent.records.length === 1 ? sent.records[0] : sent.records, 2000))}`,
      )
      lines.push(`    answer: ${clean(exchangeLine(sent))}`)
    }
  const bad = result.checks.filter((k) => k.status === 'failed' || k.status === 'error')
  if (bad.length > 0) lines.push('', c.bold('Failures'))
  for (const check of bad) lines.push(...failureLines(result, check, c))
  const n = (s: Status): number => result.checks.filter((k) => k.status === s).length
  const tail = [
    `${n('passed')} passed`,
    n('failed') > 0 ? `${n('failed')} failed` : '',
    n('error') > 0 ? `${n('error')} could not be judged` : '',
    n('skipped') > 0 ? `${n('skipped')} skipped` : '',
  ].filter(Boolean)
  const unreachable =
    result.unreachable > 0 ? `, ${plural(result.unreachable, 'request')} got no answer` : ''
  lines.push(
    '',
    `${result.verdict === 'passed' ? c.green('passed') : c.red('failed')}: ${plural(result.checks.length, 'check')}, ${tail.join(', ')}${unreachable} (seed ${result.seed}, ${plural(result.cases.length, 'request')}, ${(result.durationMs / 1000).toFixed(1)} s)`,
  )
  return `${lines.join('\n')}\n`
}

function failureLines(result: VerifyResult, check: CheckResult, c: Colors): string[] {
  const lines = ['', `  ${c.bold(clean(check.id))}: ${clean(check.summary)}`]
  if (check.reason) lines.push(`    ${clean(check.reason)}`)
  const failing = check.cases.filter(
    (v) => v.status === 'failed' || (check.status === 'error' && v.status === 'error'),
  )
  const byId = new Map(result.cases.map((k) => [k.id, k]))
  for (const v of failing.slice(0, shownPerCheck)) {
    const sent = byId.get(v.caseId)
    // protocol check verdicts are GETs of the metadata and health endpoints, not replayable cases.
    const probe = check.kind === 'protocol'
    lines.push(
      probe
        ? `    ${clean(v.caseId)}: ${clean(v.message)}`
        : `    case ${clean(v.caseId)} (seed ${result.seed}): ${clean(v.message)}`,
    )
    if (v.baseId) {
      const base = byId.get(v.baseId)
      if (base)
        lines.push(`      original ${clean(v.baseId)}: ${clean(shortJson(base.records[0]))}`)
    }
    if (sent) {
      lines.push(
        `      input:  ${clean(shortJson(sent.records.length === 1 ? sent.records[0] : sent.records))}`,
      )
      lines.push(`      answer: ${clean(exchangeLine(sent))}`)
    }
    for (const p of v.problems.slice(0, 5))
      lines.push(`      ${clean(p.pointer || '/')}: ${clean(p.message)}`)
    if (v.problems.length > 5) lines.push(`      ... ${v.problems.length - 5} more problems`)
    if (!probe) lines.push(`      replay: ${clean(replayCommand(result, v.caseId))}`)
  }
  if (failing.length > shownPerCheck)
    lines.push(
      `    ... and ${failing.length - shownPerCheck} more failing cases (see the json or html report)`,
    )
  return lines
}

/** The `console` reporter. */
export const consoleReporter: Reporter = {
  name: 'console',
  description:
    'progress bar, summary table and every failure on the terminal (plain when piped or NO_COLOR)',
  file: 'none',
  create(io) {
    const colour = useColour(io)
    let bar: cliProgress.SingleBar | undefined
    return {
      progress(done, total) {
        // A bar only on a terminal: forced colour in CI logs gets no bar.
        if (!colour || !io.isTTY) return
        if (!bar) {
          bar = new cliProgress.SingleBar(
            {
              format: 'verifying {bar} {value}/{total} cases',
              stream: process.stderr,
              hideCursor: true,
              clearOnComplete: true,
            },
            cliProgress.Presets.shades_classic,
          )
          bar.start(total, 0)
        }
        bar.setTotal(total)
        bar.update(done)
      },
      finish(result) {
        bar?.stop()
        io.stdout(renderConsole(result, colour))
        return Promise.resolve()
      },
    }
  },
}
