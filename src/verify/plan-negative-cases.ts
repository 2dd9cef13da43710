/**
 * Plans the negative cases: one violation each, built from one valid input. Record-level
 * violations (missing required field, wrong type, out of range, undeclared field where forbidden,
 * unknown enum value) are kept only when the contract's own validator rejects them; wire-level
 * ones (malformed JSON, wrong content type, wrong protocol envelope) break the request instead.
 */
import type { Contract } from '../contract/index.js'
import type { InputViolation } from '../protocol/index.js'
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

/** A value past one bound of the schema, its id label, and the keyword of that bound. */
interface OutOfRange {
  readonly label: string
  readonly value: unknown
  readonly keyword: string
}

function outOfRange(schema: Obj): OutOfRange[] {
  const out: OutOfRange[] = []
  const n = (k: string): number | undefined =>
    typeof schema[k] === 'number' ? schema[k] : undefined
  const maxKeyword = n('maximum') !== undefined ? 'maximum' : 'exclusiveMaximum'
  const minKeyword = n('minimum') !== undefined ? 'minimum' : 'exclusiveMinimum'
  const max = n(maxKeyword)
  const min = n(minKeyword)
  if (max !== undefined)
    out.push({
      label: 'above-maximum',
      value: max + Math.max(1, Math.abs(max)),
      keyword: maxKeyword,
    })
  if (min !== undefined)
    out.push({
      label: 'below-minimum',
      value: min - Math.max(1, Math.abs(min)),
      keyword: minKeyword,
    })
  const maxLength = n('maxLength')
  if (maxLength !== undefined && maxLength < 100_000)
    out.push({ label: 'too-long', value: 'a'.repeat(maxLength + 1), keyword: 'maxLength' })
  return out
}

/** The negative cases for `base`, a valid input record. */
export function planNegativeCases(contract: Contract, base: unknown): CaseSpec[] {
  const cases: CaseSpec[] = []
  const add = (
    id: string,
    description: string,
    record: unknown,
    violates: InputViolation,
  ): void => {
    if (contract.validateInput(record).length === 0) return
    cases.push({ id, kind: 'negative', description, records: [record], expect: 'reject', violates })
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
          { pointer: at, keyword: 'required' },
        )
      }
    for (const { path, pointer, schema } of fields) {
      const wrong = wrongTypeValue(schema)
      if (wrong !== undefined)
        add(
          `negative:wrong-type:${pointer}`,
          `${pointer} of the wrong type (${JSON.stringify(wrong)})`,
          withValueAt(base, path, wrong),
          { pointer, keyword: 'type' },
        )
      for (const { label, value, keyword } of outOfRange(schema))
        add(
          `negative:out-of-range:${pointer}:${label}`,
          `${pointer} out of range (${label})`,
          withValueAt(base, path, value),
          { pointer, keyword },
        )
      if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string'))
        add(
          `negative:unknown-enum:${pointer}`,
          `${pointer} not one of its enum values`,
          withValueAt(base, path, 'standin-not-an-enum-value'),
          { pointer, keyword: 'enum' },
        )
    }
    for (const { path, pointer, closed } of objects)
      if (closed)
        add(
          `negative:undeclared-field${pointer === '' ? '' : `:${pointer}`}`,
          `an undeclared field${pointer === '' ? '' : ` in ${pointer}`} where the schema forbids them`,
          withValueAt(base, [...path, 'standin_undeclared_field'], true),
          { pointer, keyword: 'additionalProperties' },
        )
  } else {
    add(
      'negative:wrong-type:',
      'the record of the wrong type',
      { not: 'a valid record' },
      { pointer: '', keyword: 'type' },
    )
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
