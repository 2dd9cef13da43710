/**
 * The load stage: the `load` check, run last, over HTTP only and only when the run opted in, with
 * the examples' and generated inputs' requests round-robin for the load's duration (see
 * `runLoad`); with real inputs (`--cases-from`), every row of the file once at the load's rate,
 * streamed from the file as it is sent (never held).
 */
import type { Contract } from '../contract/index.js'
import { skippedCheck } from './check-aggregates.js'
import type { RunPlan } from './plan-run.js'
import type { Target } from './resolve-target.js'
import type { CaseSpec } from './case-spec.js'
import type { CheckResult, LoadSummary, WireRequest } from './result-types.js'
import { checkLoad, loadCount, roundRobin, runLoad } from './run-load.js'
import type { RunSettings } from './run-settings.js'

/** Why the load check is skipped when the run has no `load` option. */
export function loadSkipReason(contract: Contract): string {
  return contract.checks.load
    ? `opt in with --load (the contract promises ${contract.checks.load.rpm} rpm for ${contract.checks.load.duration / 1000} s)`
    : 'the contract declares no load; opt in with checks.load and --load'
}

/** What the load stage reads besides the plan. */
export interface LoadInputs {
  /** Every real input (`--cases-from`), streamed: each is sent once, at the load's rate. */
  readonly rows?: AsyncIterable<CaseSpec>
  readonly signal?: AbortSignal
}

/** The wire requests of `specs`, one at a time (a case the target cannot send is left out). */
async function* requestsOf(
  target: Target,
  specs: AsyncIterable<CaseSpec>,
): AsyncGenerator<WireRequest> {
  for await (const spec of specs) {
    const request = target.request(spec)
    if (request) yield request
  }
}

/** The load check and, when it ran, what it measured. */
export async function measureLoad(
  contract: Contract,
  target: Target,
  plan: RunPlan,
  settings: RunSettings,
  inputs: LoadInputs = {},
): Promise<{ readonly check: CheckResult; readonly load?: LoadSummary }> {
  if (!settings.load) return { check: skippedCheck('load', loadSkipReason(contract)) }
  if (!target.baseUrl)
    return { check: skippedCheck('load', 'load is measured over HTTP; the target is in-process') }
  if (settings.replay !== undefined)
    return { check: skippedCheck('load', 'not run for a replayed case') }
  const { rpm, duration } = settings.load
  const requests = inputs.rows
    ? requestsOf(target, inputs.rows)
    : roundRobin(
        [...plan.planned.examples, ...plan.planned.generated].flatMap((s) => {
          const r = target.request(s)
          return r ? [r] : []
        }),
        loadCount(rpm, duration),
      )
  const load = await runLoad(target.baseUrl, requests, {
    rpm,
    timeoutMs: settings.timeoutMs,
    ...(inputs.signal ? { signal: inputs.signal } : {}),
  })
  return { check: checkLoad(contract, load), load }
}
