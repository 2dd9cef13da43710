/**
 * The budgeting service's client for the transaction classifier (contract
 * `transaction-classifier`, json protocol: `POST /predict`). It knows nothing about the stand-in:
 * point `baseUrl` at the stand-in in tests and at the real model in production.
 */

/** The categories of `contracts/transaction-classifier.contract.yaml` (`#/$defs/Category`). */
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

/** One input record of the contract. */
export interface Transaction {
  request_id: string
  narration: string
  amount: number
  currency: 'GBP' | 'EUR' | 'USD' | 'CHF' | 'PLN' | 'SEK'
  direction: 'debit' | 'credit'
  mcc?: string
  booked_on?: string
}

/** One output record of the contract. */
export interface TransactionCategory {
  request_id: string
  category: Category
  confidence: number
  scores: Record<Category, number>
  model_version?: string
}

/** The model said no, or could not be reached in time. */
export class ClassifierError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message)
    this.name = 'ClassifierError'
  }
}

export interface ClassifierClient {
  categorize(transaction: Transaction): Promise<TransactionCategory>
}

export interface ClassifierClientOptions {
  readonly baseUrl: string
  /** Per-request timeout (default 2 s): a budget page must not hang on the model. */
  readonly timeoutMs?: number
  readonly fetch?: typeof fetch
}

export function createClassifierClient(options: ClassifierClientOptions): ClassifierClient {
  const doFetch = options.fetch ?? fetch
  const url = new URL('/predict', options.baseUrl).toString()
  return {
    async categorize(transaction) {
      let response: Response
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(transaction),
          signal: AbortSignal.timeout(options.timeoutMs ?? 2000),
        })
      } catch (error) {
        throw new ClassifierError(
          `classifier unreachable: ${error instanceof Error ? error.message : String(error)}`,
        )
      }
      if (!response.ok) {
        throw new ClassifierError(`classifier answered ${response.status}`, response.status)
      }
      const body = (await response.json()) as TransactionCategory
      if (body.request_id !== transaction.request_id) {
        throw new ClassifierError(
          `classifier answered for ${body.request_id}, asked for ${transaction.request_id}`,
        )
      }
      return body
    },
  }
}
