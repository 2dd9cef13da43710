/**
 * The `junit` reporter: JUnit XML as Jenkins, GitHub and GitLab read it, valid by the Jenkins
 * xUnit plugin's junit-10.xsd. One `<testsuite>` per check, one `<testcase>` per check and case
 * (aggregate checks: one testcase for the check); failures carry the case id, seed and replay
 * command; unreachable targets are `<error>`, skipped checks `<skipped>`.
 */
import { hostname } from 'node:os'
import type { CaseVerdict, CheckResult, VerifyResult } from '../verify/index.js'
import { replayCommand } from './describe-case.js'
import { writeReport } from './reporter-types.js'
import type { Reporter } from './reporter-types.js'

/** Escapes text for XML content and attributes, dropping characters XML 1.0 cannot hold. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

const attr = (name: string, value: string | number): string =>
  `${name}="${xmlEscape(String(value))}"`

function outcome(result: VerifyResult, check: CheckResult, v: CaseVerdict | undefined): string {
  const status = v?.status ?? check.status
  const message = v ? v.message : check.summary
  if (status === 'passed') return ''
  if (status === 'skipped')
    return `<skipped ${attr('message', message || check.reason || 'skipped')}/>`
  // protocol check verdicts are GETs of metadata and health endpoints: nothing to replay.
  const probe = check.kind === 'protocol'
  const details = [
    v
      ? probe
        ? `${v.caseId}: ${v.message}`
        : `case ${v.caseId} (seed ${result.seed}): ${v.message}`
      : check.summary,
    ...(v?.problems ?? []).map((p) => `${p.pointer || '/'}: ${p.message}`),
    ...(v && !probe ? [`replay: ${replayCommand(result, v.caseId)}`] : []),
  ].join('\n')
  const tag = status === 'error' ? 'error' : 'failure'
  return `<${tag} ${attr('message', message)} ${attr('type', status === 'error' ? 'unreachable' : check.kind)}>${xmlEscape(details)}</${tag}>`
}

/**
 * The JUnit XML text of a result.
 *
 * @example
 * await writeFile('junit.xml', renderJunit(result))
 */
export function renderJunit(result: VerifyResult): string {
  const suites = result.checks.map((check) => {
    const classname = `standin.${result.contract.name}.${check.kind}`
    const cases =
      check.cases.length > 0
        ? check.cases.map((v) => {
            const sent = result.cases.find((k) => k.id === v.caseId)
            const time =
              sent?.exchange.kind === 'answered' || sent?.exchange.kind === 'unreachable'
                ? sent.exchange.latencyMs / 1000
                : 0
            return `    <testcase ${attr('name', `${check.name}: ${v.caseId}`)} ${attr('classname', classname)} ${attr('time', time.toFixed(4))}>${outcome(result, check, v)}</testcase>`
          })
        : [
            `    <testcase ${attr('name', check.name)} ${attr('classname', classname)} time="0">${outcome(result, check, undefined)}</testcase>`,
          ]
    const statuses = check.cases.length > 0 ? check.cases.map((v) => v.status) : [check.status]
    const n = (s: string): number => statuses.filter((x) => x === s).length
    return [
      `  <testsuite ${attr('name', `${result.contract.name}: ${check.id}`)} ${attr('tests', statuses.length)} ${attr('failures', n('failed'))} ${attr('errors', n('error'))} ${attr('skipped', n('skipped'))} ${attr('timestamp', result.startedAt.replace(/\.\d+Z$/, ''))} ${attr('hostname', hostname())} time="0">`,
      `    <properties><property name="seed" ${attr('value', result.seed)}/><property name="target" ${attr('value', result.target.description)}/><property name="summary" ${attr('value', check.summary)}/></properties>`,
      ...cases,
      '  </testsuite>',
    ].join('\n')
  })
  const all = result.checks.flatMap((k) =>
    k.cases.length > 0 ? k.cases.map((v) => v.status) : [k.status],
  )
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attr('name', `standin verify ${result.contract.name}@${result.contract.version}`)} ${attr('tests', all.length)} ${attr('failures', all.filter((s) => s === 'failed').length)} ${attr('errors', all.filter((s) => s === 'error').length)} ${attr('time', (result.durationMs / 1000).toFixed(3))}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n')
}

/** The `junit:FILE` reporter. */
export const junitReporter: Reporter = {
  name: 'junit',
  description:
    'JUnit XML (one testcase per check and case) to FILE, for Jenkins, GitHub and GitLab',
  file: 'required',
  create(io, file) {
    return { finish: (result) => writeReport(io, file ?? 'standin-junit.xml', renderJunit(result)) }
  },
}
