/**
 * Prints generated outputs for the cross-process determinism test: `node --import tsx
 * test/generate/print-samples.ts <seed>` writes one JSON line per input, the inputs taken in the
 * order given by the second argument (`forward` or `reverse`).
 */
import { loadContract } from '../../src/contract/index.js'
import { compileContractGenerators, createRng, outputFor } from '../../src/generate/index.js'

const seed = Number(process.argv[2] ?? 1)
const order = process.argv[3] ?? 'forward'
const contract = await loadContract('contracts/transaction-classifier.contract.yaml')
const generators = compileContractGenerators(contract)
const rng = createRng('inputs')
const inputs = Array.from({ length: 20 }, () => generators.input(rng))
// `reverse` answers the inputs last to first, then prints in input order: the output of one
// input must not depend on what was answered before it.
const answer = (input: unknown): string => JSON.stringify(outputFor(generators, seed, input))
const lines = order === 'reverse' ? [...inputs].reverse().map(answer).reverse() : inputs.map(answer)
process.stdout.write(`${lines.join('\n')}\n`)
