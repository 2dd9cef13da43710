/**
 * The send stage: checks the target can be reached, GETs the protocol's metadata and health
 * endpoints (which also tell whether the target is the stand-in), sends the first case alone (a
 * 404/405 means the target speaks another protocol, and nothing else is sent), then the rest with
 * bounded concurrency. A target that stops answering is given up on: see `giveUpAfter`.
 */
import type { Contract } from '../contract/index.js'
import { boundExchange, boundOutputs } from './bound-result.js'
import type { CaseSpec } from './case-spec.js'
import { probeProtocol } from './check-protocol.js'
import type { ProtocolProbing } from './check-protocol.js'
import { decodeAnswer } from './decode-answer.js'
import type { RunPlan } from './plan-run.js'
import { maskHeaders } from './redact.js'
import type { Target } from './resolve-target.js'
import type { CaseResult, Exchange } from './result-types.js'
import { runPool } from './run-pool.js'
import type { RunSettings } from './run-settings.js'
import type { SentCase } from './sent-case.js'
import { VerifyError } from './verify-error.js'

/**
 * Unanswered requests in a row after which the rest of a run is not sent: a target that stops
 * answering would otherwise cost a full timeout per remaining case.
 */
export const giveUpAfter = 8

/** What the send stage hands on. */
export interface SentRun {
  /** Every case sent (or recorded unsent), in plan order. */
  readonly sent: readonly SentCase[]
  /** The protocol check, and the stand-in's stamp when the target answered as the stand-in. */
  readonly probing: ProtocolProbing
  /** True when the target answered as the stand-in over HTTP (and quality was not forced). */
  readonly standInOverHttp: boolean
}

/** Progress and cancelling, from the caller. */
export interface SendHooks {
  readonly onProgress?: (done: number, total: number) => void
  readonly signal?: AbortSignal
}

/** An exchange for a case not sent because the target stopped answering. */
const givenUp: Exchange = {
  kind: 'unreachable',
  reason: 'other',
  message: `not sent: the last ${giveUpAfter} requests got no answer`,
  latencyMs: 0,
}

/** Sends one case at a time through `target`, giving up after `giveUpAfter` silences in a row. */
function caseSender(
  contract: Contract,
  target: Target,
  headers: Readonly<Record<string, string>>,
): (spec: CaseSpec) => Promise<SentCase> {
  let silent = 0
  return async (spec) => {
    const request = target.request(spec)
    const exchange = silent >= giveUpAfter ? givenUp : await target.send(spec)
    silent = exchange.kind === 'unreachable' ? silent + 1 : 0
    const result: CaseResult = {
      id: spec.id,
      kind: spec.kind,
      description: spec.description,
      records: spec.records,
      ...(request
        ? { request: { ...request, headers: maskHeaders(request.headers, headers) } }
        : {}),
      exchange,
    }
    // Judged on the whole answer, kept as a bounded copy.
    const sent = decodeAnswer(contract, target, spec, result)
    const kept = { ...sent.result, exchange: boundExchange(exchange) }
    return { ...sent, result: boundOutputs(contract, spec, kept) }
  }
}

/** Throws `verify.wrong-protocol` when the first valid case was answered 404 or 405 over HTTP. */
function assertProtocolServed(contract: Contract, target: Target, first: SentCase): void {
  const e = first.result.exchange
  if (
    target.wire &&
    e.kind === 'answered' &&
    (e.status === 404 || e.status === 405) &&
    first.spec.expect === 'valid'
  )
    throw new VerifyError(
      'verify.wrong-protocol',
      `${target.description}: ${first.result.request?.method ?? 'POST'} ${first.result.request?.path ?? ''} answered ${e.status}, so the target does not serve the ${contract.protocol} protocol for "${contract.name}". Check --target and the contract's protocol.`,
    )
}

/**
 * Sends a run's cases to `target`.
 *
 * @throws {VerifyError} `verify.unreachable` (nothing listens at the URL), `verify.wrong-protocol`.
 */
export async function sendCases(
  contract: Contract,
  target: Target,
  plan: RunPlan,
  settings: RunSettings,
  hooks: SendHooks = {},
): Promise<SentRun> {
  // Planned and compiled: from here on the run waits on the target.
  hooks.onProgress?.(0, plan.cases.length)
  await target.preflight()
  const probing = await probeProtocol(contract, target.baseUrl, {
    timeoutMs: settings.timeoutMs,
    headers: target.headers ?? settings.headers,
  })
  const standInOverHttp = probing.standIn !== undefined && !settings.forceQuality
  // Against the stand-in, the perturbed twins would judge the stand-in's quality: not sent.
  const perturbed = new Set(standInOverHttp ? plan.behaviour.specs : [])
  const cases = plan.cases.filter((c) => !perturbed.has(c))
  const sendOne = caseSender(contract, target, settings.headers)
  const sent: SentCase[] = []
  const first = cases.find((c) => c.expect === 'valid') ?? cases[0]
  if (first) {
    const answered = await sendOne(first)
    assertProtocolServed(contract, target, answered)
    sent.push(answered)
    hooks.onProgress?.(1, cases.length)
  }
  let done = sent.length
  const rest = await runPool(
    cases.filter((c) => c !== first),
    settings.concurrency,
    async (spec) => {
      const answered = await sendOne(spec)
      hooks.onProgress?.(++done, cases.length)
      return answered
    },
    hooks.signal,
  )
  sent.push(...rest.filter((s): s is SentCase => s !== undefined))
  return { sent, probing, standInOverHttp }
}
