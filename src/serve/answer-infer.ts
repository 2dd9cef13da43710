/**
 * The answer of an `infer` route, in named steps: `answerInfer` refuses a wrong scenario, content
 * type or size, and parses the body; `answerParsed` decodes it by the contract's protocol and
 * checks every record; `answerChecked` applies the faults; `answerBatch` makes the outputs, within
 * a bound on the answer's size. Each step stays synchronous unless a large body or a delay makes
 * it wait.
 */
import type { Problem } from '../errors.js'
import type { DecodedBatch, WireProtocol } from '../protocol/index.js'
import type { RouteEntry } from './build-routes.js'
import type { BodyLimits } from './check-limits.js'
import { after, eachRecord, sliceSize } from './each-record.js'
import { parseJsonBody, type ParsedBody } from './parse-json-body.js'
import { maxListedProblems, refusals, refuse, wait } from './refusals.js'
import { headerOf, type CoreRequest, type CoreResponse } from './serve-types.js'
import { protocolResponse } from './stream-answer.js'

/** The values `x-standin-scenario` takes (a protocol may add its own: `WireProtocol.scenarios`). */
export const scenarios = ['error', 'slow', 'timeout', 'invalid-output', 'rate-limit'] as const

/** Every scenario `protocol` takes: the common ones and its own. */
function scenariosOf(protocol: WireProtocol): readonly string[] {
  return protocol.scenarios ? [...scenarios, ...protocol.scenarios] : scenarios
}

function knownScenario(protocol: WireProtocol, value: string): boolean {
  return scenariosOf(protocol).includes(value)
}

/** An `infer` route. */
export type InferEntry = Extract<RouteEntry, { kind: 'infer' }>

/** What answering an inference needs from the handler's options. */
export interface InferSettings {
  readonly bodyLimit: number
  readonly maxDepth: number
  readonly limits: BodyLimits
  readonly slowMs: number
  readonly timeoutMs: number
  /** The answers' headers. */
  readonly jsonHeaders: Readonly<Record<string, string>>
  /** True for a JSON content type (cached by the handler). */
  readonly isJson: (contentType: string) => boolean
}

/** One request in flight: its route, the request, its scenario and its body size. */
interface Inference {
  readonly entry: InferEntry
  readonly request: CoreRequest
  readonly scenario: string | undefined
  readonly size: number
}

const encoder = new TextEncoder()
/**
 * An answer may be this many times the request's size, or `answerFloor` bytes, whichever is
 * more: a 1 MB batch of empty records cannot turn into a 300 MB answer.
 */
const answerMultiple = 32
const answerFloor = 1024 * 1024

/** The answer to an inference request. */
export function answerInfer(
  settings: InferSettings,
  entry: InferEntry,
  request: CoreRequest,
): CoreResponse | Promise<CoreResponse> {
  const { protocol } = entry
  const scenario = headerOf(request, 'x-standin-scenario')
  if (scenario !== undefined && !knownScenario(protocol, scenario))
    return refuse(protocol, refusals.unknownScenario(scenario, scenariosOf(protocol)))
  const contentType = headerOf(request, 'content-type')
  // No content type is refused as well: MLflow's scoring server answers it 415, and a client
  // that omits it breaks behind any gateway that routes on it.
  if (contentType === undefined || !settings.isJson(contentType))
    return refuse(protocol, refusals.unsupportedMediaType(contentType))
  const body = request.body
  const size =
    body === undefined
      ? 0
      : typeof body === 'string'
        ? encoder.encode(body).byteLength
        : body.byteLength
  if (size > settings.bodyLimit)
    return refuse(protocol, refusals.payloadTooLarge(size, settings.bodyLimit), {
      connection: 'close',
    })
  const parsed = parseJsonBody(body, settings.maxDepth, settings.limits)
  const inference: Inference = { entry, request, scenario, size }
  return parsed instanceof Promise
    ? parsed.then((p) => answerParsed(settings, inference, p))
    : answerParsed(settings, inference, parsed)
}

