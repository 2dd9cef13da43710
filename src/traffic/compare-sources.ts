/**
 * Where `compare` gets each model's answers: a URL (the inputs are sent to it, one record per
 * request, in the contract's protocol) or a recording (the answers it holds). Inputs come from a
 * recording side, from `--inputs` (a recording, JSON Lines or CSV), or are generated from the
 * contract with a seed.
 */
import { open } from 'node:fs/promises'
import type { Contract } from '../contract/index.js'
import { StandinError } from '../errors.js'
import { withoutByteOrderMark } from '../byte-order-mark.js'
import { compileContractGenerator, createRng, seedFor } from '../generate/index.js'
import { getProtocol } from '../protocol/index.js'
import { noSkips, readRecording, skippedWarning, wellFormedHeader } from '../recording/index.js'
import type { RecordingHeader } from '../recording/index.js'
import { createHttpClient } from '../verify/index.js'
import { redactedUrl } from '../redacted-target.js'

/** One side of a comparison. */
export type CompareSide =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'recording'; readonly path: string; readonly shown: string }

/** One model's answer to one input record. */
export interface SideAnswer {
  readonly ok: boolean
  readonly output?: unknown
  readonly latencyMs?: number
  /** Why it is not ok (status, closed, ...). */
  readonly reason?: string
}

/** The first header of a recording, or undefined when it has none. */
export async function recordingHeader(
  path: string,
  shown: string,
): Promise<RecordingHeader | undefined> {
  let text: string
  try {
    const handle = await open(path, 'r')
    try {
      const buffer = Buffer.alloc(64 * 1024)
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
      text = buffer.subarray(0, bytesRead).toString('utf8')
    } finally {
      await handle.close()
    }
  } catch (error) {
    throw new StandinError(
      'recording.unreadable',
      `${shown}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check the path.`,
    )
  }
  try {
    const value: unknown = JSON.parse(withoutByteOrderMark(text).split('\n', 1)[0] ?? '')
    return wellFormedHeader(value)
  } catch {
    return undefined
  }
}

/** The answers a recording holds, one per input record. */
export async function* recordedAnswers(
  contract: Contract,
  side: { readonly path: string; readonly shown: string },
  warn?: (message: string) => void,
): AsyncGenerator<{ readonly input: unknown; readonly answer: SideAnswer }> {
  const skipped = noSkips()
  for await (const { exchange } of readRecording(side.path, {
    shown: side.shown,
    skipped,
    contract: { name: contract.name, version: contract.version, protocol: contract.protocol },
  })) {
    const inputs = exchange.inputs ?? []
    const ok =
      exchange.outcome === 'answered' &&
      exchange.status !== undefined &&
      exchange.status >= 200 &&
      exchange.status <= 299 &&
      exchange.outputs?.length === inputs.length
    for (const [i, input] of inputs.entries())
      yield {
        input,
        answer: ok
          ? { ok: true, output: exchange.outputs?.[i], latencyMs: exchange.latencyMs }
          : {
              ok: false,
              latencyMs: exchange.latencyMs,
              reason:
                exchange.outcome === 'answered'
                  ? `status ${exchange.status ?? '?'}`
                  : exchange.outcome,
            },
      }
  }
  const warning = skippedWarning(side.shown, skipped)
  if (warning) warn?.(warning)
}

/** Generated inputs: `count` records from the contract's input schema, seeded. */
export function* generatedInputs(
  contract: Contract,
  seed: number,
  count: number,
): Generator<unknown> {
  const generate = compileContractGenerator(contract, 'input')
  for (let i = 0; i < count; i++) yield generate(createRng(seedFor(seed, `compare:${i}`)))
}

/** Sends records to a model over HTTP in the contract's protocol. */
export interface Sender {
  readonly send: (record: unknown) => Promise<SideAnswer>
  readonly close: () => void
}

/** A side's URL as reports and messages show it: a password (or a lone user name) as `***`. */
export function shownUrl(url: string): string {
  try {
    return redactedUrl(new URL(url))
  } catch {
    return url
  }
}

/**
 * A sender for `url` (its credentials sent as Basic auth, never shown). The first answer of 404 or 405 means the model does not serve the
 * contract's protocol: `compare.wrong-protocol`, exit 2.
 */
export function createSender(
  contract: Contract,
  url: string,
  role: 'baseline' | 'candidate',
  options: { readonly timeoutMs: number; readonly concurrency: number },
): Sender {
  let base: URL
  try {
    base = new URL(url)
  } catch {
    throw new StandinError(
      'compare.target',
      `standin compare: --${role} '${shownUrl(url)}' is neither a URL nor a recording file. Give http://host:port or a recording.`,
    )
  }
  const client = createHttpClient(base, options)
  const protocol = getProtocol(contract.protocol)
  let first = true
  const send = async (record: unknown): Promise<SideAnswer> => {
    const request = protocol.encodeRequest(contract, [record])
    const exchange = await client.send({
      method: request.method,
      path: request.path,
      headers: request.headers,
      body: JSON.stringify(request.body),
    })
    const wasFirst = first
    first = false
    if (exchange.kind !== 'answered')
      return {
        ok: false,
        reason: 'message' in exchange ? exchange.message : exchange.kind,
        ...('latencyMs' in exchange ? { latencyMs: exchange.latencyMs } : {}),
      }
    if (wasFirst && (exchange.status === 404 || exchange.status === 405))
      throw new StandinError(
        'compare.wrong-protocol',
        `standin compare: --${role} ${shownUrl(url)} answered ${exchange.status} to ${request.method} ${request.path}, so it does not serve the ${contract.protocol} protocol of ${contract.name}. Compare two models on the contract's protocol.`,
      )
    if (exchange.status < 200 || exchange.status > 299 || !exchange.json)
      return { ok: false, latencyMs: exchange.latencyMs, reason: `status ${exchange.status}` }
    const decoded = protocol.decodeResponse(contract, exchange.status, exchange.body, 1)
    if ('problems' in decoded)
      return {
        ok: false,
        latencyMs: exchange.latencyMs,
        reason: decoded.problems[0]?.message ?? 'bad envelope',
      }
    return { ok: true, output: decoded.outputs[0], latencyMs: exchange.latencyMs }
  }
  return { send, close: () => client.close() }
}
