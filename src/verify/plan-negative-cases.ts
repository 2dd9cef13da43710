/**
 * Plans the negative cases: one violation each, built from one valid input. Record-level
 * violations (missing required field, wrong type, out of range, undeclared field where forbidden,
 * unknown enum value) are kept only when the contract's own validator rejects them; wire-level
 * ones (malformed JSON, wrong content type, wrong protocol envelope) break the request instead.
 */
import type { Contract } from '../contract/index.js'
import type { CaseSpec } from './case-spec.js'
import { joinPointer } from '../json/index.js'
import { inputFields, withValueAt, withoutValueAt } from './input-fields.js'

type Obj = Record<string, unknown>

function wrongTypeValue(schema: Obj): unknown {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type]
  if (types.includes('string') || Array.isArray(schema.enum)) return 12345
  if (types.includes('number') || types.includes('integer')) return 'not-a-number'
  if (types.includes('boolean')) return 'yes'
  if (types.includes('array')) return { not: 'an array' }
  if (types.includes('object')) return ['not', 'an', 'object']
  return undefined
}

function outOfRange(schema: Obj): { label: string; value: unknown }[] {
  const out: { label: string; value: unknown }[] = []
  const n = (k: string): number | undefined =>
    typeof schema[k] === 'number' ? schema[k] : undefined
  const max = n('maximum') ?? n('exclusiveMaximum')
  const min = n('minimum') ?? n('exclusiveMinimum')
  if (max !== undefined)
    out.push({ label: 'above-maximum', value: max + Math.max(1, Math.abs(max)) })
  if (min !== undefined)
    out.push({ label: 'below-minimum', value: min - Math.max(1, Math.abs(min)) })
  const maxLength = n('maxLength')
  if (maxLength !== undefined && maxLength < 100_000)
    out.push({ label: 'too-long', value: 'a'.repeat(maxLength + 1) })
  return out
}

/** The negative cases for `base`, a valid input record. */
export function planNegativeCases(contract: Contract, base: unknown): CaseSpec[] {
  const cases: CaseSpec[] = []
  const add = (id: string, description: string, record: unknown): void => {
    if (contract.validateInput(record).length === 0) return
    cases.push({ id, kind: 'negative', description, records: [record], expect: 'reject' })
  }
  if (typeof base === 'object' && base !== null && !Array.isArray(base)) {
    const { fields, objects } = inputFields(contract, base)
    for (const { path, pointer, required } of objects)
      for (const name of required) {
        const at = joinPointer(pointer, name)
        add(
          `negative:missing-required:${at}`,
          `required field ${at} missing`,
          withoutValueAt(base, [...path, name]),
        )
      }
    for (const { path, pointer, schema } of fields) {
      const wrong = wrongTypeValue(schema)
      if (wrong !== undefined)
        add(
          `negative:wrong-type:${pointer}`,
          `${pointer} of the wrong type (${JSON.stringify(wrong)})`,
          withValueAt(base, path, wrong),
        )
      for (const { label, value } of outOfRange(schema))
        add(
          `negative:out-of-range:${pointer}:${label}`,
          `${pointer} out of range (${label})`,
          withValueAt(base, path, value),
        )
      if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string'))
        add(
          `negative:unknown-enum:${pointer}`,
          `${pointer} not one of its enum values`,
          withValueAt(base, path, 'standin-not-an-enum-value'),
        )
    }
    for (const { path, pointer, closed } of objects)
      if (closed)
        add(
          `negative:undeclared-field${pointer === '' ? '' : `:${pointer}`}`,
          `an undeclared field${pointer === '' ? '' : ` in ${pointer}`} where the schema forbids them`,
          withValueAt(base, [...path, 'standin_undeclared_field'], true),
        )
  } else {
    add('negative:wrong-type:', 'the record of the wrong type', { not: 'a valid record' })
  }
  const wire = (id: string, description: string, how: CaseSpec['wire']): void => {
    cases.push({ id, kind: 'negative', description, records: [base], expect: 'reject', wire: how })
  }
  wire('negative:malformed-json', 'a body that is not JSON (cut short)', 'malformed-json')
  wire('negative:wrong-content-type', 'a JSON body sent as text/plain', 'wrong-content-type')
  if (contract.protocol !== 'json')
    wire(
      'negative:wrong-envelope',
      `a body without the ${contract.protocol} envelope ({"rows": [...]})`,
      'wrong-envelope',
    )
  return cases
}
