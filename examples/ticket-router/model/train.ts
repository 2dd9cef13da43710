/**
 * The ticket router, trained at start-up from `../data/tickets.jsonl` in about a second:
 * - queue: one-vs-rest logistic regression (ml-logistic-regression) over hashed words and
 *   character trigrams of subject and body, plus the channel;
 * - priority: a least-squares score (ml-regression-multivariate-linear) over the customer tier,
 *   the money at stake, the customer's history and the words of the body, rounded to 1..4;
 * - language: the most stop words.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import MultivariateLinearRegression from 'ml-regression-multivariate-linear'
import { trainOvrClassifier } from '../../shared/ovr-classifier.js'
import {
  addCategory,
  addTextFeatures,
  fitVocabulary,
  textFeatureNames,
  tokenize,
} from '../../shared/text-features.js'

export const queues = ['orders', 'returns', 'payments', 'delivery', 'product', 'account'] as const
export type Queue = (typeof queues)[number]

function clampPriority(score: number): number {
  return Math.min(4, Math.max(1, Math.round(score)))
}

export interface Ticket {
  readonly ticket_id: string
  readonly subject: string
  readonly body: string
  readonly channel: string
  readonly customer_tier: string
  readonly order_value?: number | null
  readonly previous_tickets?: number | null
}

export interface Routing {
  readonly queue: Queue
  readonly queue_scores: number[]
  readonly priority: number
  readonly language: string
}

export interface RouterModel {
  readonly trainingRows: number
  readonly queueAccuracy: number
  readonly priorityAccuracy: number
  route(tickets: readonly Ticket[]): Routing[]
}

const BUCKETS = 256

function queueFeatures(t: Ticket, vocabulary: ReadonlySet<string>): Float64Array {
  const row = new Float64Array(BUCKETS)
  // The body decides: subjects are short and often generic ("Help", "Order"), so they weigh less.
  addTextFeatures(row, t.subject, 's:', { vocabulary, weight: 0.3 })
  addTextFeatures(row, t.body, 'b:', { vocabulary })
  addCategory(row, 'channel', t.channel)
  return row
}

/** Priority features: customer tier, money at stake, history, and the words of the body. */
function priorityFeatures(t: Ticket): number[] {
  const words = new Float64Array(64)
  addTextFeatures(words, t.body, 'b:', { trigrams: false })
  const value = t.order_value ?? 0
  return [
    t.customer_tier === 'premium' ? 1 : 0,
    t.customer_tier === 'plus' ? 1 : 0,
    value === 0 ? 1 : 0,
    value > 500 ? 1 : 0,
    (t.previous_tickets ?? 0) >= 4 ? 1 : 0,
    ...words,
  ]
}

const stopwords: Record<string, readonly string[]> = {
  en: ['the', 'my', 'and', 'is', 'i', 'it', 'for', 'of', 'to', 'not', 'was', 'please'],
  de: ['ich', 'die', 'der', 'und', 'ist', 'nicht', 'mir', 'das', 'bitte', 'meine', 'noch'],
  fr: ['je', 'le', 'la', 'et', 'est', 'pas', 'mon', 'ne', 'de', 'les', 'un'],
  nl: ['ik', 'de', 'het', 'en', 'is', 'niet', 'mijn', 'een', 'van', 'wel', 'nog'],
  es: ['el', 'la', 'y', 'es', 'no', 'mi', 'de', 'hace', 'que', 'llegó', 'todavía'],
  it: ['il', 'la', 'e', 'non', 'ho', 'di', 'mio', 'un', 'ma', 'ancora', 'vorrei'],
}

/** The language with the most stop words in the text; English when nothing matches. */
export function detectLanguage(text: string): string {
  const words = tokenize(text)
  let best = 'en'
  let bestCount = 0
  for (const [language, list] of Object.entries(stopwords)) {
    const count = words.filter((w) => list.includes(w)).length
    if (count > bestCount) [best, bestCount] = [language, count]
  }
  return best
}

export function loadTickets(): (Ticket & { queue: Queue; priority: number })[] {
  const text = readFileSync(
    fileURLToPath(new URL('../data/tickets.jsonl', import.meta.url)),
    'utf8',
  )
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Ticket & { queue: Queue; priority: number })
}

export function trainRouter(): RouterModel {
  const data = loadTickets()
  const vocabulary = fitVocabulary(
    data.map((t) => [...textFeatureNames(t.subject, 's:'), ...textFeatureNames(t.body, 'b:')]),
  )
  const queueFeaturesOf = (t: Ticket): Float64Array => queueFeatures(t, vocabulary)
  const queue = trainOvrClassifier(
    data.map(queueFeaturesOf),
    data.map((t) => t.queue),
    queues,
    { steps: 100, learningRate: 0.01 },
  )
  // Priority is an ordinal score the triage lead builds up additively: least squares, rounded.
  const priority = new MultivariateLinearRegression(
    data.map(priorityFeatures),
    data.map((t) => [t.priority]),
    { statistics: false },
  )
  const fitted = data.map((t) => clampPriority(priority.predict(priorityFeatures(t))[0]!))
  const priorityAccuracy = fitted.filter((p, i) => p === data[i]!.priority).length / data.length
  return {
    trainingRows: data.length,
    queueAccuracy: queue.trainingAccuracy,
    priorityAccuracy,
    route(tickets) {
      const q = queue.proba(tickets.map(queueFeaturesOf))
      return tickets.map((t, i) => {
        const scores = q[i]!.map((s) => Math.round(s * 1e6) / 1e6)
        return {
          queue: queues[scores.indexOf(Math.max(...scores))]!,
          queue_scores: scores,
          priority: clampPriority(priority.predict(priorityFeatures(t))[0]!),
          language: detectLanguage(`${t.subject} ${t.body}`),
        }
      })
    },
  }
}
