/**
 * The help desk's client for the ticket-router model on the Open Inference Protocol (KServe v2):
 * one ticket in as named input tensors, the routing out of the named output tensors.
 */

export const queues = ['orders', 'returns', 'payments', 'delivery', 'product', 'account'] as const
export type Queue = (typeof queues)[number]

/** One input record of `contracts/ticket-router.contract.yaml`. */
export interface Ticket {
  ticket_id: string
  subject: string
  body: string
  channel: 'email' | 'chat' | 'web_form' | 'phone_transcript'
  customer_tier: 'standard' | 'plus' | 'premium'
  order_value?: number
  previous_tickets?: number
}

/** One output record of the contract. */
export interface Routing {
  queue: Queue
  queue_scores: number[]
  priority: number
  language?: string
}

/** Why a call failed: `retryable` for timeouts, dropped connections and 5xx; not for a 4xx. */
export class ModelCallError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message)
    this.name = 'ModelCallError'
  }
}

interface OutputTensor {
  name: string
  shape: number[]
  datatype: string
  data: unknown[]
}

export interface RouterClientOptions {
  readonly baseUrl: string
  /** Per-attempt timeout in milliseconds. */
  readonly timeoutMs: number
  readonly fetch?: typeof fetch
}

/** Calls the model once. Throws ModelCallError. */
export async function inferRouting(ticket: Ticket, options: RouterClientOptions): Promise<Routing> {
  const tensor = (name: keyof Ticket, datatype: string) =>
    ticket[name] === undefined ? [] : [{ name, shape: [1], datatype, data: [ticket[name]] }]
  const body = {
    id: ticket.ticket_id,
    inputs: [
      ...tensor('ticket_id', 'BYTES'),
      ...tensor('subject', 'BYTES'),
      ...tensor('body', 'BYTES'),
      ...tensor('channel', 'BYTES'),
      ...tensor('customer_tier', 'BYTES'),
      ...tensor('order_value', 'FP64'),
      ...tensor('previous_tickets', 'INT64'),
    ],
  }
  let response: Response
  try {
    response = await (options.fetch ?? fetch)(
      new URL('/v2/models/ticket-router/infer', options.baseUrl),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
      },
    )
  } catch (error) {
    const timeout = error instanceof Error && error.name === 'TimeoutError'
    throw new ModelCallError(
      timeout ? `no answer within ${options.timeoutMs} ms` : `model unreachable (${String(error)})`,
      true,
    )
  }
  if (!response.ok) {
    const text = await response.text()
    throw new ModelCallError(
      `model answered ${response.status}: ${text.slice(0, 200)}`,
      response.status >= 500 || response.status === 429,
    )
  }
  const answer = (await response.json()) as { outputs?: OutputTensor[] }
  const output = (name: string): OutputTensor | undefined =>
    answer.outputs?.find((o) => o.name === name)
  const queue = output('queue')?.data[0]
  const scores = output('queue_scores')
  const priority = output('priority')?.data[0]
  if (
    typeof queue !== 'string' ||
    !(queues as readonly string[]).includes(queue) ||
    typeof priority !== 'number' ||
    !scores
  ) {
    throw new ModelCallError(
      'model answered without a usable queue, queue_scores and priority',
      false,
    )
  }
  const language = output('language')?.data[0]
  return {
    queue: queue as Queue,
    queue_scores: scores.data as number[],
    priority,
    ...(typeof language === 'string' ? { language } : {}),
  }
}
