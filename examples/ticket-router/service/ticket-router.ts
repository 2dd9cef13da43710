/**
 * The ticket router service: asks the model where a ticket goes, with a timeout per attempt,
 * retries with backoff for what can succeed on a second try (timeouts, dropped connections, 5xx),
 * and a fallback queue so no ticket is ever lost when the model cannot answer.
 */
import { inferRouting, ModelCallError, type Queue, type Ticket } from './router-client.js'

/** Where the service put a ticket. */
export interface Decision {
  readonly ticketId: string
  /** The model's queue, or `triage` (people sort it by hand) when the model could not answer. */
  readonly queue: Queue | 'triage'
  /** 1 most urgent .. 4 least. */
  readonly priority: number
  readonly source: 'model' | 'fallback'
  /** Calls made to the model. */
  readonly attempts: number
  /** Why the fallback was used. */
  readonly reason?: string
}

export interface RouterOptions {
  readonly baseUrl: string
  /** Per-attempt timeout (default 800 ms: above the contract's p99 of 500 ms). */
  readonly timeoutMs?: number
  /** Retries after the first attempt (default 2). */
  readonly retries?: number
  /** First backoff; doubles each retry (default 50 ms). */
  readonly backoffMs?: number
  readonly fetch?: typeof fetch
}

/** Priority without the model: premium customers first. */
function fallbackPriority(ticket: Ticket): number {
  return ticket.customer_tier === 'premium' ? 2 : 3
}

export function createTicketRouter(options: RouterOptions): {
  route(ticket: Ticket): Promise<Decision>
} {
  const retries = options.retries ?? 2
  const backoff = options.backoffMs ?? 50
  const client = {
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs ?? 800,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  }
  return {
    async route(ticket) {
      let attempts = 0
      let reason = ''
      while (attempts <= retries) {
        attempts++
        try {
          const routing = await inferRouting(ticket, client)
          return {
            ticketId: ticket.ticket_id,
            queue: routing.queue,
            priority: routing.priority,
            source: 'model',
            attempts,
          }
        } catch (error) {
          if (!(error instanceof ModelCallError)) throw error
          reason = error.message
          if (!error.retryable) break
          if (attempts <= retries)
            await new Promise((r) => setTimeout(r, backoff * 2 ** (attempts - 1)))
        }
      }
      return {
        ticketId: ticket.ticket_id,
        queue: 'triage',
        priority: fallbackPriority(ticket),
        source: 'fallback',
        attempts,
        reason,
      }
    },
  }
}
