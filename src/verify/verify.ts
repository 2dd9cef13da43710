/**
 * `verify`: runs a contract's tests against a target and returns one `VerifyResult`. Plans every
 * case from the seed first (so `replay` ids are stable and bad options fail before any traffic),
 * checks the target can be reached, sends the cases with bounded concurrency, then judges them.
 */
import type { Contract, ContractTypes } from '../contract/index.js'
import type { Problem } from '../errors.js'
import { getProtocol } from '../protocol/index.js'
import { DEFAULT_SEED } from '../generate/index.js'
import { probeProtocol, standInReason } from './check-protocol.js'
import type { CaseSpec } from './case-spec.js'
import type { SkippedPair } from './check-behaviour.js'
import { skippedCheck } from './check-aggregates.js'
import { judgeChecks } from './judge-checks.js'
import { planBehaviourCases } from './plan-behaviour-cases.js'
import { planCases } from './plan-cases.js'
import { planNegativeCases } from './plan-negative-cases.js'
import { realCases } from './real-cases.js'
import { redactInputs } from './redact-inputs.js'
import { boundCase, boundExchange, boundOutputs } from './bound-result.js'
import { headerSecrets, maskHeaders, redactSecrets } from './redact.js'
import { resolveTarget } from './resolve-target.js'
import type { Target, VerifyTarget } from './resolve-target.js'
import type { CaseResult, Exchange, LoadSummary, VerifyResult } from './result-types.js'
import { checkKinds } from './result-types.js'
import { runPool } from './run-pool.js'
import { checkLoad, runLoad } from './run-load.js'
import { streamingPass } from './check-streaming.js'
import { defaultMaxAnswerBytes } from './read-answer.js'
import type { SentCase } from './sent-case.js'
import { assertCheckPaths } from './verify-paths.js'
import { VerifyError } from './verify-error.js'

/** Options of `verify`. Every field but `target` is optional. */
export interface VerifyOptions<T extends ContractTypes = ContractTypes> {
  /** A URL, `'mock'` (the in-process stand-in), a model with `predict`, an express app, or a function. */
  readonly target: VerifyTarget<T>
  /** Seed of every generated case and perturbation (default: the contract's `mock.seed`, else 1). */
  readonly seed?: number
  /** Generated valid inputs (default 100). */
  readonly cases?: number
  /** Per-request timeout in ms (default 10000). */
  readonly timeoutMs?: number
  /** Requests in flight at once (default 4). */
  readonly concurrency?: number
  /**
   * Largest answer read from a URL target, in bytes, on the wire and after decompression
   * (default 4 MiB); a larger answer is a failed case, and verify stops reading it.
   */
  readonly maxAnswerBytes?: number
  /** Headers added to every request (auth tokens); masked as `***` in results. */
  readonly headers?: Readonly<Record<string, string>>
  /** Run the load check: `true` uses the contract's `checks.load`; an object overrides it (duration in ms). Default off. */
  readonly load?: boolean | { readonly rpm: number; readonly duration: number }
  /** Send only this case id again (and judge only the checks it belongs to). */
  readonly replay?: string
  /** Called once planning is done (0 cases done), then after each case: cases done and the total. */
  readonly onProgress?: (done: number, total: number) => void
  /** Stops sending new cases when aborted (the run still returns a result). */
  readonly signal?: AbortSignal
  /**
   * Judge model quality (examples, invariance, directional, distribution) even against the
   * stand-in: `'mock'`, a `MockModel`, or a server answering `x-standin` (default false).
   */
  readonly forceQuality?: boolean
  /**
   * Real inputs instead of generated ones: a recording, or a dataset of inputs as JSON Lines or
   * CSV (`--cases-from`). `cases` then caps how many are read (default: all). With `load`, every
   * row is sent once at the load's rate.
   */
  readonly casesFrom?: string | { readonly file: string; readonly shown: string }
  /** Input pointers masked as `***` in the result's records and request bodies (`--redact`). */
  readonly redact?: readonly string[]
  /** Warnings that do not stop the run (lines skipped in `casesFrom`). */
  readonly onWarning?: (message: string) => void
}

/** Why the load check is skipped when the run has no `load` option. */
export function loadSkipReason(contract: Contract): string {
  return contract.checks.load
    ? `opt in with --load (the contract promises ${contract.checks.load.rpm} rpm for ${contract.checks.load.duration / 1000} s)`
    : 'the contract declares no load; opt in with checks.load and --load'
}

/** Unanswered requests in a row after which the rest of a run is not sent. */
const giveUpAfter = 8

function option(name: string, value: number | undefined, fallback: number, min: number): number {
  const v = value ?? fallback
  if (!Number.isFinite(v) || v < min || (name !== 'timeoutMs' && !Number.isInteger(v)))
    throw new VerifyError(
      'verify.option',
      `${name} must be ${name === 'timeoutMs' ? 'a number' : 'an integer'} ≥ ${min}, got ${String(value)}.`,
    )
  return v
}

