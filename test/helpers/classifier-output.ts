/** One output the transaction-classifier contract accepts: what the tests' fixed-answer models send. */
export const classifierOutput = {
  request_id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  category: 'groceries',
  confidence: 0.9,
  scores: {
    groceries: 0.9,
    dining: 0.1,
    transport: 0,
    utilities: 0,
    rent: 0,
    income: 0,
    transfers: 0,
    shopping: 0,
    other: 0,
  },
} as const
