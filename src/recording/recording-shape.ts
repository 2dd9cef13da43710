/**
 * The recording format's lines as JSON Schemas: what `summary`, `drift` and `compare` check each
 * line against before reading it. A line that does not fit (a hand edit, another tool's file, a
 * negative latency) is skipped and said, where it used to crash the reader or skew the figures.
 */
import { compileShape } from '../contract/index.js'
import { isRecordingHeader, type RecordingHeader } from './recording-types.js'

const text = { type: 'string' } as const
const count = { type: 'integer', minimum: 0 } as const

const contract = {
  type: 'object',
  required: ['name', 'version', 'protocol'],
  properties: { name: text, version: text, protocol: text },
} as const

/** The schemas every file format of recorded traffic builds on (the summary file's too). */
export const trafficSchemas = { text, count, contract } as const

/** A header line: the contract the lines after it were recorded for. */
export const headerProblem = compileShape(
  {
    type: 'object',
    required: ['standin', 'format', 'contract'],
    properties: {
      standin: { const: 'recording' },
      format: { const: 1 },
      contract,
      startedAt: text,
      sampleRate: { type: 'number', minimum: 0, maximum: 1 },
      redacted: { type: 'array', items: text },
    },
  },
  'the header',
)

/** `value` when it is a header line in the recording format's shape, else undefined. */
export function wellFormedHeader(value: unknown): RecordingHeader | undefined {
  return isRecordingHeader(value) && headerProblem(value) === undefined ? value : undefined
}

/** An exchange line (`RecordedExchange`). */
export const exchangeProblem = compileShape(
  {
    type: 'object',
    required: ['time', 'latencyMs', 'method', 'path', 'outcome', 'violations'],
    properties: {
      time: text,
      latencyMs: { type: 'number', minimum: 0 },
      method: text,
      path: text,
      status: { type: 'integer', minimum: 100, maximum: 999 },
      outcome: { enum: ['answered', 'closed', 'unreachable', 'timeout'] },
      inputs: { type: 'array' },
      outputs: { type: 'array' },
      requestText: text,
      answerText: text,
      error: text,
      oversize: count,
      violations: {
        type: 'array',
        items: {
          type: 'object',
          required: ['side', 'pointer', 'message'],
          properties: { side: { enum: ['request', 'answer'] }, pointer: text, message: text },
        },
      },
    },
  },
  'the line',
)
