/**
 * The news-signals model, trained at start-up from `../data/articles.jsonl` in under a second:
 * - entities: a gazetteer learned from the desk's labelled mentions (surface forms and tickers),
 *   matched case-insensitively on word boundaries; relevance by where and how early they appear;
 * - sentiment: least squares (ml-regression-multivariate-linear) on hashed words and word pairs of
 *   the headline, fitted in atanh space and squashed back with tanh so it stays in -1..1;
 * - event type: one-vs-rest logistic regression (ml-logistic-regression) on the same words.
 *
 * The broken variant forgets the final tanh: strong headlines score beyond ±1.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import MultivariateLinearRegression from 'ml-regression-multivariate-linear'
import { trainOvrClassifier } from '../../shared/ovr-classifier.js'
import { hashString, tokenize } from '../../shared/text-features.js'

export const eventTypes = [
  'earnings',
  'guidance',
  'm_and_a',
  'rating_change',
  'regulatory',
  'macro',
  'other',
] as const
type EventType = (typeof eventTypes)[number]

export interface Entity {
  readonly text: string
  readonly type: string
  readonly ticker?: string
}

export interface Article {
  readonly article_id: string
  readonly headline: string
  readonly body?: string
}

export interface Signal {
  readonly article_id: string
  readonly entities: (Entity & { relevance: number; sentiment: number })[]
  readonly sentiment: number
  readonly sentiment_label: 'negative' | 'neutral' | 'positive'
  readonly event_type: EventType
}

export interface NewsModel {
  readonly trainingRows: number
  readonly gazetteerSize: number
  readonly eventAccuracy: number
  analyse(articles: readonly Article[]): Signal[]
}

interface Labelled extends Article {
  readonly label: { entities: Entity[]; sentiment: number; event_type: EventType }
}

const BUCKETS = 256
const RIDGE_LAMBDA = 0.3

/** Hashed words and adjacent word pairs of a headline, L2-normalised. */
function headlineFeatures(headline: string): Float64Array {
  const row = new Float64Array(BUCKETS)
  const words = tokenize(headline)
  const grams = [...words, ...words.slice(1).map((w, i) => `${words[i]!}_${w}`)]
  for (const gram of grams) row[hashString(gram) % BUCKETS]! += 1
  const norm = Math.sqrt(row.reduce((a, v) => a + v * v, 0)) || 1
  return row.map((v) => v / norm)
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export function loadArticles(): Labelled[] {
  const text = readFileSync(
    fileURLToPath(new URL('../data/articles.jsonl', import.meta.url)),
    'utf8',
  )
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Labelled)
}

const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits

export function trainNewsModel(options: { broken?: boolean } = {}): NewsModel {
  const data = loadArticles()
  // The gazetteer: every labelled surface form, and every ticker as "(TICKER)".
  const gazetteer = new Map<string, Entity>()
  for (const article of data)
    for (const entity of article.label.entities) gazetteer.set(entity.text.toLowerCase(), entity)
  const patterns = [...gazetteer.entries()].map(([surface, entity]) => ({
    entity,
    pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escape(surface)}(?![\\p{L}\\p{N}])`, 'iu'),
    ticker: entity.ticker ? new RegExp(`\\(${escape(entity.ticker)}\\)`) : undefined,
  }))

  // Ridge regression by data augmentation: one extra row sqrt(lambda)·e_j with target 0 per
  // feature shrinks the weights of words seen only a few times (Hastie et al., ESL 3.4.1).
  const ridge = Math.sqrt(RIDGE_LAMBDA)
  const X = [
    ...data.map((a) => [...headlineFeatures(a.headline)]),
    ...Array.from({ length: BUCKETS }, (_, j) =>
      Array.from({ length: BUCKETS }, (_, k) => (k === j ? ridge : 0)),
    ),
  ]
  // Fit in atanh space so the squashed prediction can approach ±1 without crossing it.
  const y = [
    ...data.map((a) => [Math.atanh(0.95 * a.label.sentiment)]),
    ...Array.from({ length: BUCKETS }, () => [0]),
  ]
  const sentiment = new MultivariateLinearRegression(X, y, { statistics: false })
  const events = trainOvrClassifier(
    data.map((a) => headlineFeatures(a.headline)),
    data.map((a) => a.label.event_type),
    eventTypes,
    {
      steps: 80,
      learningRate: 0.05,
    },
  )

  const find = (text: string | undefined): { entity: Entity; at: number }[] =>
    text === undefined
      ? []
      : patterns
          .map(({ entity, pattern, ticker }) => {
            const at = Math.min(
              pattern.exec(text)?.index ?? Infinity,
              ticker?.exec(text)?.index ?? Infinity,
            )
            return { entity, at }
          })
          .filter((m) => m.at !== Infinity)
          .sort((a, b) => a.at - b.at)

  return {
    trainingRows: data.length,
    gazetteerSize: gazetteer.size,
    eventAccuracy: events.trainingAccuracy,
    analyse(articles) {
      const eventProba = events.proba(articles.map((a) => headlineFeatures(a.headline)))
      return articles.map((article, i) => {
        const raw = sentiment.predict([...headlineFeatures(article.headline)])[0]!
        const overall = round(
          options.broken ? raw : Math.max(-1, Math.min(1, Math.tanh(raw) / 0.95)),
        )
        const inHeadline = find(article.headline)
        const inBody = find(article.body).filter(
          (m) => !inHeadline.some((h) => h.entity === m.entity),
        )
        const entities = [
          ...inHeadline.map((m, rank) => ({
            ...m.entity,
            relevance: round(Math.max(0.55, 0.95 - 0.15 * rank)),
            sentiment: round(overall * (rank === 0 ? 1 : 0.8)),
          })),
          ...inBody.map((m, rank) => ({
            ...m.entity,
            relevance: round(Math.max(0.1, 0.5 - 0.1 * rank)),
            sentiment: round(overall * 0.5),
          })),
        ].slice(0, 20)
        const p = eventProba[i]!
        return {
          article_id: article.article_id,
          entities,
          sentiment: overall,
          sentiment_label: overall >= 0.15 ? 'positive' : overall <= -0.15 ? 'negative' : 'neutral',
          event_type: eventTypes[p.indexOf(Math.max(...p))]!,
        }
      })
    },
  }
}
