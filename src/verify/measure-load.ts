/**
 * The load stage: the `load` check, run last, over HTTP only and only when the run opted in, with
 * the examples' and generated inputs' requests round-robin (see `runLoad`); with real inputs
 * (`--cases-from`), every row once at the load's rate.
 */
import type { Contract } from '../contract/index.js'
import { skippedCheck } from './check-aggregates.js'
import type { RunPlan } from './plan-run.js'
import type { Target } from './resolve-target.js'
import type { CheckResult, LoadSummary } from './result-types.js'
import { checkLoad, runLoad } from './run-load.js'
import type { RunSettings } from './run-settings.js'

/** Why the load check is skipped when the run has no `load` option. */
export function loadSkipReason(contract: Contract): string {
  return contract.checks.load
    ? `opt in with --load (the contract promises ${contract.checks.load.rpm} rpm for ${contract.checks.load.duration / 1000} s)`
    : 'the contract declares no load; opt in with checks.load and --load'
}

/** The load check and, when it ran, what it measured. */
export async function measureLoad(
  contract: Contract,
  target: Target,
  plan: RunPlan,
  settings: RunSettings,
  signal?: AbortSignal,
): Promise<{ readonly check: CheckResult; readonly load?: LoadSummary }> {
  if (!settings.load) return { check: skippedCheck('load', loadSkipReason(contract)) }
  if (!target.baseUrl)
    return { check: skippedCheck('load', 'load is measured over HTTP; the target is in-process') }
  if (settings.replay !== undefined)
    return { check: skippedCheck('load', 'not run for a replayed case') }
  const requests = [...plan.planned.examples, ...plan.planned.generated].flatMap((s) => {
    const r = target.request(s)
    return r ? [r] : []
  })
  const rows = plan.planned.generated.length
  const load = await runLoad(
    target.baseUrl,
    plan.real ? requests.slice(plan.planned.examples.length) : requests,
    {
      rpm: settings.load.rpm,
      // Real inputs: every row once, at the load's rate.
      durationMs: plan.real ? (rows * 60_000) / settings.load.rpm : settings.load.duration,
      timeoutMs: settings.timeoutMs,
      ...(signal ? { signal } : {}),
    },
  )
  return { check: checkLoad(contract, load), load }
}
