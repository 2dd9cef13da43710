/**
 * Judges a finished run's cases: every check but load, in one place, so which cases each check
 * reads (and what is skipped against the stand-in or on a replay) is decided here.
 */
import type { Contract } from '../contract/index.js'
import type { CaseSpec } from './case-spec.js'
import { checkBehaviour } from './check-behaviour.js'
import type { SkippedPair } from './check-behaviour.js'
import { checkConformance, checkExamples, checkRejection } from './check-cases.js'
import {
  checkDistribution,
  checkFailureRate,
  checkLatency,
  latencySummary,
  skippedCheck,
} from './check-aggregates.js'
import type { PlannedCases } from './plan-cases.js'
import type { CheckResult, LatencySummary } from './result-types.js'
import type { SentCase } from './sent-case.js'

/** Why model-quality checks are skipped against the stand-in. */
export const qualityReason =
  'the stand-in is not the model: model quality is judged against the real model at swap time'

/** What the judge needs from the run. */
export interface RunCases {
  readonly planned: PlannedCases
  readonly negative: readonly CaseSpec[]
  readonly behaviourSpecs: readonly CaseSpec[]
  readonly skippedPairs: ReadonlyMap<string, readonly SkippedPair[]>
  /** Every case sent, by id. */
  readonly byId: ReadonlyMap<string, SentCase>
  /** False against the stand-in: model-quality checks are skipped. */
  readonly quality: boolean
  /** Why they are skipped (default `qualityReason`). */
  readonly qualityReason?: string
  /** True when one case was replayed. */
  readonly replay: boolean
}

/** Every check but load, and the latency summary. */
export function judgeChecks(
  contract: Contract,
  run: RunCases,
): { checks: CheckResult[]; latency: LatencySummary } {
  const { planned, byId, quality, replay } = run
  const skipReason = run.qualityReason ?? qualityReason
  const of = (specs: readonly CaseSpec[]): SentCase[] =>
    specs.flatMap((s) => {
      const sent = byId.get(s.id)
      return sent ? [sent] : []
    })
  const valid = [...planned.examples, ...planned.generated, ...planned.boundary, ...planned.batch]
  const checks: CheckResult[] = []
  const validSent = of([...valid, ...run.behaviourSpecs])
  checks.push(checkConformance(of(valid)))
  checks.push(checkRejection(of(run.negative)))
  const examples = of(planned.examples)
  if (!quality) checks.push(skippedCheck('examples', skipReason))
  else if (planned.examples.length === 0)
    checks.push(skippedCheck('examples', 'the contract has no examples'))
  else if (examples.length > 0) checks.push(checkExamples(examples))
  for (const kind of ['invariance', 'directional'] as const) {
    const list = contract.checks[kind] ?? []
    if (list.length === 0)
      checks.push(skippedCheck(kind, `the contract declares no ${kind} checks`))
    list.forEach((check, i) => {
      const id = `${kind}: ${check.name}`
      if (!quality) return checks.push(skippedCheck(kind, skipReason, check.name, id))
      const key = `${kind}:${i}`
      const pairs = of(run.behaviourSpecs.filter((s) => s.id.startsWith(`${key}:`))).flatMap(
        (perturbed) => {
          const original = byId.get(perturbed.spec.behaviour?.baseId ?? '')
          return original ? [{ base: original, perturbed }] : []
        },
      )
      if (replay && pairs.length === 0) return
      checks.push(
        checkBehaviour(kind, check, pairs, replay ? [] : (run.skippedPairs.get(key) ?? [])),
      )
    })
  }
  const distribution = contract.checks.distribution ?? []
  if (distribution.length === 0)
    checks.push(skippedCheck('distribution', 'the contract declares no distribution checks'))
  for (const spec of distribution) {
    const id = `distribution: ${spec.path}`
    if (!quality) checks.push(skippedCheck('distribution', skipReason, spec.path, id))
    else if (replay)
      checks.push(
        skippedCheck('distribution', 'not judged on a single replayed case', spec.path, id),
      )
    else checks.push(checkDistribution(spec, of(planned.generated)))
  }
  checks.push(checkFailureRate(contract.checks.failureRate?.max, validSent))
  const latency = latencySummary(validSent)
  checks.push(checkLatency(contract.checks.latency, latency))
  return { checks, latency }
}