/** The answer to a parsed (or refused) body: its records checked, then answered. */
function answerParsed(
  settings: InferSettings,
  inference: Inference,
  parsed: ParsedBody,
): CoreResponse | Promise<CoreResponse> {
  const { protocol, compiled, mock } = inference.entry
  if (!parsed.ok)
    return refuse(
      protocol,
      parsed.type === 'over-limit'
        ? refusals.overLimit(parsed.problem)
        : refusals.badBody(parsed.type, parsed.detail, parsed.problems),
    )
  const decoded = compiled.decodeRequest(parsed.value)
  if (!decoded.ok) return refuse(protocol, refusals.invalidEnvelope(protocol, decoded.problems))
  const { batch } = decoded
  const records = batch.records
  // Every record is checked and every violation counted, but only the listed ones are kept:
  // the error body stays bounded however many records break the schema.
  const problems: Problem[] = []
  let total = 0
  const checking = eachRecord(records.length, (i) => {
    const found = mock.check(records[i])
    total += found.length
    for (const p of found)
      if (problems.length <= maxListedProblems)
        problems.push({ ...p, pointer: batch.pointer(i, p.pointer) })
    return undefined
  })
  return after(checking, () =>
    total > 0
      ? refuse(
          protocol,
          refusals.invalidInput(protocol, compiled.contract, problems),
          undefined,
          total,
        )
      : answerChecked(settings, inference, batch),
  )
}

/** The answer to a valid batch: a forced or drawn fault, a held timeout, or the outputs. */
function answerChecked(
  settings: InferSettings,
  inference: Inference,
  batch: DecodedBatch,
): CoreResponse | Promise<CoreResponse> {
  const { scenario, request } = inference
  const { protocol, mock } = inference.entry
  if (scenario === 'error') return refuse(protocol, refusals.injectedFault(undefined))
  if (scenario === 'rate-limit')
    return refuse(protocol, refusals.rateLimited(), { 'retry-after': '1' })
  if (scenario === undefined && mock.faults.fails())
    return refuse(protocol, refusals.injectedFault(mock.faults.errorRate))
  if (scenario === 'timeout')
    return wait(settings.timeoutMs, request.signal).then(() =>
      refuse(protocol, refusals.heldTimeout(settings.timeoutMs)),
    )
  return answerBatch(settings, inference, batch)
}

/** The stand-in's answer to a checked batch, refused when it would outgrow its bound. */
function answerBatch(
  settings: InferSettings,
  inference: Inference,
  batch: DecodedBatch,
): CoreResponse | Promise<CoreResponse> {
  const { scenario, request } = inference
  const { protocol, compiled, mock } = inference.entry
  const cap = Math.max(answerFloor, answerMultiple * inference.size)
  const records = batch.records
  const make = scenario === 'invalid-output' ? mock.invalidAnswer : mock.answer
  const outputs: unknown[] = new Array(records.length)
  // Large batches are sized as they are made (a small one cannot reach the floor of the cap).
  const sized = records.length > sliceSize
  let bytes = 0
  const making = eachRecord(records.length, (i) => {
    const output = make(records[i])
    outputs[i] = output
    if (sized) bytes += JSON.stringify(output)?.length ?? 4
    return bytes > cap ? true : undefined
  })
  return after(making, () => {
    if (bytes > cap) return refuse(protocol, refusals.answerTooLarge(records.length, cap))
    const response: CoreResponse = compiled.encodeAnswer
      ? protocolResponse(
          compiled.encodeAnswer(outputs[0], batch, scenario),
          mock.faults,
          settings.jsonHeaders,
        )
      : {
          status: 200,
          headers: settings.jsonHeaders,
          body: JSON.stringify(compiled.encodeResponse(outputs, batch)),
        }
    const delay = scenario === 'slow' ? settings.slowMs : mock.faults.delay()
    return delay > 0 ? wait(delay, request.signal).then(() => response) : response
  })
}
