/**
 * The per-case checks: conformance (valid inputs get a well-formed, schema-valid answer),
 * rejection (each negative input gets a 4xx) and examples (outputs match the golden pairs).
 * A case the target never answered is `error` here: failureRate judges those.
 */
import type { CaseVerdict, CheckResult, Status } from './result-types.js'
import type { SentCase } from './sent-case.js'
import {
  bodyProblems,
  cleanOutputs,
  noOutputReason,
  outcomeOf,
  unjudged,
  verdict,
} from './sent-case.js'
import { matchPartial } from './match-partial.js'

/** Rolls per-case verdicts up into a check status: any failure fails; all errors is `error`. */
export function rollUp(cases: readonly CaseVerdict[], threshold?: number): Status {
  const passed = cases.filter((c) => c.status === 'passed').length
  const failed = cases.filter((c) => c.status === 'failed').length
  const errored = cases.filter((c) => c.status === 'error').length
  if (passed + failed === 0) return errored > 0 ? 'error' : 'skipped'
  if (threshold === undefined || threshold >= 1) return failed > 0 ? 'failed' : 'passed'
  return passed / (passed + failed) >= threshold ? 'passed' : 'failed'
}

/** `N passed, N failed, N not judged` for a summary line. */
export function counts(cases: readonly CaseVerdict[]): Record<string, number> {
  const n = (s: Status): number => cases.filter((c) => c.status === s).length
  return { passed: n('passed'), failed: n('failed'), error: n('error'), skipped: n('skipped') }
}

function countLine(cases: readonly CaseVerdict[]): string {
  const c = counts(cases)
  const parts = [`${c.passed} passed`, `${c.failed} failed`]
  if ((c.error ?? 0) > 0) parts.push(`${c.error} not answered`)
  if ((c.skipped ?? 0) > 0) parts.push(`${c.skipped} skipped`)
  return parts.join(', ')
}

function check(
  kind: CheckResult['kind'],
  cases: readonly CaseVerdict[],
  what: string,
): CheckResult {
  const status = rollUp(cases)
  return {
    id: kind,
    kind,
    name: kind,
    status,
    summary: `${what}: ${countLine(cases)}`,
    ...(status === 'error' ? { reason: 'no case got an answer from the target' } : {}),
    cases,
    measurements: counts(cases),
  }
}

/** conformance: 2xx, JSON, protocol envelope right, outputs valid by the schema. */
export function checkConformance(valid: readonly SentCase[]): CheckResult {
  const cases = valid.map((sent): CaseVerdict => {
    const { id } = sent.result
    const { exchange } = sent.result
    if (exchange.kind === 'not-sent') return verdict(id, 'skipped', exchange.reason)
    if (exchange.kind === 'unreachable') return verdict(id, 'error', exchange.message)
    const outcome = outcomeOf(exchange)
    if (outcome === 'failed')
      return verdict(id, 'error', `answered ${exchange.status} (counted by failureRate)`)
    if (outcome !== 'answered')
      return verdict(
        id,
        'failed',
        `rejected a valid input: answered ${exchange.status}${exchange.bodyProblem !== undefined ? `, ${exchange.bodyProblem}` : ''}`,
        bodyProblems(exchange.body),
      )
    if (!exchange.json && exchange.bodyProblem !== undefined)
      return verdict(id, 'failed', `answered ${exchange.status}, but ${exchange.bodyProblem}`)
    if (!exchange.json)
      return verdict(
        id,
        'failed',
        `answered ${exchange.status} with ${exchange.contentType || 'no content type'} that is not JSON: ${JSON.stringify((exchange.text ?? '').slice(0, 60))}`,
      )
    if (sent.envelope.length > 0)
      return verdict(id, 'failed', 'the protocol envelope of the answer is wrong', sent.envelope)
    if (sent.schema.length > 0)
      return verdict(id, 'failed', 'the output breaks the output schema', sent.schema)
    return verdict(id, 'passed')
  })
  return check('conformance', cases, 'valid inputs answered by the contract')
}

/** rejection: every negative input gets a 4xx (2xx: accepted garbage; 5xx: crashed). */
export function checkRejection(negative: readonly SentCase[]): CheckResult {
  const cases = negative.map((sent): CaseVerdict => {
    const { id, exchange } = sent.result
    if (exchange.kind === 'not-sent') return verdict(id, 'skipped', exchange.reason)
    if (exchange.kind === 'unreachable') return verdict(id, 'error', exchange.message)
    const outcome = outcomeOf(exchange)
    if (outcome === 'rejected') return verdict(id, 'passed')
    if (outcome === 'failed')
      return verdict(id, 'failed', `crashed on an invalid input: answered ${exchange.status}`)
    return verdict(
      id,
      'failed',
      `accepted an invalid input (${sent.spec.description}): answered ${exchange.status}`,
    )
  })
  return check('rejection', cases, 'invalid inputs refused with a 4xx')
}

/** examples: each example's output matches (keys given; numbers within the tolerance). */
export function checkExamples(examples: readonly SentCase[]): CheckResult {
  const cases = examples.map((sent): CaseVerdict => {
    const { id } = sent.result
    const example = sent.spec.example
    if (example?.output === undefined)
      return verdict(id, 'skipped', 'the example gives no output to compare')
    const outputs = cleanOutputs(sent)
    if (!outputs)
      return verdict(id, unjudged(sent), `no output to compare: ${noOutputReason(sent) ?? ''}`)
    const problems = matchPartial(example.output, outputs[0], example.tolerance ?? 1e-6)
    return problems.length === 0
      ? verdict(id, 'passed')
      : verdict(id, 'failed', `the output differs from example "${example.name}"`, problems)
  })
  return check('examples', cases, 'examples matched')
}
