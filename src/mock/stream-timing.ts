/**
 * The pace of the stand-in's streamed answers (openai-chat): the first token after
 * `timeToFirstToken` ms, then `tokensPerSecond` tokens a second. An option wins, then the
 * contract's `mock` keys, then the contract's promise (`checks.latency`): the first token at half
 * the promised p50 and tokens at twice the promised p50 rate, so the stand-in keeps its promise
 * with room on a loaded machine; nothing promised, no pacing.
 */
import type { Contract } from '../contract/index.js'

/** The stream timing for a stand-in of `contract`. */
export function streamTiming(
  contract: Contract,
  options: { readonly timeToFirstToken?: number; readonly tokensPerSecond?: number },
): { timeToFirstToken?: number; tokensPerSecond?: number } {
  const promise = contract.checks.latency
  const first =
    options.timeToFirstToken ??
    contract.mock.timeToFirstToken ??
    (promise?.timeToFirstToken?.p50 !== undefined ? promise.timeToFirstToken.p50 / 2 : undefined)
  const rate =
    options.tokensPerSecond ??
    contract.mock.tokensPerSecond ??
    (promise?.tokensPerSecond?.p50 !== undefined ? promise.tokensPerSecond.p50 * 2 : undefined)
  return {
    ...(first !== undefined ? { timeToFirstToken: first } : {}),
    ...(rate !== undefined ? { tokensPerSecond: rate } : {}),
  }
}
