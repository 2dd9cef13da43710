/**
 * openai-chat streams (issue 16): valid cases are sent again with `stream: true` over HTTP, read
 * event by event, and judged by two checks. `streaming`: the pieces assemble into a value the
 * output schema accepts, the stream ends with a finish reason and `data: [DONE]`, nothing is cut.
 * `tokenLatency`: time to first token and tokens per second, in percentiles, against
 * `checks.latency.timeToFirstToken` and `checks.latency.tokensPerSecond`.
 */
import type { Problem } from '../errors.js'
import type { Contract } from '../contract/index.js'
import { assembleChatStream, encodeChatRequest } from '../protocol/index.js'
import type { CaseSpec } from './case-spec.js'
import { skippedCheck } from './check-aggregates.js'
import { maskHeaders } from './redact.js'
import type {
  CaseResult,
  CaseVerdict,
  CheckResult,
  StreamingSummary,
  WireRequest,
} from './result-types.js'
import { runPool } from './run-pool.js'
import { sendStream, type StreamExchange } from './send-stream.js'
import { quantile } from './stats.js'

/** The check kinds of the streamed pass (openai-chat only). */
export const streamKinds: ReadonlySet<CheckResult['kind']> = new Set(['streaming', 'tokenLatency'])

/** Most valid cases sent again as streams. */
export const maxStreams = 20

/** What the streamed pass gives the run. */
export interface StreamRun {
  readonly checks: readonly CheckResult[]
  readonly cases: readonly CaseResult[]
  readonly summary: StreamingSummary
}

/** How to reach the target. */
export interface StreamTarget {
  readonly baseUrl: URL
  /** Headers sent with every request (auth); masked in results. */
  readonly headers: Readonly<Record<string, string>>
  readonly timeoutMs: number
  readonly concurrency: number
  readonly maxBytes: number
  readonly signal?: AbortSignal
}

interface Streamed {
  readonly spec: CaseSpec
  readonly request: WireRequest
  readonly exchange: StreamExchange
}

const round = (x: number): number => Math.round(x * 1000) / 1000

/** The verdict on one stream, and its output when the pieces made one. */
function judge(contract: Contract, s: Streamed): { verdict: CaseVerdict; output?: unknown } {
  const caseId = `stream:${s.spec.id}`
  const e = s.exchange
  if (e.kind === 'unreachable')
    return { verdict: { caseId, status: 'error', message: e.message, problems: [] } }
  if (e.status < 200 || e.status > 299)
    return {
      verdict: {
        caseId,
        status: 'skipped',
        message: `answered HTTP ${e.status}, not a stream (failures count in failureRate)`,
        problems: [],
      },
    }
  const problems: Problem[] = []
  if (!/^text\/event-stream\b/i.test(e.contentType))
    problems.push({
      code: 'protocol.stream',
      severity: 'error',
      pointer: '',
      message: `the content type is ${JSON.stringify(e.contentType)}, expected text/event-stream`,
    })
  const assembled = assembleChatStream(contract, e.events, e.ended)
  problems.push(
    ...assembled.problems.map((p) =>
      p.code === 'protocol.stream-cut' && e.stopped !== undefined && e.ended === false
        ? { ...p, message: `${p.message}: ${e.stopped}` }
        : p,
    ),
  )
  if (assembled.output !== undefined) problems.push(...contract.validateOutput(assembled.output))
  const verdict: CaseVerdict = {
    caseId,
    status: problems.length === 0 ? 'passed' : 'failed',
    message:
      problems.length === 0
        ? ''
        : `the stream ${problems[0]?.code === 'protocol.stream-cut' ? 'was cut' : 'broke the contract'}: ${problems[0]?.message ?? ''}`,
    problems,
  }
  return { verdict, ...(assembled.output !== undefined ? { output: assembled.output } : {}) }
}

function streamingCheck(verdicts: readonly CaseVerdict[]): CheckResult {
  const judged = verdicts.filter((v) => v.status === 'passed' || v.status === 'failed')
  const failed = judged.filter((v) => v.status === 'failed')
  const unreachable = verdicts.filter((v) => v.status === 'error').length
  const status =
    failed.length > 0 ? 'failed' : judged.length === 0 && unreachable > 0 ? 'error' : 'passed'
  const summary =
    judged.length === 0
      ? 'no stream was answered 2xx'
      : failed.length === 0
        ? `${judged.length} streams assembled into valid outputs, each ended with a finish reason and [DONE]`
        : `${failed.length} of ${judged.length} streams broke: ${failed[0]?.message ?? ''}`
  return {
    id: 'streaming',
    kind: 'streaming',
    name: 'streaming',
    status: judged.length === 0 && unreachable === 0 ? 'skipped' : status,
    summary,
    cases: verdicts,
    measurements: { streams: verdicts.length, judged: judged.length, failed: failed.length },
  }
}

