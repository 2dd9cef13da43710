import { describe, it } from 'node:test'
import { contractTests, loadContract } from 'standin'

const contract = await loadContract('contracts/transaction-classifier.contract.yaml')
contractTests(contract, 'mock', { describe, it, options: { cases: 20 } })
