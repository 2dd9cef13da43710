/**
 * The plan stage: every case of a run, from the seed, before anything is sent (so `replay` ids are
 * stable): the valid cases, the negative ones built from the first valid input, the perturbed
 * twins of the behaviour checks when model quality is judged, and, on a replay, the one case
 * asked for (with its original, for a perturbed case).
 */
import type { Contract } from '../contract/index.js'
import type { CaseSpec } from './case-spec.js'
import { planBehaviourCases } from './plan-behaviour-cases.js'
import type { BehaviourPlan } from './plan-behaviour-cases.js'
import { planCases } from './plan-cases.js'
import type { PlannedCases } from './plan-cases.js'
import { planNegativeCases } from './plan-negative-cases.js'
import type { RunSettings } from './run-settings.js'
import { VerifyError } from './verify-error.js'

/** The cases of a run. */
export interface RunPlan {
  readonly planned: PlannedCases
  /** Real inputs (`--cases-from`) replaced the generated ones. */
  readonly real: boolean
  readonly negative: readonly CaseSpec[]
  /** The perturbed twins, and the originals that could not be perturbed (none without quality). */
  readonly behaviour: BehaviourPlan
  /** The cases to send, in order (one or two on a replay). */
  readonly cases: readonly CaseSpec[]
}

/** The case `replay` names, preceded by its original when it is a perturbed twin. */
function replayed(plan: readonly CaseSpec[], settings: RunSettings, replay: string): CaseSpec[] {
  const wanted = plan.find((c) => c.id === replay)
  if (!wanted)
    throw new VerifyError(
      'verify.unknown-case',
      `--replay: no case "${replay}" with seed ${settings.seed} and ${settings.count} cases. Use an id a report printed (for example ${plan[0]?.id ?? 'generated:0'}) with the same --seed and --cases (and --cases-from and --force-quality when the run had them): the replay line a report prints has them all.`,
    )
  const original = wanted.behaviour
    ? plan.find((c) => c.id === wanted.behaviour?.baseId)
    : undefined
  return original ? [original, wanted] : [wanted]
}

/**
 * Plans a run; `real` (from `--cases-from`) replaces the generated inputs; `quality` plans the behaviour checks' twins (off against the in-process stand-in).
 *
 * @throws {VerifyError} `verify.unknown-case` when `replay` names no planned case;
 * `schema.unsatisfiable` / `schema.unsupported` from the generator.
 */
export function planRun(
  contract: Contract,
  settings: RunSettings,
  quality: boolean,
  real?: readonly CaseSpec[],
): RunPlan {
  const planned = planCases(contract, settings.seed, settings.count, real)
  const base = planned.examples[0]?.records[0] ?? planned.generated[0]?.records[0]
  const negative = base === undefined ? [] : planNegativeCases(contract, base)
  const behaviour: BehaviourPlan = quality
    ? planBehaviourCases(contract, settings.seed, [...planned.examples, ...planned.generated])
    : { specs: [], skipped: new Map() }
  const all = [
    ...planned.examples,
    ...planned.generated,
    ...planned.boundary,
    ...planned.batch,
    ...negative,
    ...behaviour.specs,
  ]
  const cases = settings.replay === undefined ? all : replayed(all, settings, settings.replay)
  return { planned, real: real !== undefined, negative, behaviour, cases }
}
