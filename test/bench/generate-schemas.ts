/**
 * The generator bench's three ML output schemas (also drawn by scripts/generator-fingerprint.ts):
 * a 12-class classifier with scores and a uuid, a batch regression with 1-64 intervals, and an
 * NER list with nested $refs and a oneOf.
 */
import { CLASSES } from './hand-written-faker.js'

const probability = { type: 'number', minimum: 0, maximum: 1 }

export const classifier = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  required: ['request_id', 'label', 'confidence', 'scores'],
  properties: {
    request_id: { type: 'string', format: 'uuid' },
    label: { type: 'string', enum: [...CLASSES], 'x-standin': { argmaxOf: '/scores' } },
    confidence: probability,
    scores: {
      type: 'object',
      additionalProperties: false,
      required: [...CLASSES],
      properties: Object.fromEntries(CLASSES.map((c) => [c, probability])),
      'x-standin': { sumTo: 1 },
    },
    model_version: { type: 'string', pattern: '^v[0-9]+\\.[0-9]+\\.[0-9]+$' },
  },
}

export const regression = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  required: ['request_id', 'predictions'],
  properties: {
    request_id: { type: 'string', format: 'uuid' },
    predictions: {
      type: 'array',
      minItems: 1,
      maxItems: 64,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['lower', 'value', 'upper', 'level'],
        properties: {
          lower: { type: 'number', minimum: 0, maximum: 20000, 'x-standin': { lte: '/value' } },
          value: { type: 'number', minimum: 0, maximum: 20000 },
          upper: { type: 'number', minimum: 0, maximum: 20000 },
          level: { type: 'number', enum: [0.8, 0.9, 0.95] },
          unit: { type: 'string', enum: ['t', 'kg'] },
        },
      },
    },
    computed_at: { type: 'string', format: 'date-time' },
  },
}

export const ner = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  required: ['doc_id', 'entities'],
  properties: {
    doc_id: { type: 'string', pattern: '^doc-[0-9a-f]{8}$' },
    entities: { type: 'array', maxItems: 20, items: { $ref: '#/$defs/Entity' } },
    language: { type: 'string', enum: ['en', 'de', 'fr'] },
  },
  $defs: {
    Entity: {
      type: 'object',
      additionalProperties: false,
      required: ['text', 'label', 'span', 'confidence', 'link'],
      properties: {
        text: { type: 'string', minLength: 1, maxLength: 60 },
        label: { type: 'string', enum: ['PERSON', 'ORG', 'LOC', 'MONEY', 'DATE'] },
        span: { $ref: '#/$defs/Span' },
        confidence: probability,
        link: { oneOf: [{ type: 'null' }, { $ref: '#/$defs/Link' }] },
      },
    },
    Span: {
      type: 'object',
      additionalProperties: false,
      required: ['start', 'end'],
      properties: {
        start: { type: 'integer', minimum: 0, maximum: 5000 },
        end: { type: 'integer', minimum: 0, maximum: 5000 },
      },
    },
    Link: {
      type: 'object',
      additionalProperties: false,
      required: ['kb', 'id'],
      properties: {
        kb: { type: 'string', enum: ['wikidata', 'gleif'] },
        id: { type: 'string', pattern: '^Q[1-9][0-9]{0,6}$' },
      },
    },
  },
}
