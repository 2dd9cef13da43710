// A service's code, type-checked against standin's declarations and the types `standin types`
// generated from the contract (./contracts.ts), with no @types package for express or msw.
// The contract carries the generated types to createMock and verify: misuse does not compile.
import { setupServer } from 'msw/node'
import { createMock, createMockApp, loadContract, mswHandlers, verify } from 'standin'
import type {
  Contracts,
  TransactionClassifierInput,
  TransactionClassifierOutput,
} from './contracts.js'

type Classifier = Contracts['transaction-classifier']

/** The service's call to the model, checked against the contract. */
export function categorizeWith(
  model: (input: TransactionClassifierInput) => Promise<TransactionClassifierOutput>,
) {
  return async (input: TransactionClassifierInput): Promise<string> => (await model(input)).category
}

export async function start(input: TransactionClassifierInput): Promise<string> {
  const contract = await loadContract<Classifier>('contracts/transaction-classifier.contract.yaml')
  const server = setupServer(...mswHandlers(contract, { baseUrl: 'http://models.internal' }))
  server.listen()
  const app = createMockApp([contract], { seed: 7 })
  app.listen(0, () => server.close())
  const mock = createMock(contract, { seed: 7 })
  const output: TransactionClassifierOutput = await mock.predict(input)
  // @ts-expect-error: the stand-in takes the contract's input type only
  await mock.predict({ narration: 42 })
  const result = await verify(contract, { target: mock.predict })
  // @ts-expect-error: a target answering another output type is refused
  await verify(contract, { target: (_input: TransactionClassifierInput) => ({ category: 7 }) })
  return `${await categorizeWith(mock.predict)(input)} ${output.confidence} ${result.verdict}`
}
