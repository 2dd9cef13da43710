/**
 * The "models" behind the test servers: small rule-based predictors for the four bundled
 * contracts, written to keep every promise their contracts make (examples within tolerance,
 * invariances, directions, distributions), plus the defects that break exactly one promise.
 */
import { distance } from 'fastest-levenshtein'
import type { Defect } from './defects.js'
import { categories, currencies } from '../helpers/transaction-vocabulary.js'

type Obj = Record<string, unknown>

/** One model: a prediction per input record. */
export interface Brain {
  /** The bundled contract it serves. */
  readonly contract: string
  /** The output for one valid input; `defect` bends it where the defect is about behaviour. */
  readonly predict: (input: Obj, defect: Defect) => Obj
  /** Output fields the generic output defects corrupt. */
  readonly wrongType: { readonly field: string; readonly value: unknown }
  readonly outOfRange: { readonly field: string; readonly value: unknown }
}

/** A small string hash (FNV-1a), stable across processes. */
export function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

/** True when a word of `text` is `keyword` up to one edit or one swap of neighbours (typo-tolerant). */
function mentions(text: string, keywords: readonly string[]): boolean {
  const sorted = (w: string): string => [...w].sort().join('')
  return text
    .split(/[^A-Z0-9]+/)
    .some((word) =>
      keywords.some(
        (k) =>
          word === k ||
          (k.length >= 3 &&
            word.length >= 3 &&
            (distance(word, k) <= 1 || sorted(word) === sorted(k))),
      ),
    )
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '')
const num = (v: unknown): number => (typeof v === 'number' ? v : 0)
const round = (x: number, d = 4): number => Number(x.toFixed(d))

const transactionExamples = new Set([
  'POS TESCO STORES 3345 LONDON|23.1',
  'SALARY ACME LTD NOV|3250',
  'TFL TRAVEL CH|2.8',
])

/** json: transaction-classifier. */
export const transactionBrain: Brain = {
  contract: 'transaction-classifier',
  wrongType: { field: 'category', value: 7 },
  outOfRange: { field: 'confidence', value: 1.5 },
  predict(input, defect) {
    const raw = str(input.narration)
    const text = raw.toUpperCase().replace(/\s+/g, ' ').trim()
    const amount = num(input.amount)
    const key = `${raw}|${amount}`
    let category: string | undefined
    if (mentions(text, ['TESCO', 'SAINSBURY', 'ALDI', 'LIDL'])) category = 'groceries'
    else if (mentions(text, ['SALARY', 'PAYROLL'])) category = 'income'
    else if (mentions(text, ['TFL', 'UBER', 'TRAINLINE'])) category = 'transport'
    if (defect === 'invariance-broken' && !transactionExamples.has(key))
      category = categories[hash(raw) % categories.length]
    if (defect === 'one-class' && !transactionExamples.has(`${text}|${amount}`)) category = 'other'
    category ??=
      categories[
        (Math.floor(amount) +
          currencies.indexOf(str(input.currency)) * 3 +
          (input.direction === 'credit' ? 5 : 0)) %
          categories.length
      ] ?? 'other'
    const top = category === 'income' ? 0.97 : 0.8
    const scores = Object.fromEntries(
      categories.map((c) => [
        c,
        c === category
          ? top
          : category === 'income'
            ? c === 'transfers'
              ? 0.03
              : 0
            : round((1 - top) / 8),
      ]),
    )
    return {
      request_id: input.request_id,
      category,
      confidence: top,
      scores,
      model_version: 'rules-1',
    }
  },
}

const queues = ['orders', 'returns', 'payments', 'delivery', 'product', 'account']

