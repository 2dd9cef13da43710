/**
 * How each protocol wraps a contract's records on the wire, as OpenAPI schemas: the request and
 * response bodies of its inference route (around `#/components/schemas/<Name>Input` and
 * `...Output`) and its error body. Follows src/protocol (the stand-in's own encoders).
 */
import type { Contract } from '../contract/index.js'
import { tensorSpecs, type TensorSpec } from '../protocol/index.js'

/** A request and a response body schema, and the error body of the protocol. */
export interface Envelope {
  readonly request: Record<string, unknown>
  readonly response: Record<string, unknown>
  /** The media type and schema of the protocol's error answers. */
  readonly error: { readonly type: string; readonly schema: Record<string, unknown> }
  /** The status of an input the schema refuses. */
  readonly invalidStatus: number
}

const errorsList = {
  type: 'array',
  description: 'Every violation, by JSON pointer into the request.',
  items: {
    type: 'object',
    required: ['pointer', 'code', 'message'],
    properties: {
      pointer: { type: 'string' },
      code: { type: 'string' },
      message: { type: 'string' },
    },
  },
}

const errorField = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'string' }, errors: errorsList },
}

function tensor(spec: TensorSpec): Record<string, unknown> {
  return {
    type: 'object',
    required: ['name', 'shape', 'datatype', 'data'],
    properties: {
      name: { const: spec.name },
      shape: { type: 'array', items: { type: 'integer', minimum: 0 } },
      datatype: { type: 'string', examples: [spec.datatype] },
      parameters: { type: 'object' },
      data: { type: 'array' },
    },
  }
}

/**
 * Where each envelope below holds the record schemas (JSON pointer tokens from the body schema),
 * so that `import openapi` takes the records back out of a document `export openapi` wrote.
 */
export const recordPaths: Readonly<
  Record<Contract['protocol'], { readonly input: string[]; readonly output: string[] }>
> = {
  json: { input: [], output: [] },
  v1: {
    input: ['properties', 'instances', 'items'],
    output: ['properties', 'predictions', 'items'],
  },
  mlflow: {
    input: ['properties', 'dataframe_records', 'items'],
    output: ['properties', 'predictions', 'items'],
  },
  'kserve-v2': { input: ['x-standin-record'], output: ['x-standin-record'] },
  'openai-chat': {
    input: ['allOf', '0'],
    output: [
      ...['properties', 'choices', 'items', 'properties', 'message', 'properties', 'content'],
      ...['oneOf', '0', 'contentSchema'],
    ],
  },
}

/** The wire envelope of a contract's protocol, around the record schemas `input` and `output`. */
export function envelopeOf(
  contract: Contract,
  input: Record<string, unknown>,
  output: Record<string, unknown>,
): Envelope {
  switch (contract.protocol) {
    case 'json':
      return jsonEnvelope(contract.endpoint.batch === true, input, output)
    case 'v1':
      return v1Envelope(input, output)
    case 'mlflow':
      return mlflowEnvelope(input, output)
    case 'kserve-v2':
      return kserveV2Envelope(contract, input, output)
    case 'openai-chat':
      return chatEnvelope(contract, input, output)
  }
}

/** A non-empty array of records. */
function rows(schema: Record<string, unknown>): Record<string, unknown> {
  return { type: 'array', minItems: 1, items: schema }
}

/** json: the record itself (or, on a batch endpoint, a record or rows); problem+json errors. */
function jsonEnvelope(
  batch: boolean,
  input: Record<string, unknown>,
  output: Record<string, unknown>,
): Envelope {
  return {
    request: batch ? { oneOf: [input, rows(input)] } : input,
    response: batch ? { oneOf: [output, rows(output)] } : output,
    error: {
      type: 'application/problem+json',
      schema: {
        type: 'object',
        description: 'RFC 9457 problem details.',
        required: ['type', 'title', 'status', 'detail', 'errors'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          errors: errorsList,
        },
      },
    },
    invalidStatus: 422,
  }
}

/** v1 (TensorFlow Serving / KServe v1): `instances` in, `predictions` out. */
function v1Envelope(input: Record<string, unknown>, output: Record<string, unknown>): Envelope {
  return {
    request: {
      type: 'object',
      required: ['instances'],
      properties: { instances: rows(input) },
    },
    response: {
      type: 'object',
      required: ['predictions'],
      properties: { predictions: rows(output) },
    },
    error: { type: 'application/json', schema: errorField },
    invalidStatus: 400,
  }
}

