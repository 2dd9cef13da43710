/**
 * The trading desk's client for the news-signals model on TensorFlow Serving's REST API (v1):
 * a batch of articles in as `instances`, one signal per article out of `predictions`. The model's
 * address is the only thing that changes between the stand-in and the real model.
 */

/** One input record of `contracts/news-signals.contract.yaml`. */
export interface NewsArticle {
  article_id: string
  headline: string
  body?: string
  source: 'reuters' | 'bloomberg' | 'dow_jones' | 'pr_newswire' | 'business_wire' | 'company_filing'
  published_at: string
  language?: 'en'
}

/** One output record of the contract. */
export interface NewsSignal {
  article_id: string
  entities: {
    text: string
    type: 'company' | 'person' | 'index' | 'commodity' | 'currency' | 'country'
    ticker?: string
    relevance: number
    sentiment: number
  }[]
  sentiment: number
  sentiment_label: 'negative' | 'neutral' | 'positive'
  event_type:
    'earnings' | 'guidance' | 'm_and_a' | 'rating_change' | 'regulatory' | 'macro' | 'other'
}

export class NewsModelError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'NewsModelError'
  }
}

export interface NewsModelClientOptions {
  /** The model server, e.g. http://news-signals.models.internal:8501 (stand-in or real). */
  readonly baseUrl: string
  /** Per-request timeout (default 2 s, above the contract's p99 of 800 ms). */
  readonly timeoutMs?: number
  /** Extra headers (auth for the real deployment; `x-standin-scenario` in tests). */
  readonly headers?: Record<string, string>
}

export function createNewsModelClient(options: NewsModelClientOptions): {
  analyse(articles: readonly NewsArticle[]): Promise<NewsSignal[]>
} {
  const url = new URL('/v1/models/news-signals:predict', options.baseUrl)
  return {
    async analyse(articles) {
      let response: Response
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...options.headers },
          body: JSON.stringify({ instances: articles }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 2000),
        })
      } catch (error) {
        throw new NewsModelError(
          `news model unreachable: ${error instanceof Error ? error.message : String(error)}`,
        )
      }
      const body = (await response.json().catch(() => undefined)) as
        { predictions?: NewsSignal[]; error?: string } | undefined
      if (!response.ok)
        throw new NewsModelError(
          `news model answered ${response.status}: ${body?.error ?? 'no error message'}`,
        )
      if (!Array.isArray(body?.predictions) || body.predictions.length !== articles.length) {
        throw new NewsModelError(
          `news model answered ${body?.predictions?.length ?? 'no'} predictions for ${articles.length} articles`,
        )
      }
      return body.predictions
    },
  }
}
