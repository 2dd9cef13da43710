/**
 * The budgeting service: turns a month of statement lines into a budget (spending per category,
 * income, what needs a human look). The classifier decides categories; the service decides what
 * to trust: low-confidence answers go to review, and a model outage never loses a transaction.
 */
import {
  categories,
  ClassifierError,
  type Category,
  type ClassifierClient,
  type Transaction,
} from './classifier-client.js'

export interface BudgetLine {
  readonly transaction: Transaction
  /** The category, or `uncategorized` when the model failed. */
  readonly category: Category | 'uncategorized'
  readonly confidence?: number
  /** Why the line needs a human look, if it does. */
  readonly review?: string
}

export interface Budget {
  /** Money out per category (debits), in minor units to avoid float drift. */
  readonly spentPence: Record<Category | 'uncategorized', number>
  /** Money in (credits categorised as income). */
  readonly incomePence: number
  readonly lines: readonly BudgetLine[]
  /** Lines a person should confirm. */
  readonly toReview: readonly BudgetLine[]
}

export interface BudgetOptions {
  /** Answers below this confidence go to review (default 0.6). */
  readonly reviewBelow?: number
  /** Parallel calls to the model (default 4). */
  readonly concurrency?: number
}

export async function buildBudget(
  statement: readonly Transaction[],
  classifier: ClassifierClient,
  options: BudgetOptions = {},
): Promise<Budget> {
  const reviewBelow = options.reviewBelow ?? 0.6
  const lines: BudgetLine[] = new Array<BudgetLine>(statement.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < statement.length) {
      const index = next++
      const transaction = statement[index]!
      try {
        const answer = await classifier.categorize(transaction)
        lines[index] = {
          transaction,
          category: answer.category,
          confidence: answer.confidence,
          ...(answer.confidence < reviewBelow
            ? { review: `low confidence (${answer.confidence.toFixed(2)})` }
            : {}),
        }
      } catch (error) {
        if (!(error instanceof ClassifierError)) throw error
        lines[index] = { transaction, category: 'uncategorized', review: error.message }
      }
    }
  }
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency ?? 4, statement.length) }, worker),
  )

  const spentPence = Object.fromEntries(
    [...categories, 'uncategorized'].map((c) => [c, 0]),
  ) as Budget['spentPence']
  let incomePence = 0
  for (const line of lines) {
    const pence = Math.round(line.transaction.amount * 100)
    if (line.transaction.direction === 'debit') spentPence[line.category] += pence
    else if (line.category === 'income') incomePence += pence
  }
  return { spentPence, incomePence, lines, toReview: lines.filter((l) => l.review !== undefined) }
}