/** mlflow: one of its four input shapes in, `predictions` out, `error_code` errors. */
function mlflowEnvelope(input: Record<string, unknown>, output: Record<string, unknown>): Envelope {
  return {
    request: {
      type: 'object',
      description:
        'Exactly one of dataframe_split, dataframe_records, instances, inputs; params optional.',
      properties: {
        dataframe_split: {
          type: 'object',
          required: ['columns', 'data'],
          properties: {
            columns: { type: 'array', items: { type: 'string' } },
            data: { type: 'array', items: { type: 'array' } },
          },
        },
        dataframe_records: rows(input),
        instances: rows(input),
        inputs: {},
        params: { type: 'object' },
      },
      oneOf: ['dataframe_split', 'dataframe_records', 'instances', 'inputs'].map((key) => ({
        required: [key],
      })),
    },
    response: {
      type: 'object',
      required: ['predictions'],
      properties: { predictions: rows(output) },
    },
    error: {
      type: 'application/json',
      schema: {
        type: 'object',
        required: ['error_code', 'message'],
        properties: {
          error_code: { type: 'string' },
          message: { type: 'string' },
          errors: errorsList,
        },
      },
    },
    invalidStatus: 400,
  }
}

/** kserve-v2: the records as named tensors, one per field (the record kept as `x-standin-record`). */
function kserveV2Envelope(
  contract: Contract,
  input: Record<string, unknown>,
  output: Record<string, unknown>,
): Envelope {
  const inputs = tensorSpecs(contract.input, 'input')
  const outputs = tensorSpecs(contract.output, 'output')
  return {
    request: {
      type: 'object',
      required: ['inputs'],
      'x-standin-record': input,
      properties: {
        id: { type: 'string' },
        parameters: { type: 'object' },
        inputs: { type: 'array', items: { oneOf: inputs.map(tensor) } },
        outputs: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name'],
            properties: { name: { enum: outputs.map((s) => s.name) } },
          },
        },
      },
    },
    response: {
      type: 'object',
      required: ['model_name', 'outputs'],
      'x-standin-record': output,
      properties: {
        model_name: { const: contract.name },
        model_version: { type: 'string' },
        id: { type: 'string' },
        outputs: { type: 'array', items: { oneOf: outputs.map(tensor) } },
      },
    },
    error: { type: 'application/json', schema: errorField },
    invalidStatus: 400,
  }
}

/**
 * openai-chat: the request is the contract's input record plus the keys that shape the answer
 * (`stream`, `response_format`, `tools`, ...); the answer is a chat completion whose message
 * content, or the contract's tool call's arguments, is the output as JSON text
 * (`contentMediaType` and `contentSchema`, as JSON Schema 2020-12 describes encoded JSON).
 */
function chatEnvelope(
  contract: Contract,
  input: Record<string, unknown>,
  output: Record<string, unknown>,
): Envelope {
  return {
    request: {
      allOf: [
        input,
        {
          type: 'object',
          required: ['messages'],
          properties: {
            stream: { type: 'boolean' },
            stream_options: { type: 'object' },
            response_format: { type: 'object' },
            tools: { type: 'array', items: { type: 'object' } },
            tool_choice: {},
            parallel_tool_calls: { type: 'boolean' },
          },
        },
      ],
    },
    response: chatCompletion(output, contract.chat?.tool),
    error: { type: 'application/json', schema: chatError() },
    invalidStatus: 400,
  }
}

/**
 * A chat completion whose message content, or the tool call's arguments (named `tool` when the
 * contract names one), is `output` as JSON text.
 */
function chatCompletion(
  output: Record<string, unknown>,
  tool: string | undefined,
): Record<string, unknown> {
  const encoded = { type: 'string', contentMediaType: 'application/json', contentSchema: output }
  return {
    type: 'object',
    required: ['id', 'object', 'created', 'model', 'choices'],
    properties: {
      id: { type: 'string' },
      object: { const: 'chat.completion' },
      created: { type: 'integer' },
      model: { type: 'string' },
      choices: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['index', 'message', 'finish_reason'],
          properties: {
            index: { type: 'integer' },
            finish_reason: { type: 'string' },
            message: {
              type: 'object',
              required: ['role'],
              properties: {
                role: { const: 'assistant' },
                content: { oneOf: [encoded, { type: 'null' }] },
                tool_calls: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      id: { type: 'string' },
                      type: { const: 'function' },
                      function: {
                        type: 'object',
                        properties: {
                          name: tool === undefined ? { type: 'string' } : { const: tool },
                          arguments: encoded,
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
      usage: { type: 'object' },
    },
  }
}

/** The OpenAI error body: `{ error: { message, type, param, code } }`. */
function chatError(): Record<string, unknown> {
  return {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['message', 'type'],
        properties: {
          message: { type: 'string' },
          type: { type: 'string' },
          param: { type: ['string', 'null'] },
          code: { type: ['string', 'null'] },
        },
      },
    },
  }
}
