/**
 * A shallow meta-schema: the shape of each keyword's value in ONE schema node, with every
 * subschema position only required to be an object or a boolean. standin validates every node of
 * a schema with it, one node at a time, instead of running the draft's recursive meta-schema:
 * the result is the same for the keywords standin accepts, the pointers are exact, and a
 * 1,000-deep schema cannot exhaust the stack (the recursive meta-schema does at a few hundred).
 * Values follow JSON Schema 2020-12 §10 and Validation §6-9; draft-07 differs in `items`
 * (may be a list) and `dependencies`.
 */
import type { SchemaDraft } from './contract-types.js'

const schema = { type: ['object', 'boolean'] }
const schemaList = { type: 'array', minItems: 1, items: schema }
const schemaMap = { type: 'object', additionalProperties: schema }
const count = { type: 'integer', minimum: 0 }
const stringList = { type: 'array', items: { type: 'string' }, uniqueItems: true }
const simpleTypes = { enum: ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'] }

/** The node meta-schema for a draft (a 2020-12 schema itself, validated with ajv 2020). */
export function nodeMetaSchema(draft: SchemaDraft): Record<string, unknown> {
  return {
    type: ['object', 'boolean'],
    properties: {
      $id: { type: 'string' },
      $schema: { type: 'string' },
      $ref: { type: 'string' },
      $anchor: { type: 'string', pattern: '^[A-Za-z_][-A-Za-z0-9._]*$' },
      $dynamicRef: { type: 'string' },
      $dynamicAnchor: { type: 'string' },
      $comment: { type: 'string' },
      $defs: schemaMap,
      definitions: schemaMap,
      allOf: schemaList,
      anyOf: schemaList,
      oneOf: schemaList,
      not: schema,
      if: schema,
      then: schema,
      else: schema,
      prefixItems: schemaList,
      items: draft === 'draft-07' ? { anyOf: [schema, schemaList] } : schema,
      additionalItems: schema,
      contains: schema,
      properties: schemaMap,
      patternProperties: { ...schemaMap, propertyNames: { format: 'regex' } },
      additionalProperties: schema,
      propertyNames: schema,
      dependentSchemas: schemaMap,
      dependencies: { type: 'object', additionalProperties: { anyOf: [schema, stringList] } },
      unevaluatedItems: schema,
      unevaluatedProperties: schema,
      contentSchema: schema,
      type: {
        anyOf: [simpleTypes, { type: 'array', items: simpleTypes, minItems: 1, uniqueItems: true }],
      },
      enum: { type: 'array', items: true },
      multipleOf: { type: 'number', exclusiveMinimum: 0 },
      maximum: { type: 'number' },
      exclusiveMaximum: { type: 'number' },
      minimum: { type: 'number' },
      exclusiveMinimum: { type: 'number' },
      maxLength: count,
      minLength: count,
      pattern: { type: 'string' },
      maxItems: count,
      minItems: count,
      uniqueItems: { type: 'boolean' },
      maxContains: count,
      minContains: count,
      maxProperties: count,
      minProperties: count,
      required: stringList,
      dependentRequired: { type: 'object', additionalProperties: stringList },
      title: { type: 'string' },
      description: { type: 'string' },
      deprecated: { type: 'boolean' },
      readOnly: { type: 'boolean' },
      writeOnly: { type: 'boolean' },
      examples: { type: 'array' },
      format: { type: 'string' },
      contentEncoding: { type: 'string' },
      contentMediaType: { type: 'string' },
    },
  }
}
