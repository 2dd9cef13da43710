/**
 * `verify --wait-for`: polls a model until it is ready to be tested, by its protocol's own
 * readiness answer (`readinessProbe` in protocol/): kserve-v2's model ready, v1's model status,
 * mlflow's `/ping`, openai-chat's model list. A model server listens before its model is loaded
 * and answers 503 meanwhile: testing it on its first answer failed every case. A json model has
 * no such endpoint, so any HTTP answer at its base URL has to do.
 */
import type { Contract } from '../contract/index.js'
import { readinessProbe } from '../protocol/index.js'
import type { ProtocolProbe } from '../protocol/index.js'
import { probeVerdict } from './check-protocol.js'
import { asSentence } from './request-failure.js'
import { getOnce } from './get-once.js'
import { redactedUrl, splitCredentials } from '../redacted-target.js'
import { VerifyError } from './verify-error.js'
import { targetUrl } from './resolve-target.js'

/** Options of `waitUntilReady`. */
export interface WaitOptions {
  /** How long to wait in all, ms. */
  readonly timeoutMs: number
  /** Headers every poll carries (authorization); credentials in the URL are sent as Basic. */
  readonly headers?: Readonly<Record<string, string>>
  /** Stops the wait (Ctrl-C): it returns at once. */
  readonly signal?: AbortSignal
  /** Time between polls, ms (default 250). */
  readonly intervalMs?: number
}

/** Any HTTP answer will do: the json protocol's "probe". */
const anyAnswer: ProtocolProbe = { name: 'an answer', path: '/', json: false, judge: () => [] }

/**
 * Waits until the model at `target` is ready for every contract given (each protocol's
 * readiness probe passes), polling every `intervalMs`.
 *
 * @example
 * await waitUntilReady('http://127.0.0.1:8080', [contract], { timeoutMs: 60_000 })
 *
 * @throws {VerifyError} `verify.target` when `target` is no http(s) URL, `verify.unreachable`
 * when nothing answered in time, `verify.not-ready`
 * when the model answered but never said it was ready; both name the last answer.
 */
export async function waitUntilReady(
  target: string,
  contracts: readonly Contract[],
  options: WaitOptions,
): Promise<void> {
  const url = targetUrl(target)
  const split = splitCredentials(url)
  const headers = {
    ...(split.authorization !== undefined ? { authorization: split.authorization } : {}),
    ...options.headers,
  }
  const probes = new Map<string, ProtocolProbe>()
  for (const contract of contracts) {
    const probe = readinessProbe(contract) ?? anyAnswer
    probes.set(probe.path, probe)
  }
  const deadline = Date.now() + options.timeoutMs
  const waiting = new Map(probes)
  let answered = false
  let last = ''
  for (;;) {
    for (const [path, probe] of waiting) {
      if (options.signal?.aborted === true) return
      const timeoutMs = Math.max(100, Math.min(2000, deadline - Date.now()))
      const answer = await getOnce(split.url, path, { timeoutMs, headers })
      if (answer.kind === 'answered') answered = true
      const verdict = probeVerdict(probe, answer)
      const ready = probe === anyAnswer ? answer.kind === 'answered' : verdict.status === 'passed'
      if (ready) waiting.delete(path)
      else last = `GET ${path}: ${verdict.message}`
    }
    if (waiting.size === 0) return
    if (Date.now() + (options.intervalMs ?? 250) > deadline) break
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250))
  }
  const seconds = `${options.timeoutMs / 1000}s`
  const said = asSentence(last)
  const shown = redactedUrl(url)
  throw answered
    ? new VerifyError(
        'verify.not-ready',
        `${shown} answered but was not ready within ${seconds} (--wait-for); last: ${said} Wait longer, or check the model's logs.`,
      )
    : new VerifyError(
        'verify.unreachable',
        `${shown} gave no answer within ${seconds} (--wait-for); last: ${said} Start the model, or wait longer.`,
      )
}
