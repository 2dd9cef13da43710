/**
 * The proof that a node is exact: every value it makes is valid for its subschemas, so the
 * whole-value ajv check may be skipped when the root is exact. A node is exact when it checks
 * its own values with ajv (enum/const entries, risky or untyped nodes, examples, copied input),
 * or when each keyword of each subschema it merged is one its plan honours by construction
 * (`PROVABLE`, with the value types ajv would accept there) and each plan says so (`provenPlan`).
 * Anything not proven keeps the check. A draw that leaves a proven path (a pattern's '' fallback,
 * an `lte` swap not proven safe, a `maxOf` top score its node does not allow) marks its state
 * `unproven`, and the value is checked after all.
 */
import { isRecord } from './schema-index.js'
import { num as finite } from './shape.js'

/** Formats whose generator (formats.ts) always makes a string ajv-formats accepts. */
export const PROVEN_FORMATS: ReadonlySet<string> = new Set([
  'uuid',
  'date',
  'time',
  'date-time',
  'ipv4',
  'ipv6',
  'email',
  'hostname',
  'uri',
])

const TYPES = new Set(['null', 'boolean', 'integer', 'number', 'string', 'array', 'object'])
const count = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0
const schema = (v: unknown): boolean => typeof v === 'boolean' || isRecord(v)
const anything = (): boolean => true

/** Keywords a constructive plan honours, with the values it honours them for. */
const PROVABLE: Readonly<Record<string, (value: unknown) => boolean>> = {
  // annotations and structure
  $schema: anything,
  $id: (v) => typeof v === 'string',
  $comment: anything,
  $defs: anything,
  definitions: anything,
  title: anything,
  description: anything,
  default: anything,
  examples: Array.isArray,
  example: anything,
  deprecated: anything,
  readOnly: anything,
  writeOnly: anything,
  $ref: (v) => typeof v === 'string',
  // any value (enum and const entries are checked with ajv as they are drawn)
  type: (v) =>
    (typeof v === 'string' && TYPES.has(v)) ||
    (Array.isArray(v) && v.every((t) => typeof t === 'string' && TYPES.has(t))),
  enum: Array.isArray,
  const: anything,
  // numbers (not multipleOf: ajv checks it with a precision the plans do not share)
  minimum: finite,
  maximum: finite,
  exclusiveMinimum: finite,
  exclusiveMaximum: finite,
  // strings
  minLength: count,
  maxLength: count,
  pattern: (v) => typeof v === 'string',
  format: (v) => typeof v === 'string' && PROVEN_FORMATS.has(v),
  // arrays: one item schema and the counts
  items: schema,
  minItems: count,
  maxItems: count,
  // objects: declared properties, required, additionalProperties
  properties: (v) => isRecord(v) && Object.values(v).every(schema),
  required: (v) => Array.isArray(v) && v.every((r) => typeof r === 'string'),
  additionalProperties: schema,
  // choices: each branch is a node of its own, proven or not; oneOf's others are checked by ajv
  anyOf: (v) => Array.isArray(v) && v.length > 0,
  oneOf: (v) => Array.isArray(v) && v.length > 0,
  'x-standin': isRecord,
}

/** Hints whose effect is proven where they act (sumTo and argmaxOf by their node, lte per swap, maxOf per top score). */
const PROVABLE_HINTS = new Set([
  'faker',
  'args',
  'copy',
  'lengthOf',
  'order',
  'sumTo',
  'argmaxOf',
  'maxOf',
  'lte',
])

/** The keywords of `s` no plan is proven to honour (other `x-` annotations are ignored by both). */
export function unprovenKeywords(s: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = []
  for (const key of Object.keys(s)) {
    const ok = PROVABLE[key]
    if (ok === undefined ? !key.startsWith('x-') : !ok(s[key])) out.push(key)
  }
  const hints = s['x-standin']
  if (isRecord(hints))
    for (const key of Object.keys(hints)) if (!PROVABLE_HINTS.has(key)) out.push(`x-standin.${key}`)
  return out
}

const provenPlans = new WeakSet<object>()

/** Marks a plan as proven to make only valid values for its shape (when `proven`), and returns it. */
export function provenPlan<T extends object>(plan: T, proven = true): T {
  if (proven) provenPlans.add(plan)
  return plan
}

/** True when the plan was marked proven. */
export function isProvenPlan(plan: object): boolean {
  return provenPlans.has(plan)
}
