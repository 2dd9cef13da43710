/**
 * The signals service: reads the news feed in batches, asks the model for entities and sentiment,
 * and turns strong, central company mentions into trading signals for the desk. A batch the model
 * cannot score is set aside (dead-lettered) for a later retry; the feed keeps moving.
 */
import {
  createNewsModelClient,
  NewsModelError,
  type NewsArticle,
  type NewsModelClientOptions,
  type NewsSignal,
} from './news-model-client.js'

export interface TradingSignal {
  readonly ticker: string
  readonly side: 'long' | 'short'
  /** |sentiment| × relevance, 0..1. */
  readonly strength: number
  readonly articleId: string
  readonly event: NewsSignal['event_type']
}

export interface FeedResult {
  readonly signals: readonly TradingSignal[]
  /** Articles scored. */
  readonly scored: number
  /** Article ids the model could not score, for a later retry. */
  readonly deadLetter: readonly string[]
}

export interface FeedOptions extends NewsModelClientOptions {
  /** Articles per model call (default 16). */
  readonly batchSize?: number
  /** Minimum entity relevance to trade on (default 0.6). */
  readonly minRelevance?: number
  /** Minimum |sentiment| × relevance (default 0.35). */
  readonly minStrength?: number
}

/** The tradable signals in one model answer. */
export function toTradingSignals(
  signal: NewsSignal,
  options: Pick<FeedOptions, 'minRelevance' | 'minStrength'> = {},
): TradingSignal[] {
  const minRelevance = options.minRelevance ?? 0.6
  const minStrength = options.minStrength ?? 0.35
  return signal.entities
    .filter((e) => e.type === 'company' && e.ticker !== undefined && e.relevance >= minRelevance)
    .map((e) => ({
      ticker: e.ticker!,
      side: e.sentiment >= 0 ? ('long' as const) : ('short' as const),
      strength: Math.round(Math.abs(e.sentiment) * e.relevance * 1000) / 1000,
      articleId: signal.article_id,
      event: signal.event_type,
    }))
    .filter((s) => s.strength >= minStrength)
}

export async function processFeed(
  articles: readonly NewsArticle[],
  options: FeedOptions,
): Promise<FeedResult> {
  const client = createNewsModelClient(options)
  const size = options.batchSize ?? 16
  const signals: TradingSignal[] = []
  const deadLetter: string[] = []
  let scored = 0
  for (let start = 0; start < articles.length; start += size) {
    const batch = articles.slice(start, start + size)
    try {
      const answers = await client.analyse(batch)
      answers.forEach((answer, i) => {
        if (answer.article_id !== batch[i]!.article_id)
          throw new NewsModelError(
            `answer ${i} is for ${answer.article_id}, not ${batch[i]!.article_id}`,
          )
        signals.push(...toTradingSignals(answer, options))
      })
      scored += batch.length
    } catch (error) {
      if (!(error instanceof NewsModelError)) throw error
      deadLetter.push(...batch.map((a) => a.article_id))
    }
  }
  return { signals, scored, deadLetter }
}
