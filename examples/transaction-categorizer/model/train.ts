/**
 * The transaction classifier: one-vs-rest logistic regression (ml-logistic-regression) over the
 * hashed words of the narration (those of a vocabulary fitted on the training narrations), plus
 * the direction, the merchant category code, the currency and the order of magnitude of the
 * amount. Trained at start-up from `../data/narrations.csv` in about two seconds; deterministic.
 */
import { readFileSync } from 'node:fs'
import { seededRandom } from '../../shared/rng.js'
import { fileURLToPath } from 'node:url'
import { trainOvrClassifier } from '../../shared/ovr-classifier.js'
import {
  addCategory,
  addTextFeatures,
  fitVocabulary,
  textFeatureNames,
  type TextFeatureOptions,
} from '../../shared/text-features.js'

export const categories = [
  'groceries',
  'dining',
  'transport',
  'utilities',
  'rent',
  'income',
  'transfers',
  'shopping',
  'other',
] as const
export type Category = (typeof categories)[number]

export interface Transaction {
  readonly request_id?: string
  readonly narration: string
  readonly amount: number
  readonly currency: string
  readonly direction: 'debit' | 'credit'
  readonly mcc?: string
}

export interface Prediction {
  readonly category: Category
  readonly confidence: number
  readonly scores: Record<Category, number>
}

export interface TransactionModel {
  readonly trainingAccuracy: number
  readonly trainingRows: number
  predict(transactions: readonly Transaction[]): Prediction[]
}

const BUCKETS = 256

/** Features of one transaction. `caseSensitive` is the broken variant's bug. */
function features(t: Transaction, text: TextFeatureOptions): Float64Array {
  const row = new Float64Array(BUCKETS)
  addTextFeatures(row, t.narration, 'n:', text)
  addCategory(row, 'direction', t.direction)
  addCategory(row, 'currency', t.currency)
  if (t.mcc) addCategory(row, 'mcc', t.mcc)
  addCategory(row, 'magnitude', String(Math.floor(Math.log10(Math.max(t.amount, 1)))))
  return row
}

/** Reads the shipped CSV. */
export function loadNarrations(): { transaction: Transaction; category: Category }[] {
  const text = readFileSync(
    fileURLToPath(new URL('../data/narrations.csv', import.meta.url)),
    'utf8',
  )
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [
        narration = '',
        amount = '0',
        currency = 'GBP',
        direction = 'debit',
        mcc = '',
        category = 'other',
      ] = line.split(',')
      return {
        transaction: {
          narration,
          amount: Number(amount),
          currency,
          direction: direction === 'credit' ? 'credit' : 'debit',
          ...(mcc ? { mcc } : {}),
        },
        category: category as Category,
      }
    })
}

/**
 * Trains the classifier. The broken variant keeps the narration's casing (bank narrations are
 * upper case). With a `seed`, it trains on a seeded 85% of the rows: another good model of the
 * same recipe, as a retraining on fresh data would give (the champion and challenger of
 * `standin compare`).
 */
export function trainTransactionModel(
  options: { broken?: boolean; seed?: number } = {},
): TransactionModel {
  const caseSensitive = options.broken ?? false
  const all = loadNarrations()
  const random = options.seed === undefined ? undefined : seededRandom(options.seed)
  const data = random ? all.filter(() => random.next() < 0.85) : all
  // Words seen in at least two training narrations; an unknown word (or a typo of one) adds nothing.
  const vocabulary = fitVocabulary(
    data.map((d) =>
      textFeatureNames(d.transaction.narration, 'n:', { caseSensitive, trigrams: false }),
    ),
  )
  const text = { caseSensitive, vocabulary, trigrams: false }
  const classifier = trainOvrClassifier(
    data.map((d) => features(d.transaction, text)),
    data.map((d) => d.category),
    categories,
    { steps: 80, learningRate: 0.05 },
  )
  return {
    trainingAccuracy: classifier.trainingAccuracy,
    trainingRows: data.length,
    predict: (transactions) =>
      classifier.proba(transactions.map((t) => features(t, text))).map((p) => {
        const scores = Object.fromEntries(categories.map((c, i) => [c, round(p[i]!)])) as Record<
          Category,
          number
        >
        const best = p.indexOf(Math.max(...p))
        return { category: categories[best]!, confidence: round(p[best]!), scores }
      }),
  }
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6
}
