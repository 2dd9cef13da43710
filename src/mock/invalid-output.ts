/**
 * A deliberately invalid output, so consumers can test how they handle a model that breaks its
 * contract (`x-standin-scenario: invalid-output`). Tries small breakages of a valid output and
 * returns the first the output schema rejects.
 */
import type { Contract } from '../contract/index.js'
import { isObject, setOwn } from '../json/index.js'

function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 12345
  if (typeof value === 'number') return 'not-a-number'
  return 'not-valid'
}

/** The first breakage of `valid` that `contract.validateOutput` rejects. */
export function invalidOutput(contract: Contract, valid: unknown): unknown {
  const tries: unknown[] = []
  if (isObject(valid)) {
    const keys = Object.keys(valid)
    const schema = contract.output
    const required =
      isObject(schema) && Array.isArray(schema.required) ? (schema.required as unknown[]) : []
    for (const key of required) {
      if (typeof key !== 'string') continue
      const copy: Record<string, unknown> = {}
      for (const k of keys) if (k !== key) setOwn(copy, k, valid[k])
      tries.push(copy)
    }
    for (const key of keys) {
      const copy: Record<string, unknown> = {}
      for (const k of keys) setOwn(copy, k, k === key ? wrongType(valid[k]) : valid[k])
      tries.push(copy)
    }
  }
  tries.push(wrongType(valid), null, [], 'not-valid')
  for (const candidate of tries) if (contract.validateOutput(candidate).length > 0) return candidate
  return null
}
