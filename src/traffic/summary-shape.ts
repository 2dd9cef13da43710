/**
 * The files `summary` and `drift` take besides recordings, as JSON Schemas: a summary written by
 * `standin summary --out`, and a verify json report (the parts of it a reference is made from).
 * Each is checked before it is merged, so a file edited by hand or cut short gets a sentence
 * naming where it is wrong, where it used to crash the merge or turn the figures into NaN.
 */
import { compileShape } from '../contract/index.js'
import { trafficSchemas } from '../recording/index.js'

const { text, count, contract } = trafficSchemas
/** Count per key (an outcome, a status, a pointer, a category's value as JSON text). */
const counts = { type: 'object', additionalProperties: count } as const
/** A sketch's buckets: index (a small integer) -> count. */
const buckets = {
  type: 'object',
  propertyNames: { pattern: '^-?[0-9]{1,6}$' },
  additionalProperties: count,
} as const
/** `Sketch`; an empty sketch's bounds come back from JSON as null (they were infinities). */
const sketch = {
  type: 'object',
  required: ['count', 'sum', 'min', 'max', 'zeros', 'positive', 'negative'],
  properties: {
    count,
    sum: { type: 'number' },
    min: { type: ['number', 'null'] },
    max: { type: ['number', 'null'] },
    zeros: count,
    positive: buckets,
    negative: buckets,
  },
} as const
const field = {
  oneOf: [
    {
      type: 'object',
      required: ['kind', 'missing', 'sketch'],
      properties: { kind: { const: 'number' }, missing: count, sketch },
    },
    {
      type: 'object',
      required: ['kind', 'missing', 'counts', 'other'],
      properties: { kind: { const: 'category' }, missing: count, counts, other: count },
    },
  ],
} as const
/** What is wrong with a summary file (`TrafficSummary`), or undefined. */
export const summaryProblem = compileShape(
  {
    type: 'object',
    required: [
      'standin',
      'format',
      'sources',
      'exchanges',
      'records',
      'outcomes',
      'statuses',
      'failures',
      'violations',
      'latency',
      'inputs',
      'outputs',
      'skippedLines',
    ],
    properties: {
      standin: { const: 'summary' },
      format: { const: 1 },
      contract,
      sources: { type: 'array', items: text },
      exchanges: count,
      records: count,
      outcomes: counts,
      statuses: counts,
      failures: count,
      violations: {
        type: 'object',
        required: ['total', 'exchanges', 'byPointer'],
        properties: { total: count, exchanges: count, byPointer: counts },
      },
      latency: sketch,
      inputs: { type: 'object', additionalProperties: field },
      outputs: { type: 'object', additionalProperties: field },
      skippedLines: count,
      first: text,
      last: text,
    },
  },
  'the file',
)

/** What is wrong with a verify json report as a reference (the fields read of it), or undefined. */
export const reportProblem = compileShape(
  {
    type: 'object',
    required: ['format', 'contract', 'cases'],
    properties: {
      format: { const: 1 },
      contract,
      cases: {
        type: 'array',
        items: {
          type: 'object',
          required: ['kind', 'records', 'exchange'],
          properties: {
            kind: text,
            records: { type: 'array' },
            outputs: { type: 'array' },
            exchange: {
              type: 'object',
              required: ['kind'],
              properties: {
                kind: text,
                status: { type: 'integer' },
                latencyMs: { type: 'number', minimum: 0 },
              },
            },
          },
        },
      },
    },
  },
  'the file',
)
