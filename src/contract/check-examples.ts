import type { ValidateFunction } from 'ajv'
import type { Problem } from '../errors.js'
import { problemsFromAjv } from './create-ajv.js'
import { isObject } from '../json/index.js'
import type { WorkBudget } from './work-budget.js'

/**
 * Checks every example: unique names, a full input valid against the input schema, and an
 * output valid against the output schema as a partial match (missing required fields are fine).
 * A side whose schema did not compile (undefined validator) is not checked.
 */
export function checkExamples(
  data: Record<string, unknown>,
  validateInput: ValidateFunction | undefined,
  validateOutput: ValidateFunction | undefined,
  problems: Problem[],
  file: string | undefined,
  budget?: WorkBudget,
): void {
  if (!Array.isArray(data.examples)) return
  const names = new Map<string, number>()
  data.examples.forEach((example: unknown, index) => {
    if (!isObject(example)) return
    const at = `/examples/${index}`
    budget?.check(at, file)
    if (typeof example.name === 'string') {
      const before = names.get(example.name)
      if (before !== undefined) {
        problems.push({
          code: 'contract.duplicate-example',
          severity: 'error',
          file,
          pointer: `${at}/name`,
          message: `example name "${example.name}" is already used by /examples/${before}`,
          hint: 'Give each example its own name.',
        })
      } else names.set(example.name, index)
    }
    if ('input' in example && validateInput && !validateInput(example.input)) {
      for (const p of problemsFromAjv(validateInput.errors)) {
        problems.push({
          ...p,
          code: 'contract.invalid-example',
          file,
          pointer: `${at}/input${p.pointer}`,
          message:
            p.code === 'schema.required'
              ? 'the example input lacks this required field'
              : `the example input ${p.message}`,
          hint: 'Fix the example, or the input schema if the example is right.',
        })
      }
    }
    if ('output' in example && validateOutput && !validateOutput(example.output)) {
      // Example outputs are partial matches: a missing required field is fine.
      for (const p of problemsFromAjv(validateOutput.errors)) {
        if (p.code === 'schema.required') continue
        problems.push({
          ...p,
          code: 'contract.invalid-example',
          file,
          pointer: `${at}/output${p.pointer}`,
          message: `the example output ${p.message}`,
          hint: 'Fix the example, or the output schema if the example is right.',
        })
      }
    }
  })
}
