const { describe, it } = require('node:test')
const { contractTests, loadContract } = require('standin')

describe('standin from CommonJS under node:test', async () => {
  const contract = await loadContract('contracts/transaction-classifier.contract.yaml')
  contractTests(contract, 'mock', { describe, it, options: { cases: 20 } })
})
