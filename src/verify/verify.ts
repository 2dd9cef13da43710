/**
 * `verify`: runs a contract's tests against a target and returns one `VerifyResult`, as a
 * pipeline of named stages, each its own module: settings (`run-settings.ts`: bad options fail
 * before anything else), plan (`plan-run.ts`: every case from the seed, with replay), send
 * (`send-cases.ts`: the protocol probe, the first case alone, the give-up rule), judge
 * (`judge-checks.ts`), streams (`check-streaming.ts`, openai-chat), load (`measure-load.ts`) and
 * summarise (`summarise.ts`).
 */
import type { Contract, ContractTypes } from '../contract/index.js'
import { streamingPass } from './check-streaming.js'
import { judgeChecks } from './judge-checks.js'
import { measureLoad } from './measure-load.js'
import { planRun } from './plan-run.js'
import { defaultMaxAnswerBytes } from './read-answer.js'
import { loadSampleRows, realRun } from './real-cases.js'
import { resolveTarget } from './resolve-target.js'
import type { VerifyTarget } from './resolve-target.js'
import type { VerifyResult } from './result-types.js'
import { runSettings } from './run-settings.js'
import type { SettingsInput } from './run-settings.js'
import { sendCases } from './send-cases.js'
import { standInReason } from './check-protocol.js'
import { summarise } from './summarise.js'

export { loadSkipReason } from './measure-load.js'

/**
 * Options of `verify`: the target, the run's settings (`SettingsInput`), hooks and the case
 * source. Every field but `target` is optional.
 */
export interface VerifyOptions<T extends ContractTypes = ContractTypes> extends SettingsInput {
  /** A URL, `'mock'` (the in-process stand-in), a model with `predict`, an express app, or a function. */
  readonly target: VerifyTarget<T>
  /** Called once planning is done (0 cases done), then after each case: cases done and the total. */
  readonly onProgress?: (done: number, total: number) => void
  /** Stops sending new cases when aborted (the run still returns a result). */
  readonly signal?: AbortSignal
  /**
   * Real inputs instead of generated ones: a recording, or a dataset of inputs as JSON Lines or
   * CSV (`--cases-from`). The checks take the first `cases` rows (default: all; 1,000 with
   * `load`). With `load`, every row of the file is streamed through the model once, at the load's
   * rate, in bounded memory.
   */
  readonly casesFrom?: string | { readonly file: string; readonly shown: string }
  /** Input pointers masked as `***` in the result's records and request bodies (`--redact`). */
  readonly redact?: readonly string[]
  /** Warnings that do not stop the run (lines skipped in `casesFrom`). */
  readonly onWarning?: (message: string) => void
}

/**
 * Runs the contract tests of `contract` against a target.
 *
 * @example
 * const result = await verify(contract, { target: 'http://127.0.0.1:8080', seed: 7 })
 * if (result.verdict === 'failed') process.exitCode = 1
 *
 * @throws {VerifyError} `verify.unreachable` (nothing listens at the URL), `verify.wrong-protocol`
 * (the target does not serve the protocol's route), `verify.check-path`, `verify.unknown-case`,
 * `verify.option`, `verify.target`; `schema.unsatisfiable` from the generator.
 */
export async function verify<T extends ContractTypes = ContractTypes>(
  contract: Contract<T>,
  options: VerifyOptions<NoInfer<T>>,
): Promise<VerifyResult> {
  const startedAt = new Date()
  const t0 = performance.now()
  const settings = runSettings(contract, options)
  const real =
    options.casesFrom === undefined
      ? undefined
      : await realRun(
          contract,
          typeof options.casesFrom === 'string'
            ? { file: options.casesFrom, shown: options.casesFrom }
            : options.casesFrom,
          // With --load every row is streamed through the model; the checks take the first rows.
          options.cases !== undefined ? settings.count : settings.load ? loadSampleRows : undefined,
        )
  const target = await resolveTarget(contract, options.target as VerifyTarget, {
    seed: settings.seed,
    timeoutMs: settings.timeoutMs,
    concurrency: settings.concurrency,
    headers: settings.headers,
    ...(settings.maxAnswerBytes !== undefined ? { maxAnswerBytes: settings.maxAnswerBytes } : {}),
  })
  try {
    // Model quality is not judged against the in-process stand-in (unless forced), nor against
    // a server that answers as the stand-in (found by the send stage's protocol probe).
    const planQuality = settings.forceQuality || target.kind !== 'mock'
    const plan = planRun(contract, settings, planQuality, real?.sample)
    const { sent, probing, standInOverHttp } = await sendCases(contract, target, plan, settings, {
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    })
    const { checks, latency } = judgeChecks(contract, {
      plan,
      sent,
      quality: planQuality && !standInOverHttp,
      ...(standInOverHttp ? { qualityReason: standInReason(probing.standIn ?? '') } : {}),
      replay: settings.replay !== undefined,
    })
    const streams = await streamingPass(
      contract,
      [...plan.planned.examples, ...plan.planned.generated],
      {
        baseUrl: target.baseUrl,
        headers: target.headers ?? settings.headers,
        timeoutMs: settings.timeoutMs,
        concurrency: settings.concurrency,
        maxBytes: settings.maxAnswerBytes ?? defaultMaxAnswerBytes,
        ...(options.signal ? { signal: options.signal } : {}),
      },
      settings.replay !== undefined,
    )
    const load = await measureLoad(contract, target, plan, settings, {
      ...(real ? { rows: real.rows } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    })
    for (const warning of real?.warnings() ?? []) options.onWarning?.(warning)
    return summarise(contract, target, settings, {
      startedAt,
      t0,
      checks: [...checks, probing.check, ...streams.checks, load.check],
      sent,
      latency,
      ...(load.load ? { load: load.load } : {}),
      streams,
      redact: options.redact ?? [],
      ...(real ? { casesFrom: { file: real.shown, inputs: real.sample.length } } : {}),
    })
  } finally {
    await target.close()
  }
}
