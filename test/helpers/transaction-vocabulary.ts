/**
 * The transaction-classifier contract's enums (contracts/transaction-classifier.contract.yaml):
 * its output categories, in the contract's order, and its input currencies. Shared by the test
 * models that answer it and the synthetic recordings of its traffic.
 */
export const categories: readonly string[] = [
  'groceries',
  'dining',
  'transport',
  'utilities',
  'rent',
  'income',
  'transfers',
  'shopping',
  'other',
]
export const currencies: readonly string[] = ['GBP', 'EUR', 'USD', 'CHF', 'PLN', 'SEK']
