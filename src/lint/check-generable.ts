import { isStandinError } from '../errors.js'
import type { Problem } from '../errors.js'
import type { Contract } from '../contract/index.js'
import { compileContractGenerator, createRng } from '../generate/index.js'

/** What the proof reads of a contract: lint passes these alone when the contract has errors. */
export type GenerableParts = Pick<Contract, 'name' | 'file' | 'draft' | 'input' | 'output'>

/**
 * Proves that the stand-in can answer for a contract: compiles the generator of the input and
 * of the output schema (it throws `schema.unsatisfiable` / `schema.unsupported` problems by
 * pointer when no valid value can be made), then draws one input and one output from it.
 * `sides` limits the proof to the schemas that compiled (lint on a contract with other errors).
 */
export function checkGenerable(
  contract: GenerableParts,
  sides: readonly ('input' | 'output')[] = ['input', 'output'],
): Problem[] {
  const problems: Problem[] = []
  let input: unknown
  for (const side of sides) {
    try {
      const generate = compileContractGenerator(contract, side)
      const value = generate(
        createRng(`lint:${contract.name}:${side}`),
        side === 'output' ? { input } : {},
      )
      if (side === 'input') input = value
    } catch (error) {
      if (isStandinError(error)) {
        problems.push(...error.problems.map((p) => ({ ...p, file: p.file ?? contract.file })))
        continue
      }
      // A generator crash is standin's bug, not the contract's: say so, and do not fail lint.
      problems.push({
        code: 'generate.crashed',
        severity: 'warning',
        file: contract.file,
        pointer: `/${side}`,
        message: `standin could not prove the ${side} schema can be generated (${error instanceof Error ? error.message : String(error)})`,
        hint: 'This is a bug in standin: please report it with this contract.',
      })
    }
  }
  return problems
}
