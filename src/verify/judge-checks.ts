/**
 * Judges a finished run's cases: every check but load, in one place, so which cases each check
 * reads (and what is skipped against the stand-in or on a replay) is decided here.
 */
import type { Contract } from '../contract/index.js'
import type { CaseSpec } from './case-spec.js'
import { checkBehaviour } from './check-behaviour.js'
import { checkConformance, checkExamples, checkRejection } from './check-cases.js'
import {
  checkDistribution,
  checkFailureRate,
  checkLatency,
  latencySummary,
  skippedCheck,
} from './check-aggregates.js'
import type { RunPlan } from './plan-run.js'
import type { CheckResult, LatencySummary } from './result-types.js'
import type { SentCase } from './sent-case.js'

/** Why model-quality checks are skipped against the stand-in. */
export const qualityReason =
  'the stand-in is not the model: model quality is judged against the real model at swap time'

/** What the judge needs from the run. */
export interface RunCases {
  readonly plan: RunPlan
  /** Every case sent. */
  readonly sent: readonly SentCase[]
  /** False against the stand-in: model-quality checks are skipped. */
  readonly quality: boolean
  /** Why they are skipped (default `qualityReason`). */
  readonly qualityReason?: string
  /** True when one case was replayed. */
  readonly replay: boolean
}

/** The sent cases of some planned ones, in plan order (a case not sent is left out). */
type Sent = (specs: readonly CaseSpec[]) => SentCase[]

/** The invariance and directional checks: each judged on its own perturbed twins and their originals. */
function judgeBehaviour(contract: Contract, run: RunCases, of: Sent, skipReason: string) {
  const checks: CheckResult[] = []
  const byId = new Map(run.sent.map((s) => [s.spec.id, s]))
  for (const kind of ['invariance', 'directional'] as const) {
    const list = contract.checks[kind] ?? []
    if (list.length === 0)
      checks.push(skippedCheck(kind, `the contract declares no ${kind} checks`))
    list.forEach((check, index) => {
      if (!run.quality)
        return checks.push(skippedCheck(kind, skipReason, check.name, `${kind}: ${check.name}`))
      const twins = run.plan.behaviour.specs.filter(
        (s) => s.behaviour?.kind === kind && s.behaviour.index === index,
      )
      const pairs = of(twins).flatMap((perturbed) => {
        const original = byId.get(perturbed.spec.behaviour?.baseId ?? '')
        return original ? [{ base: original, perturbed }] : []
      })
      if (run.replay && pairs.length === 0) return
      const skipped = run.replay ? [] : (run.plan.behaviour.skipped.get(check) ?? [])
      checks.push(checkBehaviour(kind, check, pairs, skipped))
    })
  }
  return checks
}

/** The distribution checks, on the generated cases. */
function judgeDistribution(contract: Contract, run: RunCases, of: Sent, skipReason: string) {
  const distribution = contract.checks.distribution ?? []
  if (distribution.length === 0)
    return [skippedCheck('distribution', 'the contract declares no distribution checks')]
  return distribution.map((spec) => {
    const id = `distribution: ${spec.path}`
    if (!run.quality) return skippedCheck('distribution', skipReason, spec.path, id)
    if (run.replay)
      return skippedCheck('distribution', 'not judged on a single replayed case', spec.path, id)
    return checkDistribution(spec, of(run.plan.planned.generated))
  })
}

/** Every check but load and protocol, and the latency summary. */
export function judgeChecks(
  contract: Contract,
  run: RunCases,
): { checks: CheckResult[]; latency: LatencySummary } {
  const { planned, negative, behaviour } = run.plan
  const skipReason = run.qualityReason ?? qualityReason
  const bySpec = new Map(run.sent.map((s) => [s.spec, s]))
  const of: Sent = (specs) =>
    specs.flatMap((s) => {
      const sent = bySpec.get(s)
      return sent ? [sent] : []
    })
  const valid = [...planned.examples, ...planned.generated, ...planned.boundary, ...planned.batch]
  const checks: CheckResult[] = []
  const validSent = of([...valid, ...behaviour.specs])
  checks.push(checkConformance(of(valid)))
  checks.push(checkRejection(of(negative)))
  const examples = of(planned.examples)
  if (!run.quality) checks.push(skippedCheck('examples', skipReason))
  else if (planned.examples.length === 0)
    checks.push(skippedCheck('examples', 'the contract has no examples'))
  else if (examples.length > 0) checks.push(checkExamples(examples))
  checks.push(...judgeBehaviour(contract, run, of, skipReason))
  checks.push(...judgeDistribution(contract, run, of, skipReason))
  checks.push(checkFailureRate(contract.checks.failureRate?.max, validSent))
  const latency = latencySummary(validSent)
  checks.push(checkLatency(contract.checks.latency, latency))
  return { checks, latency }
}
