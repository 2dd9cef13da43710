/**
 * The `protocol` check (issue 10): GETs every metadata and health endpoint the contract's
 * protocol promises (`protocolProbes` in protocol/) and judges each answer, so a deployment whose
 * metadata disagrees with the contract, or that says it is not ready, fails before any swap.
 * The same GETs tell whether the target is the stand-in: every answer of the stand-in carries
 * `x-standin: standin/<version>`.
 */
import type { Contract } from '../contract/index.js'
import type { Problem } from '../errors.js'
import { protocolProbes, standinHeader } from '../protocol/index.js'
import type { ProtocolProbe } from '../protocol/index.js'
import { skippedCheck } from './check-aggregates.js'
import { getOnce } from './get-once.js'
import type { GetAnswer } from './get-once.js'
import type { CaseVerdict, CheckResult } from './result-types.js'

/** The path the stand-in lists itself at (asked when the protocol has no probes). */
const listingPath = '/_standin'

/** What the protocol GETs found. */
export interface ProtocolProbing {
  /** The `protocol` check. */
  readonly check: CheckResult
  /** The stand-in's `x-standin` value when the target answered as the stand-in. */
  readonly standIn?: string
}

/** A probe's answer judged: passed, or failed with the sentence and the problems. */
export function probeVerdict(
  probe: ProtocolProbe,
  answer: GetAnswer,
): { status: CaseVerdict['status']; message: string; problems: Problem[] } {
  const fail = (message: string, problems: Problem[] = []) => ({
    status: 'failed' as const,
    message,
    problems,
  })
  if (answer.kind === 'unreachable') return fail(`${probe.name}: ${answer.message}`)
  if (answer.status === 404 && probe.optional)
    return { status: 'passed', message: `${probe.name}: not served (optional)`, problems: [] }
  if (answer.status < 200 || answer.status > 299)
    return fail(`${probe.name}: answered HTTP ${answer.status}, expected 200`)
  if (probe.json && !answer.json)
    return fail(
      `${probe.name}: answered ${answer.contentType || 'no content type'} that is not JSON: ${JSON.stringify(answer.text.slice(0, 80))}`,
    )
  const problems = probe.judge(answer.json ? answer.body : answer.text)
  if (problems.length > 0)
    return fail(
      `${probe.name} disagrees with the contract: ${problems.map((p) => `${p.pointer || '/'} ${p.message}`).join('; ')}`,
      problems,
    )
  return { status: 'passed', message: '', problems: [] }
}

/** Why model quality is skipped against a target that answered with `x-standin: <stamp>`. */
export function standInReason(stamp: string): string {
  return `the target answers as the stand-in (${standinHeader}: ${stamp}): model quality is judged against the real model at swap time; force it with --force-quality`
}

/**
 * Runs the probes of `contract`'s protocol against `baseUrl` at once, each within `timeoutMs`
 * (an in-process target, without a base URL, has none: the check is skipped).
 *
 * @example
 * const { check, standIn } = await probeProtocol(contract, new URL('http://127.0.0.1:8080'), { timeoutMs: 5000, headers: {} })
 */
export async function probeProtocol(
  contract: Contract,
  baseUrl: URL | undefined,
  options: { readonly timeoutMs: number; readonly headers: Readonly<Record<string, string>> },
): Promise<ProtocolProbing> {
  if (!baseUrl)
    return {
      check: skippedCheck(
        'protocol',
        'the target is in-process: metadata and health endpoints are served over HTTP',
      ),
    }
  const probes = protocolProbes(contract)
  const paths = probes.length > 0 ? probes.map((p) => p.path) : [listingPath]
  const answers = await Promise.all(paths.map((path) => getOnce(baseUrl, path, options)))
  const stamp = answers
    .map((a) => (a.kind === 'answered' ? a.headers[standinHeader] : undefined))
    .find((v): v is string => typeof v === 'string' && v.startsWith('standin/'))
  const standIn = stamp !== undefined ? { standIn: stamp } : {}
  if (probes.length === 0)
    return {
      check: skippedCheck(
        'protocol',
        `the ${contract.protocol} protocol has no metadata or health endpoints`,
      ),
      ...standIn,
    }
  const cases: CaseVerdict[] = probes.map((probe, i) => ({
    caseId: `GET ${probe.path}`,
    ...probeVerdict(probe, answers[i] as GetAnswer),
  }))
  const failed = cases.filter((c) => c.status === 'failed')
  const names = probes.map((p) => p.name).join(', ')
  return {
    check: {
      id: 'protocol',
      kind: 'protocol',
      name: 'protocol',
      status: failed.length === 0 ? 'passed' : 'failed',
      summary:
        failed.length === 0
          ? `${contract.protocol} endpoints agree with the contract (${names})`
          : failed.map((c) => c.message).join('; '),
      cases,
      measurements: { endpoints: probes.length, failed: failed.length },
    },
    ...standIn,
  }
}