/** Decodes and validates an exchange into a `SentCase`. */
function settle(contract: Contract, target: Target, spec: CaseSpec, result: CaseResult): SentCase {
  const { exchange } = result
  if (
    exchange.kind !== 'answered' ||
    exchange.status < 200 ||
    exchange.status > 299 ||
    !exchange.json
  )
    return { spec, result, envelope: [], schema: [] }
  let outputs: readonly unknown[]
  if (target.wire) {
    const decoded = getProtocol(contract.protocol).decodeResponse(
      contract,
      exchange.status,
      exchange.body,
      spec.records.length,
    )
    if ('problems' in decoded) return { spec, result, envelope: decoded.problems, schema: [] }
    outputs = decoded.outputs
  } else outputs = [exchange.body]
  const schema: Problem[] = outputs.flatMap((output, i) =>
    contract
      .validateOutput(output)
      .map((p) => (outputs.length > 1 ? { ...p, pointer: `/${i}${p.pointer}` } : p)),
  )
  return { spec, result: { ...result, outputs }, envelope: [], schema }
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
  const seed = option('seed', options.seed, contract.mock.seed ?? DEFAULT_SEED, -(2 ** 53))
  const count = option('cases', options.cases, 100, 0)
  const timeoutMs = option('timeoutMs', options.timeoutMs, 10_000, 1)
  const concurrency = option('concurrency', options.concurrency, 4, 1)
  const secret = options.headers ?? {}
  assertCheckPaths(contract)
  const loadSpec =
    options.load === undefined || options.load === false
      ? undefined
      : options.load === true
        ? contract.checks.load
        : { rpm: options.load.rpm, duration: options.load.duration }
  if (options.load === true && !contract.checks.load)
    throw new VerifyError(
      'verify.option',
      `${contract.file ?? `contract "${contract.name}"`}#/checks: --load needs checks.load (rpm and duration) in the contract. Add one.`,
    )

  const real =
    options.casesFrom === undefined
      ? undefined
      : await realCases(
          contract,
          typeof options.casesFrom === 'string' ? options.casesFrom : options.casesFrom.file,
          {
            ...(typeof options.casesFrom === 'string' ? {} : { shown: options.casesFrom.shown }),
            ...(options.cases !== undefined ? { limit: count } : {}),
            ...(options.onWarning ? { warn: options.onWarning } : {}),
          },
        )
  const planned = planCases(contract, seed, count, real)
  const base = planned.examples[0]?.records[0] ?? planned.generated[0]?.records[0]
  const negative = base === undefined ? [] : planNegativeCases(contract, base)
  const target = await resolveTarget(contract, options.target as VerifyTarget, {
    seed,
    timeoutMs,
    concurrency,
    headers: secret,
    ...(options.maxAnswerBytes !== undefined
      ? { maxAnswerBytes: option('maxAnswerBytes', options.maxAnswerBytes, 0, 1) }
      : {}),
  })
  try {
    const force = options.forceQuality === true
    const planQuality = force || target.kind !== 'mock'
    const { specs: behaviourSpecs, skipped: skippedPairs } = planQuality
      ? planBehaviourCases(contract, seed, [...planned.examples, ...planned.generated])
      : { specs: [], skipped: new Map<string, SkippedPair[]>() }
    const valid = [...planned.examples, ...planned.generated, ...planned.boundary, ...planned.batch]
    let plan = [...valid, ...negative, ...behaviourSpecs]
    if (options.replay !== undefined) {
      const wanted = plan.find((c) => c.id === options.replay)
      if (!wanted)
        throw new VerifyError(
          'verify.unknown-case',
          `--replay: no case "${options.replay}" with seed ${seed} and ${count} cases. Use an id a report printed (for example ${plan[0]?.id ?? 'generated:0'}) with the same --seed and --cases.`,
        )
      const original = wanted.behaviour
        ? plan.find((c) => c.id === wanted.behaviour?.baseId)
        : undefined
      plan = original ? [original, wanted] : [wanted]
    }

    // Planned and compiled: from here on the run waits on the target.
    options.onProgress?.(0, plan.length)
    await target.preflight()
    // The protocol's metadata and health GETs, which also tell whether the target is the stand-in.
    const probing = await probeProtocol(contract, target.baseUrl, {
      timeoutMs,
      headers: target.headers ?? secret,
    })
    const standInOverHttp = probing.standIn !== undefined && !force
    const quality = planQuality && !standInOverHttp
    const qualityReason = standInOverHttp ? standInReason(probing.standIn ?? '') : undefined
    if (standInOverHttp) {
      const perturbed = new Set(behaviourSpecs)
      plan = plan.filter((c) => !perturbed.has(c))
    }
    const results: SentCase[] = []
    // A target that stops answering would cost a full timeout per remaining case: after
    // `giveUpAfter` unanswered requests in a row the rest are recorded unanswered without waiting.
    let silent = 0
    const sendOne = async (spec: CaseSpec): Promise<SentCase> => {
      const request = target.request(spec)
      const exchange: Exchange =
        silent >= giveUpAfter
          ? {
              kind: 'unreachable',
              reason: 'other',
              message: `not sent: the last ${giveUpAfter} requests got no answer`,
              latencyMs: 0,
            }
          : await target.send(spec)
      if (exchange.kind === 'unreachable') silent++
      else silent = 0
      const result: CaseResult = {
        id: spec.id,
        kind: spec.kind,
        description: spec.description,
        records: spec.records,
        ...(request
          ? { request: { ...request, headers: maskHeaders(request.headers, secret) } }
          : {}),
        exchange,
      }
      // Judged on the whole answer, kept as a bounded copy.
      const sent = settle(contract, target, spec, result)
      const kept = { ...sent.result, exchange: boundExchange(exchange) }
      return { ...sent, result: boundOutputs(contract, spec, kept) }
    }
    // The first case goes alone: a 404/405 means the target speaks another protocol, and
    // nothing else is sent.
    const first = plan.find((c) => c.expect === 'valid') ?? plan[0]
    if (first) {
      const sent = await sendOne(first)
      const e = sent.result.exchange
      if (
        target.wire &&
        e.kind === 'answered' &&
        (e.status === 404 || e.status === 405) &&
        first.expect === 'valid'
      )
        throw new VerifyError(
          'verify.wrong-protocol',
          `${target.description}: ${sent.result.request?.method ?? 'POST'} ${sent.result.request?.path ?? ''} answered ${e.status}, so the target does not serve the ${contract.protocol} protocol for "${contract.name}". Check --target and the contract's protocol.`,
        )
      results.push(sent)
      options.onProgress?.(1, plan.length)
    }
    const rest = plan.filter((c) => c !== first)
    let done = results.length
    const sentRest = await runPool(
      rest,
      concurrency,
      async (spec) => {
        const sent = await sendOne(spec)
        options.onProgress?.(++done, plan.length)
        return sent
      },
      options.signal,
    )
    results.push(...sentRest.filter((s): s is SentCase => s !== undefined))
    const byId = new Map(results.map((s) => [s.spec.id, s]))
    const { checks, latency } = judgeChecks(contract, {
      planned,
      negative,
      behaviourSpecs,
      skippedPairs,
      byId,
      quality,
      ...(qualityReason !== undefined ? { qualityReason } : {}),
      replay: options.replay !== undefined,
    })
    checks.push(probing.check)
    const streams = await streamingPass(
      contract,
      [...planned.examples, ...planned.generated],
      {
        baseUrl: target.baseUrl,
        headers: target.headers ?? secret,
        timeoutMs,
        concurrency,
        maxBytes: options.maxAnswerBytes ?? defaultMaxAnswerBytes,
        ...(options.signal ? { signal: options.signal } : {}),
      },
      options.replay !== undefined,
    )
    checks.push(...streams.checks)
    let load: LoadSummary | undefined
    if (!loadSpec) checks.push(skippedCheck('load', loadSkipReason(contract)))
    else if (!target.baseUrl)
      checks.push(skippedCheck('load', 'load is measured over HTTP; the target is in-process'))
    else if (options.replay !== undefined)
      checks.push(skippedCheck('load', 'not run for a replayed case'))
    else {
      const requests = [...planned.examples, ...planned.generated].flatMap((s) => {
        const r = target.request(s)
        return r ? [r] : []
      })
      load = await runLoad(
        target.baseUrl,
        real ? requests.slice(planned.examples.length) : requests,
        {
          rpm: loadSpec.rpm,
          // Real inputs: every row once, at the load's rate.
          durationMs: real ? (real.length * 60_000) / loadSpec.rpm : loadSpec.duration,
          timeoutMs,
          ...(options.signal ? { signal: options.signal } : {}),
        },
      )
      checks.push(checkLoad(contract, load))
    }

    const ordered = [...checks].sort(
      (a, b) => checkKinds.indexOf(a.kind) - checkKinds.indexOf(b.kind),
    )
    const relevant =
      options.replay === undefined
        ? ordered
        : ordered.filter(
            (c) =>
              c.cases.some((v) => v.caseId === options.replay) ||
              c.kind === 'failureRate' ||
              c.kind === 'latency',
          )
    const failed = relevant.some((c) => c.status === 'failed' || c.status === 'error')
    const secrets = [...headerSecrets(secret, secret), ...(target.secrets ?? [])]
    const redacted = redactInputs(contract, options.redact ?? [], [
      ...results.map((s) => boundCase(s.result)),
      ...streams.cases.map(boundCase),
    ])
    return redactSecrets<VerifyResult>(
      {
        format: 1,
        contract: {
          name: contract.name,
          version: contract.version,
          protocol: contract.protocol,
          ...(contract.file !== undefined ? { file: contract.file } : {}),
        },
        target: { kind: target.kind, description: target.description },
        seed,
        casesRequested: count,
        startedAt: startedAt.toISOString(),
        durationMs: Math.round(performance.now() - t0),
        verdict: failed ? 'failed' : 'passed',
        checks: relevant,
        cases: redacted,
        unreachable: results.filter((s) => s.result.exchange.kind === 'unreachable').length,
        latency,
        ...(load ? { load } : {}),
        ...(streams.summary ? { streaming: streams.summary } : {}),
        ...(options.replay !== undefined ? { replay: options.replay } : {}),
      },
      secrets,
    )
  } finally {
    await target.close()
  }
}
