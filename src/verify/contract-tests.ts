/**
 * `contractTests`: the contract tests as one test per check in vitest, jest or node:test. The
 * suite runs `verify` once (in the first test) and each test asserts its own check. A check that
 * was skipped is skipped in the runner too, with its reason (issue 10): known before the run
 * (model quality against the in-process stand-in, load without the `load` option) it is declared
 * with the runner's `it.skip`, so every runner shows it; found in the run (a stand-in recognised
 * over HTTP, a contract that declares no such check) the test skips itself through its context
 * (vitest's `ctx.skip(note)`, node:test's `t.skip(message)`; jest has no skip at run time, so
 * there the test passes).
 */
import { loadContract } from '../contract/index.js'
import type { Contract, ContractTypes } from '../contract/index.js'
import { qualityReason } from './judge-checks.js'
import type { VerifyTarget } from './resolve-target.js'
import type { CheckKind, CheckResult, VerifyResult } from './result-types.js'
import { checkKinds } from './result-types.js'
import { streamKinds } from './check-streaming.js'
import { loadSkipReason, verify } from './verify.js'
import type { VerifyOptions } from './verify.js'

/** A test body: the runner's context, if it passes one, comes as the first argument. */
type TestBody = (...context: unknown[]) => Promise<void>

/** The test-runner functions `contractTests` needs: vitest's, jest's and node:test's fit. */
export interface TestApi {
  readonly describe: (name: string, body: () => void) => unknown
  readonly it: ((name: string, body: TestBody, timeout?: number) => unknown) & {
    readonly skip?: (name: string, body: TestBody, timeout?: number) => unknown
  }
}

/** The message a failing check's test throws: the summary, then each failure with its case id and seed. */
export function checkFailureMessage(result: VerifyResult, check: CheckResult): string {
  const lines = [`${check.id}: ${check.summary}`]
  if (check.reason) lines.push(check.reason)
  for (const v of check.cases.filter((c) => c.status === 'failed').slice(0, 10)) {
    lines.push(`  case ${v.caseId} (seed ${result.seed}): ${v.message}`)
    for (const p of v.problems.slice(0, 5)) lines.push(`    ${p.pointer || '/'}: ${p.message}`)
  }
  return lines.join('\n')
}

const qualityKinds: ReadonlySet<CheckKind> = new Set([
  'examples',
  'invariance',
  'directional',
  'distribution',
])

/** Why a check kind is skipped whatever the run finds, when that is known before it runs. */
function knownSkip(
  kind: CheckKind,
  contract: Contract | undefined,
  target: unknown,
  options: Omit<VerifyOptions, 'target'>,
): string | undefined {
  const standIn =
    target === 'mock' ||
    (typeof target === 'object' && (target as { contract?: unknown }).contract !== undefined)
  if (qualityKinds.has(kind) && standIn && options.forceQuality !== true) return qualityReason
  // Without the load option the load check never runs, whatever the contract says: skip it
  // before the run even when the contract is still a path.
  if (kind === 'load' && (options.load === undefined || options.load === false))
    return contract ? loadSkipReason(contract) : 'opt in with the load option'
  return undefined
}

/** Skips the running test through the runner's context (vitest throws here; node:test returns). */
function skipAtRunTime(context: unknown, reason: string): boolean {
  const skip = (context as { skip?: unknown } | null | undefined)?.skip
  if (typeof skip !== 'function') return false
  ;(skip as (note: string) => void).call(context, reason)
  return true
}

/**
 * Declares one test per check kind of `contract` against `target`, inside `describe`.
 * `contract` may be a loaded contract, a path to one (read relative to the working directory)
 * or a promise of one, so CommonJS suites and suites without top-level await can use it.
 *
 * @example
 * import { describe, it } from 'vitest'
 * contractTests('contracts/fraud.contract.yaml', 'mock', { describe, it })
 *
 * @throws {VerifyError} inside the first test when verify cannot run (unreachable target, ...);
 * `ContractError` there when the contract path does not load.
 */
export function contractTests<T extends ContractTypes = ContractTypes>(
  contract: Contract<T> | string | Promise<Contract<T>>,
  target: VerifyTarget<NoInfer<T>>,
  api: TestApi & { readonly options?: Omit<VerifyOptions, 'target'>; readonly timeoutMs?: number },
): void {
  const options = api.options ?? {}
  const known =
    typeof contract === 'object' && !(contract instanceof Promise) ? contract : undefined
  let pending: Promise<VerifyResult> | undefined
  const run = (): Promise<VerifyResult> =>
    (pending ??= (async () => {
      const loaded = typeof contract === 'string' ? await loadContract<T>(contract) : await contract
      return verify(loaded, { ...options, target })
    })())
  const title = known
    ? `contract ${known.name}@${known.version}`
    : typeof contract === 'string'
      ? `contract ${contract}`
      : 'contract tests'
  const timeout = api.timeoutMs ?? 120_000
  api.describe(title, () => {
    for (const kind of checkKinds) {
      // Streams are openai-chat's: other protocols get no streaming tests at all.
      if (streamKinds.has(kind) && known !== undefined && known.protocol !== 'openai-chat') continue
      const reason = knownSkip(kind, known, target, options)
      if (reason !== undefined && api.it.skip) {
        api.it.skip(`${kind} (skipped: ${reason})`, () => Promise.resolve(), timeout)
        continue
      }
      api.it(
        kind,
        async (...context: unknown[]) => {
          const result = await run()
          const mine = result.checks.filter((c) => c.kind === kind)
          const bad = mine.filter((c) => c.status === 'failed' || c.status === 'error')
          if (bad.length > 0)
            throw new Error(bad.map((c) => checkFailureMessage(result, c)).join('\n'))
          if (mine.length > 0 && mine.every((c) => c.status === 'skipped'))
            skipAtRunTime(
              context[0],
              [...new Set(mine.map((c) => c.reason ?? c.summary))].join('; '),
            )
        },
        timeout,
      )
    }
  })
}
