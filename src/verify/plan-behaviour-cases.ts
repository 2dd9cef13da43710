/**
 * Plans the perturbed twins of invariance and directional checks: for each check and each
 * original case (examples and generated inputs), the seeded perturbation, or why there is none.
 */
import type { BehaviourCheck, Contract } from '../contract/index.js'
import { createRng, seedFor } from '../generate/index.js'
import type { CaseSpec } from './case-spec.js'
import type { SkippedPair } from './check-behaviour.js'
import { perturb } from './perturb.js'

/** The perturbed cases, and per check the originals that could not be perturbed. */
export interface BehaviourPlan {
  readonly specs: CaseSpec[]
  readonly skipped: ReadonlyMap<BehaviourCheck, readonly SkippedPair[]>
}

/** Plans every behaviour check's twins; ids are `<kind>:<index>:<original id>`. */
export function planBehaviourCases(
  contract: Contract,
  seed: number,
  originals: readonly CaseSpec[],
): BehaviourPlan {
  const specs: CaseSpec[] = []
  const skipped = new Map<BehaviourCheck, SkippedPair[]>()
  for (const kind of ['invariance', 'directional'] as const) {
    contract.checks[kind]?.forEach((check, i) => {
      const key = `${kind}:${i}`
      const none: SkippedPair[] = []
      for (const original of originals) {
        const id = `${key}:${original.id}`
        const p = perturb(
          contract,
          original.records[0],
          check.perturb,
          createRng(seedFor(seed, id)),
        )
        if (!p.ok) {
          none.push({ baseId: original.id, caseId: id, reason: p.reason })
          continue
        }
        specs.push({
          id,
          kind: 'perturbed',
          description: `${check.perturb.op} at ${check.perturb.path} of ${original.id}`,
          records: [p.input],
          expect: 'valid',
          behaviour: { kind, index: i, check, baseId: original.id, clamped: p.clamped },
        })
      }
      skipped.set(check, none)
    })
  }
  return { specs, skipped }
}
