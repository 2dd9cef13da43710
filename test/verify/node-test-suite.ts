/** contractTests under node:test (run by contract-tests.test.ts as `node --test`). */
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { loadContract } from '../../src/contract/index.js'
import { StandinError } from '../../src/errors.js'
import { contractTests } from '../../src/verify/index.js'
import { newsBrain } from '../models/brains.js'

const contract = await loadContract(
  fileURLToPath(new URL('../../contracts/news-signals.contract.yaml', import.meta.url)),
)

contractTests(
  contract,
  (input: unknown) => {
    const problems = contract.validateInput(input)
    if (problems.length > 0) throw new StandinError('input.invalid', 'invalid input', problems)
    return newsBrain.predict(input as Record<string, unknown>, 'good')
  },
  { describe, it, options: { cases: 20 } },
)
