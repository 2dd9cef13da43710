/**
 * invariance and directional checks (CheckList's INV and DIR tests): each original case and its
 * perturbed twin are compared at the expectation's output path. A check passes when the share of
 * judged pairs that pass reaches its threshold (default: every pair).
 */
import { resolvePointer } from '../json/index.js'
import type { Problem } from '../errors.js'
import type { BehaviourCheck, Expectation } from '../contract/index.js'
import type { CaseVerdict, CheckResult } from './result-types.js'
import type { SentCase } from './sent-case.js'
import { cleanOutputs, noOutputReason, unjudged, verdict } from './sent-case.js'
import { counts, rollUp } from './check-cases.js'

function show(v: unknown): string {
  const t = JSON.stringify(v)
  return t === undefined ? 'nothing' : t.length > 60 ? `${t.slice(0, 57)}...` : t
}

/** What an expectation says about a before/after pair: `undefined` when kept, else the message. */
export function judgeExpectation(
  expect: Expectation,
  before: unknown,
  after: unknown,
): string | undefined {
  if (expect.equal === true)
    return JSON.stringify(before) === JSON.stringify(after)
      ? undefined
      : `changed from ${show(before)} to ${show(after)}, expected equal`
  if (typeof before !== 'number' || typeof after !== 'number')
    return `expected numbers to compare, got ${show(before)} and ${show(after)}`
  if (expect.within !== undefined)
    return Math.abs(after - before) <= expect.within + 1e-12
      ? undefined
      : `moved by ${Math.abs(after - before).toPrecision(4)} (from ${before} to ${after}), expected within ${expect.within}`
  if (expect.increases === true)
    return after > before ? undefined : `went from ${before} to ${after}, expected an increase`
  if (expect.decreases === true)
    return after < before ? undefined : `went from ${before} to ${after}, expected a decrease`
  return undefined
}

/** The expectation in words, for summaries. */
export function expectationText(expect: Expectation): string {
  if (expect.equal === true) return `${expect.path} stays equal`
  if (expect.within !== undefined) return `${expect.path} moves by at most ${expect.within}`
  if (expect.increases === true) return `${expect.path} increases`
  if (expect.decreases === true) return `${expect.path} decreases`
  return expect.path
}

/** A pair that could not be built: the original case and why no perturbed twin was sent. */
export interface SkippedPair {
  readonly baseId: string
  readonly caseId: string
  readonly reason: string
}

/** One original/perturbed pair judged against the behaviour's expectation. */
function judgePair(
  kind: 'invariance' | 'directional',
  behaviour: BehaviourCheck,
  base: SentCase,
  perturbed: SentCase,
): CaseVerdict {
  const id = perturbed.result.id
  const baseId = base.result.id
  const before = cleanOutputs(base)
  const after = cleanOutputs(perturbed)
  if (!before)
    return verdict(
      id,
      unjudged(base),
      `the original has no output: ${noOutputReason(base) ?? ''}`,
      [],
      baseId,
    )
  if (!after)
    return verdict(
      id,
      unjudged(perturbed),
      `the perturbed input has no output: ${noOutputReason(perturbed) ?? ''}`,
      [],
      baseId,
    )
  const a = resolvePointer(before[0], behaviour.expect.path)
  const b = resolvePointer(after[0], behaviour.expect.path)
  if (!a.found || !b.found)
    return verdict(id, 'failed', `the output has no value at ${behaviour.expect.path}`, [], baseId)
  const message = judgeExpectation(behaviour.expect, a.value, b.value)
  if (message === undefined) return verdict(id, 'passed', '', [], baseId)
  const problem: Problem = {
    code: `verify.${kind}`,
    severity: 'error',
    pointer: behaviour.expect.path,
    message,
  }
  return verdict(
    id,
    'failed',
    `${behaviour.perturb.op} at ${behaviour.perturb.path}: ${message}`,
    [problem],
    baseId,
  )
}

/** Judges one behaviour check over its pairs. */
export function checkBehaviour(
  kind: 'invariance' | 'directional',
  behaviour: BehaviourCheck,
  pairs: readonly { readonly base: SentCase; readonly perturbed: SentCase }[],
  skipped: readonly SkippedPair[],
): CheckResult {
  const threshold = behaviour.threshold ?? 1
  const judged = pairs.map(({ base, perturbed }) => judgePair(kind, behaviour, base, perturbed))
  const cases = [
    ...judged,
    ...skipped.map((s) => verdict(s.caseId, 'skipped', s.reason, [], s.baseId)),
  ]
  const c = counts(cases)
  const total = (c.passed ?? 0) + (c.failed ?? 0)
  const share = total === 0 ? Number.NaN : (c.passed ?? 0) / total
  const status = rollUp(cases, threshold)
  const pct = (x: number): string => `${(x * 100).toFixed(x === 1 || x === 0 ? 0 : 1)}%`
  return {
    id: `${kind}: ${behaviour.name}`,
    kind,
    name: behaviour.name,
    status,
    summary:
      total === 0
        ? `${behaviour.perturb.op} at ${behaviour.perturb.path}: no pair could be judged`
        : `${behaviour.perturb.op} at ${behaviour.perturb.path}, ${expectationText(behaviour.expect)}: ${c.passed}/${total} pairs kept it (${pct(share)}, threshold ${pct(threshold)})${(c.skipped ?? 0) > 0 ? `, ${c.skipped} skipped` : ''}`,
    ...(status === 'error'
      ? { reason: 'no pair got answers from the target' }
      : status === 'skipped'
        ? {
            reason:
              pairs.length > 0
                ? 'no pair got outputs valid by the contract (conformance judges those)'
                : 'no input could be perturbed inside the input schema',
          }
        : {}),
    cases,
    measurements: { ...c, share: Number.isNaN(share) ? -1 : share },
    threshold,
  }
}
