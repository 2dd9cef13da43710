/**
 * `contractTests`: the contract tests as one test per check in vitest, jest or node:test. The
 * suite runs `verify` once (in the first test) and each test asserts its own check.
 */
import type { Contract, ContractTypes } from '../contract/contract-types.js'
import type { VerifyTarget } from './resolve-target.js'
import type { CheckResult, VerifyResult } from './result-types.js'
import { checkKinds } from './result-types.js'
import { verify } from './verify.js'
import type { VerifyOptions } from './verify.js'

/** The test-runner functions `contractTests` needs: vitest's, jest's and node:test's fit. */
export interface TestApi {
  readonly describe: (name: string, body: () => void) => unknown
  readonly it: (name: string, body: () => Promise<void>, timeout?: number) => unknown
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

/**
 * Declares one test per check kind of `contract` against `target`, inside `describe`.
 *
 * @example
 * import { describe, it } from 'vitest'
 * contractTests(contract, 'mock', { describe, it })
 *
 * @throws {VerifyError} inside the first test when verify cannot run (unreachable target, ...).
 */
export function contractTests<T extends ContractTypes = ContractTypes>(
  contract: Contract<T>,
  target: VerifyTarget<NoInfer<T>>,
  api: TestApi & { readonly options?: Omit<VerifyOptions, 'target'>; readonly timeoutMs?: number },
): void {
  let pending: Promise<VerifyResult> | undefined
  const run = (): Promise<VerifyResult> =>
    (pending ??= verify(contract, { ...(api.options ?? {}), target }))
  api.describe(`contract ${contract.name}@${contract.version}`, () => {
    for (const kind of checkKinds) {
      api.it(
        kind,
        async () => {
          const result = await run()
          const bad = result.checks
            .filter((c) => c.kind === kind)
            .filter((c) => c.status === 'failed' || c.status === 'error')
          if (bad.length > 0)
            throw new Error(bad.map((c) => checkFailureMessage(result, c)).join('\n'))
        },
        api.timeoutMs ?? 120_000,
      )
    }
  })
}
