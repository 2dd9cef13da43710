// CommonJS has no top-level await: contractTests takes the contract's path and loads it in the
// first test.
const { contractTests } = require('standin')

contractTests('contracts/transaction-classifier.contract.yaml', 'mock', {
  describe,
  it,
  options: { cases: 20 },
})
