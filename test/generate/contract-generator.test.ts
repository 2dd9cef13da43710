import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { compiledCheckOf, compilerOf, createAjv, loadContract } from '../../src/contract/index.js'
import type { Contract } from '../../src/contract/index.js'
import { canonicalJson, compileContractGenerator, createRng } from '../../src/generate/index.js'
import { GENERATOR_AJV } from '../../src/generate/sample-contract.js'
import { root } from '../helpers/run-cli.js'

const contractsDir = join(root, 'contracts')
const files = readdirSync(contractsDir).filter((f) => f.endsWith('.contract.yaml'))

/** The ajv entries whose compiled form is `validate`. */
function entriesOf(contract: Contract, validate: unknown): number {
  const ajv = compilerOf(contract)
  if (!ajv) throw new Error('the loaded contract has no ajv instance')
  return Object.values(ajv.schemas).filter((entry) => entry?.validate === validate).length
}

it("takes a loaded contract's compiled output validator as the generator's whole-value check", async () => {
  const contract = await loadContract(join(contractsDir, 'transaction-classifier.contract.yaml'))
  const loaderCheck = compiledCheckOf(contract, 'output')
  expect(loaderCheck).toBeTypeOf('function')
  expect(entriesOf(contract, loaderCheck)).toBe(0)
  const generate = compileContractGenerator(contract, 'output')
  // The generator's root entry holds the loader's validator: ajv did not compile the schema again.
  expect(entriesOf(contract, loaderCheck)).toBe(1)
  const input = contract.examples[0]?.input
  expect(contract.validateOutput(generate(createRng(1), { input }))).toEqual([])
})

it.each(files)(
  '%s: draws the same values with the reused validator as with a fresh ajv instance',
  async (file) => {
    const contract = await loadContract(join(contractsDir, file))
    const fresh = createAjv(contract.draft, GENERATOR_AJV)
    const inputs = compileContractGenerator(contract, 'input', fresh)
    for (const side of ['input', 'output'] as const) {
      const reused = compileContractGenerator(contract, side)
      const own = compileContractGenerator(contract, side, createAjv(contract.draft, GENERATOR_AJV))
      for (let seed = 1; seed <= 40; seed++) {
        const input = inputs(createRng(seed + 1000))
        expect(canonicalJson(reused(createRng(seed), { input }))).toBe(
          canonicalJson(own(createRng(seed), { input })),
        )
      }
    }
  },
)