/** kserve-v2: ticket-router. */
export const ticketBrain: Brain = {
  contract: 'ticket-router',
  wrongType: { field: 'priority', value: 'high' },
  outOfRange: { field: 'priority', value: 9 },
  predict(input, defect) {
    const text = `${str(input.subject)} ${str(input.body)}`.toLowerCase().replace(/\s+/g, ' ')
    const isExample =
      str(input.ticket_id) === 'TCK-0048213' || str(input.ticket_id) === 'TCK-0048377'
    let queue: string | undefined
    if (/tracking|parcel|deliver/.test(text)) queue = 'delivery'
    else if (/charged|refund|payment/.test(text)) queue = 'payments'
    if (defect === 'invariance-broken' && !isExample) queue = queues[str(input.body).length % 6]
    if (defect === 'one-class' && !isExample) queue = 'orders'
    const channels = ['email', 'chat', 'web_form', 'phone_transcript']
    const tiers = ['standard', 'plus', 'premium']
    queue ??=
      queues[
        (channels.indexOf(str(input.channel)) * 2 +
          tiers.indexOf(str(input.customer_tier)) +
          Math.floor(num(input.order_value) / 500)) %
          6
      ] ?? 'orders'
    const queue_scores = queues.map((q) => (q === queue ? 0.85 : 0.03))
    const priority = input.customer_tier === 'premium' ? 1 : input.customer_tier === 'plus' ? 2 : 3
    return { queue, queue_scores, priority, language: 'en' }
  },
}

/** mlflow: fuel-consumption. A piecewise-constant speed effect, as a tree model has. */
export const fuelBrain: Brain = {
  contract: 'fuel-consumption',
  wrongType: { field: 'fuel_t', value: 'a lot' },
  outOfRange: { field: 'fuel_t', value: 25000 },
  predict(input, defect) {
    const speed = Math.round(num(input.avg_speed_kn) * 2) / 2
    let fuel =
      7.953e-6 *
      num(input.distance_nm) *
      num(input.deadweight_t) ** 0.3812 *
      speed ** 2 *
      (1 + 0.05 * num(input.wave_height_m))
    if (defect === 'invariance-broken')
      fuel += 50 * Math.abs(Math.sin(num(input.avg_speed_kn) * 1000 * Math.PI))
    fuel = Math.min(17000, fuel)
    return {
      fuel_t: round(fuel, 3),
      lower_t: round(fuel * 0.883, 3),
      upper_t: round(fuel * 1.125, 3),
    }
  },
}

const events = ['earnings', 'guidance', 'm_and_a', 'rating_change', 'regulatory', 'macro', 'other']

/** v1: news-signals. */
export const newsBrain: Brain = {
  contract: 'news-signals',
  wrongType: { field: 'sentiment', value: 'positive' },
  outOfRange: { field: 'sentiment', value: 3 },
  predict(input, defect) {
    const raw = str(input.headline)
    const text = raw
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s]/gu, '')
      .replace(/\s+/g, ' ')
      .trim()
    const isExample =
      str(input.article_id) === 'rtr-20241031-acme-q3' ||
      str(input.article_id) === 'bbg-20241107-fomc'
    let sentiment: number
    let event_type: string
    if (/\bfed\b|\brates\b/.test(text)) {
      sentiment = 0
      event_type = 'macro'
    } else if (/\bbeats\b|\braises\b/.test(text)) {
      sentiment = 0.75
      event_type = 'earnings'
    } else {
      const h = hash(defect === 'invariance-broken' && !isExample ? raw : text)
      sentiment = round(((h % 1000) / 999) * 1.8 - 0.9)
      event_type = events[(h >>> 10) % events.length] ?? 'other'
    }
    let label = sentiment > 0.3 ? 'positive' : sentiment < -0.3 ? 'negative' : 'neutral'
    if (defect === 'one-class' && !isExample) label = 'neutral'
    const entities = /\bacme\b/.test(text)
      ? [{ text: 'Acme Corp', type: 'company', ticker: 'ACME', relevance: 0.95, sentiment: 0.8 }]
      : []
    return { article_id: input.article_id, entities, sentiment, sentiment_label: label, event_type }
  },
}
