/**
 * A streamed openai-chat answer put back together, for verify: the content (or the tool's
 * arguments) joined from the chunks' deltas, the finish reason, a refusal, and whether the stream
 * ended with `data: [DONE]` or was cut. Problems point at the event (`/3/object`) or the whole.
 */
import type { Problem } from '../errors.js'
import type { Contract } from '../contract/index.js'
import { finishProblem, parseContent } from './openai-chat-client.js'
import { envelopeProblem, isObject } from './protocol-helpers.js'
import { sseDone } from './sse.js'

/** A streamed answer put back together. */
export interface AssembledStream {
  /** The parsed output, when the pieces joined into valid JSON. */
  readonly output?: unknown
  /** Everything wrong with the stream, by pointer into the chunk (`/3/choices/0/delta`) or the whole. */
  readonly problems: readonly Problem[]
  /** Chunks that carried a piece of content (or of the tool's arguments). */
  readonly tokens: number
  /** The finish reason the stream ended with, if any. */
  readonly finishReason?: string
}

/** What the events read so far have put together. */
interface StreamState {
  /** The content (or the tool's arguments) joined from the deltas. */
  text: string
  /** Chunks that carried a piece of it. */
  tokens: number
  finishReason: string | undefined
  /** Whether `data: [DONE]` was seen. */
  done: boolean
  /** The refusal joined from the deltas. */
  refusal: string
  readonly problems: Problem[]
}

/**
 * Puts a streamed answer together from its events' data (in order). `ended` is false when the
 * connection dropped before the end of the stream.
 */
export function assembleChatStream(
  contract: Contract,
  events: readonly string[],
  ended: boolean,
): AssembledStream {
  const tool = contract.chat?.tool
  const state: StreamState = {
    text: '',
    tokens: 0,
    finishReason: undefined,
    done: false,
    refusal: '',
    problems: [],
  }
  events.forEach((data, i) => readEvent(state, data, i, tool))
  const { problems, tokens, finishReason } = state
  problems.push(...endProblems(state, ended, events.length, tool))
  let output: unknown
  if (state.refusal === '') {
    const found: Problem[] = []
    output = parseContent(state.text, '', found)
    problems.push(
      ...found.map((p) => ({ ...p, message: `assembled from ${tokens} pieces, ${p.message}` })),
    )
  }
  return {
    ...(output !== undefined ? { output } : {}),
    problems,
    tokens,
    ...(finishReason !== undefined ? { finishReason } : {}),
  }
}

/** Reads event `i`: the end marker, or a chunk whose delta adds to the answer. */
function readEvent(state: StreamState, data: string, i: number, tool: string | undefined): void {
  if (state.done) {
    state.problems.push(envelopeProblem(`/${i}`, 'an event after data: [DONE]', 'protocol.stream'))
    return
  }
  if (data === sseDone) {
    state.done = true
    return
  }
  let chunk: unknown
  try {
    chunk = JSON.parse(data) as unknown
  } catch {
    state.problems.push(
      envelopeProblem(
        `/${i}`,
        `event ${i} is not JSON: ${JSON.stringify(data.slice(0, 80))}`,
        'protocol.stream',
      ),
    )
    return
  }
  if (!isObject(chunk) || chunk.object !== 'chat.completion.chunk') {
    state.problems.push(
      envelopeProblem(
        `/${i}/object`,
        `event ${i} is not a chat.completion.chunk`,
        'protocol.stream',
      ),
    )
    return
  }
  readChunk(state, chunk, tool)
}

/**
 * Adds a chunk's delta to the answer: its piece of content (or of the tool's arguments), its
 * piece of a refusal, and its finish reason.
 */
function readChunk(
  state: StreamState,
  chunk: Record<string, unknown>,
  tool: string | undefined,
): void {
  const choices: unknown[] = Array.isArray(chunk.choices) ? chunk.choices : []
  const choice: unknown = choices[0]
  if (!isObject(choice)) return // the usage chunk has no choices
  const delta = isObject(choice.delta) ? choice.delta : {}
  let piece: unknown
  if (tool !== undefined) {
    const calls = Array.isArray(delta.tool_calls) ? delta.tool_calls : []
    const fn = isObject(calls[0]) ? calls[0].function : undefined
    piece = isObject(fn) ? fn.arguments : undefined
  } else piece = delta.content
  if (typeof piece === 'string' && piece !== '') {
    state.text += piece
    state.tokens++
  }
  if (typeof delta.refusal === 'string') state.refusal += delta.refusal
  if (typeof choice.finish_reason === 'string') state.finishReason = choice.finish_reason
}

/** The problems of how the stream ended: a refusal, a cut, a missing or wrong finish reason. */
function endProblems(
  state: StreamState,
  ended: boolean,
  events: number,
  tool: string | undefined,
): Problem[] {
  const problems: Problem[] = []
  const { refusal, done, finishReason } = state
  if (refusal !== '')
    problems.push(
      envelopeProblem(
        '',
        `the model refused: ${JSON.stringify(refusal.slice(0, 200))}`,
        'protocol.refusal',
      ),
    )
  if (!ended || !done)
    problems.push(
      envelopeProblem(
        '',
        ended
          ? 'the stream ended without data: [DONE]'
          : `the connection dropped mid-stream after ${events} events (${state.text.length} characters of output)`,
        'protocol.stream-cut',
      ),
    )
  if (finishReason === undefined) {
    if (ended && done)
      problems.push(
        envelopeProblem('', 'no chunk carried a finish_reason', 'protocol.finish-reason'),
      )
  } else {
    const finish = finishProblem(finishReason, tool !== undefined, '')
    if (finish) problems.push(finish)
  }
  return problems
}
