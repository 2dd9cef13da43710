// A service's code, type-checked against standin's declarations and the types `standin types`
// generated from the contract (./contracts.ts), with no @types package for express or msw.
import { setupServer } from 'msw/node'
import { createMock, createMockApp, loadContract, mswHandlers } from 'standin'
import type { TransactionClassifierInput, TransactionClassifierOutput } from './contracts.js'

export async function categorize(
  input: TransactionClassifierInput,
): Promise<TransactionClassifierOutput['category']> {
  const contract = await loadContract('contracts/transaction-classifier.contract.yaml')
  const server = setupServer(...mswHandlers(contract, { baseUrl: 'http://models.internal' }))
  server.listen()
  const app = createMockApp([contract], { seed: 7 })
  app.listen(0, () => server.close())
  const model = createMock(contract, { seed: 7 })
  const output = (await model.predict(input)) as TransactionClassifierOutput
  return output.category
}
