/**
 * The support desk's extractor: sends an inbound email to an OpenAI-compatible chat-completions
 * endpoint with the fields' JSON Schema as `response_format` (structured output), and returns
 * the fields, typed by the contract (`standin types`). The endpoint's address is the only thing
 * that changes between the stand-in and the real model. Streaming shows the answer as it comes.
 */
import OpenAI from 'openai'
import type {
  SupportEmailExtractorInput,
  SupportEmailExtractorOutput,
} from './generated/contracts.js'

/** The fields of one email (the contract's output record). */
export type EmailFields = SupportEmailExtractorOutput

/** Why an extraction gave no fields. */
export type ExtractionFailure = 'unavailable' | 'truncated' | 'refused' | 'invalid'

export class ExtractionError extends Error {
  constructor(
    readonly failure: ExtractionFailure,
    message: string,
  ) {
    super(message)
    this.name = 'ExtractionError'
  }
}

export interface ExtractorOptions {
  /** The endpoint's base URL without /v1, e.g. http://llm.internal:8000 (stand-in or real). */
  readonly baseUrl: string
  /** The API key (the stand-in and the local model take any). */
  readonly apiKey?: string
  /** Per-request timeout in ms (default 10 s, above the contract's p95 of 4 s). */
  readonly timeoutMs?: number
  /** Retries of 429s, 5xx and dropped connections (default 2). */
  readonly maxRetries?: number
  /** Extra headers (`x-standin-scenario` in tests). */
  readonly headers?: Record<string, string>
}

const MODEL = 'support-extractor'
const SYSTEM = 'Extract the fields of the support email as JSON.'

/** The fields' JSON Schema, sent as response_format (the contract's output schema). */
const fieldsSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'category',
    'urgency',
    'order_id',
    'customer_name',
    'summary',
    'sentiment',
    'refund_requested',
  ],
  properties: {
    category: {
      type: 'string',
      enum: ['billing', 'delivery', 'returns', 'technical', 'account', 'other'],
    },
    urgency: { type: 'string', enum: ['low', 'normal', 'high'] },
    order_id: { type: ['string', 'null'] },
    customer_name: { type: ['string', 'null'] },
    summary: { type: 'string' },
    sentiment: { type: 'string', enum: ['negative', 'neutral', 'positive'] },
    refund_requested: { type: 'boolean' },
  },
}

/** The chat request for one email (the contract's input record, plus response_format). */
function chatRequest(email: string): SupportEmailExtractorInput {
  return {
    model: MODEL,
    temperature: 0,
    max_tokens: 400,
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: email },
    ],
  }
}

const responseFormat = {
  type: 'json_schema' as const,
  json_schema: { name: 'email_fields', schema: fieldsSchema, strict: true },
}

/** The fields in the model's JSON text, or why there are none. */
function parse(text: string | null | undefined, finish: string | null | undefined): EmailFields {
  if (finish === 'length')
    throw new ExtractionError(
      'truncated',
      'the answer was cut at the token limit; raise max_tokens or shorten the email',
    )
  if (typeof text !== 'string') throw new ExtractionError('invalid', 'the answer has no content')
  try {
    return JSON.parse(text) as EmailFields
  } catch {
    throw new ExtractionError('invalid', `the answer is not JSON: ${text.slice(0, 80)}`)
  }
}

function unavailable(error: unknown): never {
  if (error instanceof ExtractionError) throw error
  const status = error instanceof OpenAI.APIError ? ` (HTTP ${String(error.status)})` : ''
  const message = error instanceof Error ? error.message : String(error)
  throw new ExtractionError('unavailable', `the model did not answer${status}: ${message}`)
}

/** An extractor talking to the model at `options.baseUrl`. */
export function createExtractor(options: ExtractorOptions): {
  extract(email: string): Promise<EmailFields>
  extractStreaming(email: string, onText: (soFar: string) => void): Promise<EmailFields>
} {
  const client = new OpenAI({
    baseURL: `${options.baseUrl.replace(/\/+$/, '')}/v1`,
    apiKey: options.apiKey ?? 'sk-no-key-needed',
    timeout: options.timeoutMs ?? 10_000,
    maxRetries: options.maxRetries ?? 2,
    ...(options.headers ? { defaultHeaders: options.headers } : {}),
  })
  return {
    async extract(email) {
      try {
        const answer = await client.chat.completions.create({
          ...chatRequest(email),
          response_format: responseFormat,
        })
        const choice = answer.choices[0]
        if (choice?.message.refusal)
          throw new ExtractionError('refused', `the model refused: ${choice.message.refusal}`)
        return parse(choice?.message.content, choice?.finish_reason)
      } catch (error) {
        return unavailable(error)
      }
    },
    async extractStreaming(email, onText) {
      let text = ''
      let refusal = ''
      let finish: string | null | undefined
      try {
        const stream = await client.chat.completions.create({
          ...chatRequest(email),
          response_format: responseFormat,
          stream: true,
        })
        for await (const chunk of stream) {
          const choice = chunk.choices[0]
          if (choice?.delta.content) {
            text += choice.delta.content
            onText(text)
          }
          if (choice?.delta.refusal) refusal += choice.delta.refusal
          if (choice?.finish_reason) finish = choice.finish_reason
        }
      } catch (error) {
        return unavailable(error)
      }
      if (refusal) throw new ExtractionError('refused', `the model refused: ${refusal}`)
      if (finish === undefined)
        throw new ExtractionError('unavailable', 'the stream ended without a finish reason')
      return parse(text, finish)
    },
  }
}