/** tokenLatency: the streams' time to first token and tokens per second against the promise. */
export function checkTokenLatency(contract: Contract, summary: StreamingSummary): CheckResult {
  const promise = contract.checks.latency
  const ttft = promise?.timeToFirstToken ?? {}
  const tps = promise?.tokensPerSecond ?? {}
  const keys = ['p50', 'p95', 'p99'] as const
  const measurements: Record<string, number> = { streams: summary.count }
  const over: string[] = []
  const text: string[] = []
  for (const k of keys) {
    const q = Number(k.slice(1)) / 100
    if (summary.timeToFirstToken.length > 0) {
      const m = round(quantile(summary.timeToFirstToken, q))
      measurements[`timeToFirstToken.${k}`] = m
      const promised = ttft[k]
      if (promised !== undefined) {
        text.push(`time to first token ${k} ${m.toFixed(1)} ms (≤ ${promised} ms)`)
        if (m > promised) over.push(`time to first token ${k}`)
      }
    }
    if (summary.tokensPerSecond.length > 0) {
      // pN of a rate: the rate N% of streams reach, the (100 - N)th percentile.
      const m = round(quantile(summary.tokensPerSecond, 1 - q))
      measurements[`tokensPerSecond.${k}`] = m
      const promised = tps[k]
      if (promised !== undefined) {
        text.push(`tokens per second ${k} ${m.toFixed(1)} (≥ ${promised})`)
        if (m < promised) over.push(`tokens per second ${k}`)
      }
    }
  }
  const promised = keys.some((k) => ttft[k] !== undefined || tps[k] !== undefined)
  if (!promised)
    return {
      ...skippedCheck(
        'tokenLatency',
        'the contract promises no time to first token or tokens per second',
      ),
      measurements,
    }
  if (summary.count === 0)
    return {
      ...skippedCheck('tokenLatency', 'no stream was answered'),
      status: 'error',
      measurements,
    }
  return {
    id: 'tokenLatency',
    kind: 'tokenLatency',
    name: 'tokenLatency',
    status: over.length === 0 ? 'passed' : 'failed',
    summary:
      over.length === 0
        ? `${text.join(', ')} over ${summary.count} streams`
        : `${over.join(', ')} broke the promise: ${text.join(', ')}`,
    cases: [],
    measurements,
  }
}

/**
 * Sends up to `maxStreams` of `specs` as streams and judges them.
 *
 * @example
 * const run = await runStreaming(contract, specs, { baseUrl, headers: {}, timeoutMs: 10_000, concurrency: 4, maxBytes: 4 << 20 })
 */
export async function runStreaming(
  contract: Contract,
  specs: readonly CaseSpec[],
  target: StreamTarget,
): Promise<StreamRun> {
  const chosen = specs
    .filter((s) => s.expect === 'valid' && s.records.length === 1)
    .slice(0, maxStreams)
  const sent = await runPool(
    chosen,
    target.concurrency,
    async (spec): Promise<Streamed> => {
      const encoded = encodeChatRequest(contract, spec.records[0], true)
      const request: WireRequest = {
        method: encoded.method,
        path: encoded.path,
        headers: { ...encoded.headers, ...target.headers },
        body: JSON.stringify(encoded.body),
      }
      return { spec, request, exchange: await sendStream(target.baseUrl, request, target) }
    },
    target.signal,
  )
  const streamed = sent.filter((s): s is Streamed => s !== undefined)
  const judged = streamed.map((s) => ({ s, ...judge(contract, s) }))
  const ok = streamed.flatMap((s) =>
    s.exchange.kind === 'streamed' && s.exchange.status >= 200 && s.exchange.status <= 299
      ? [s.exchange]
      : [],
  )
  const summary: StreamingSummary = {
    count: ok.length,
    timeToFirstToken: ok.flatMap((e) =>
      e.firstTokenMs !== undefined ? [round(e.firstTokenMs)] : [],
    ),
    tokensPerSecond: ok.flatMap((e) => {
      const tokens = assembleChatStream(contract, e.events, e.ended).tokens
      const span = (e.lastTokenMs ?? 0) - (e.firstTokenMs ?? 0)
      return tokens >= 2 && span > 0 ? [round(((tokens - 1) * 1000) / span)] : []
    }),
  }
  const cases: CaseResult[] = judged.map(({ s, output }) => ({
    id: `stream:${s.spec.id}`,
    kind: 'streamed',
    description: `${s.spec.description}, streamed`,
    records: s.spec.records,
    request: { ...s.request, headers: maskHeaders(s.request.headers, target.headers) },
    exchange:
      s.exchange.kind === 'unreachable'
        ? {
            kind: 'unreachable',
            reason: 'other',
            message: s.exchange.message,
            latencyMs: s.exchange.latencyMs,
          }
        : {
            kind: 'answered',
            status: s.exchange.status,
            contentType: s.exchange.contentType,
            json: false,
            text: s.exchange.text,
            ...(s.exchange.stopped !== undefined ? { bodyProblem: s.exchange.stopped } : {}),
            latencyMs: s.exchange.latencyMs,
          },
    ...(output !== undefined ? { outputs: [output] } : {}),
  }))
  return {
    checks: [streamingCheck(judged.map((j) => j.verdict)), checkTokenLatency(contract, summary)],
    cases,
    summary,
  }
}

/** The two checks, skipped with `reason` (not openai-chat over HTTP, or a replay). */
export function skippedStreaming(reason: string): CheckResult[] {
  return [skippedCheck('streaming', reason), skippedCheck('tokenLatency', reason)]
}

/**
 * The streamed pass of a verify run: nothing for protocols that do not stream, skipped checks
 * for an in-process target or a replay, else `runStreaming`.
 */
export async function streamingPass(
  contract: Contract,
  specs: readonly CaseSpec[],
  target: Omit<StreamTarget, 'baseUrl'> & { readonly baseUrl: URL | undefined },
  replay: boolean,
): Promise<{
  checks: readonly CheckResult[]
  cases: readonly CaseResult[]
  summary?: StreamingSummary
}> {
  if (contract.protocol !== 'openai-chat') return { checks: [], cases: [] }
  if (!target.baseUrl)
    return {
      checks: skippedStreaming('streams are read over HTTP; the target is in-process'),
      cases: [],
    }
  if (replay) return { checks: skippedStreaming('not run for a replayed case'), cases: [] }
  return runStreaming(contract, specs, { ...target, baseUrl: target.baseUrl })
}
