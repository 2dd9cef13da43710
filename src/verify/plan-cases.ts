/**
 * Plans the valid cases of a run, all seeded: every contract example, N generated inputs, boundary
 * inputs (each numeric bound, empty and longest strings, every enum value, for every field down
 * to nested objects and array items; only the required fields) and one batch where the protocol
 * has batches for the contract. The same contract, seed and count give the same cases and ids.
 */
import type { Contract } from '../contract/index.js'
import { compileContractGenerator, createRng, seedFor } from '../generate/index.js'
import { getProtocol } from '../protocol/index.js'
import { slug } from './case-spec.js'
import type { CaseSpec } from './case-spec.js'
import { valueAtPath } from '../json/index.js'
import { inputFields, withValueAt } from './input-fields.js'

/** The valid cases: examples, generated, boundary, batch. */
export interface PlannedCases {
  readonly examples: readonly CaseSpec[]
  readonly generated: readonly CaseSpec[]
  readonly boundary: readonly CaseSpec[]
  readonly batch: readonly CaseSpec[]
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

function boundaryValues(schema: Obj, base: unknown): { label: string; value: unknown }[] {
  const out: { label: string; value: unknown }[] = []
  const num = (k: string): number | undefined =>
    typeof schema[k] === 'number' ? schema[k] : undefined
  if (Array.isArray(schema.enum)) {
    schema.enum.forEach((v) => out.push({ label: `enum=${JSON.stringify(v)}`, value: v }))
    return out
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type]
  if (types.includes('number') || types.includes('integer')) {
    const step = num('multipleOf') ?? (types.includes('integer') ? 1 : 0.001)
    const min =
      num('minimum') ??
      (num('exclusiveMinimum') !== undefined ? (num('exclusiveMinimum') ?? 0) + step : undefined)
    const max =
      num('maximum') ??
      (num('exclusiveMaximum') !== undefined ? (num('exclusiveMaximum') ?? 0) - step : undefined)
    if (min !== undefined) out.push({ label: 'min', value: min })
    if (max !== undefined) out.push({ label: 'max', value: max })
  }
  if (types.includes('string') && schema.pattern === undefined && schema.format === undefined) {
    const min = num('minLength') ?? 0
    out.push({ label: min === 0 ? 'empty' : 'shortest', value: 'a'.repeat(min) })
    const max = num('maxLength')
    if (max !== undefined && max <= 100_000) out.push({ label: 'longest', value: 'a'.repeat(max) })
  }
  if (types.includes('array') && Array.isArray(base) && base.length > 0) {
    const min = num('minItems') ?? 0
    const max = num('maxItems')
    out.push({ label: min === 0 ? 'empty' : 'fewest', value: base.slice(0, min) })
    if (max !== undefined && max <= 10_000)
      out.push({
        label: 'most',
        value: Array.from({ length: max }, (_, i): unknown => (base as unknown[])[i % base.length]),
      })
  }
  return out
}

/**
 * Plans the valid cases; `real` (from `--cases-from`) replaces the generated inputs.
 *
 * @throws {StandinError} `schema.unsatisfiable` / `schema.unsupported` from the generator.
 */
export function planCases(
  contract: Contract,
  seed: number,
  count: number,
  real?: readonly CaseSpec[],
): PlannedCases {
  const seen = new Map<string, number>()
  const examples = contract.examples.map((example): CaseSpec => {
    let id = `example:${slug(example.name)}`
    const n = seen.get(id) ?? 0
    seen.set(id, n + 1)
    if (n > 0) id = `${id}-${n + 1}`
    return {
      id,
      kind: 'example',
      description: `example "${example.name}"`,
      records: [example.input],
      expect: 'valid',
      example,
    }
  })
  // Real inputs (`--cases-from`) take the place of generated ones.
  const generate = real ? undefined : compileContractGenerator(contract, 'input')
  const generated =
    real ??
    Array.from({ length: generate ? count : 0 }, (_, i): CaseSpec => {
      const id = `generated:${i}`
      return {
        id,
        kind: 'generated',
        description: `generated input #${i}`,
        records: [generate?.(createRng(seedFor(seed, id)))],
        expect: 'valid',
      }
    })
  const base = generated[0]?.records[0] ?? examples[0]?.records[0]
  const boundary: CaseSpec[] = []
  if (isObj(base)) {
    const { fields, objects } = inputFields(contract, base)
    for (const { path, pointer, schema } of fields) {
      for (const { label, value } of boundaryValues(schema, valueAtPath(base, path))) {
        const record = withValueAt(base, path, value)
        if (contract.validateInput(record).length > 0) continue
        boundary.push({
          id: `boundary:${pointer}:${label}`,
          kind: 'boundary',
          description: `boundary: ${pointer} ${label}`,
          records: [record],
          expect: 'valid',
        })
      }
    }
    const required = objects.find((o) => o.path.length === 0)?.required ?? []
    const minimal = Object.fromEntries(Object.entries(base).filter(([k]) => required.includes(k)))
    if (
      Object.keys(minimal).length < Object.keys(base).length &&
      contract.validateInput(minimal).length === 0
    )
      boundary.push({
        id: 'boundary:required-only',
        kind: 'boundary',
        description: 'boundary: only the required fields',
        records: [minimal],
        expect: 'valid',
      })
  }
  // A batch case only where the protocol has batches for this contract (json: when declared).
  const batchRecords = generated.slice(0, 3).map((c) => c.records[0])
  const batch: CaseSpec[] =
    batchRecords.length >= 2 && getProtocol(contract.protocol).batches(contract)
      ? [
          {
            id: 'batch:0',
            kind: 'batch',
            description: `a batch of ${batchRecords.length} generated inputs in one request`,
            records: batchRecords,
            expect: 'valid',
          },
        ]
      : []
  return { examples, generated, boundary, batch }
}
