/**
 * The "discriminator" written with if/then: `kind: { enum: [...] }` and, in `allOf`, one
 * `{ if: { properties: { kind: { const: k } } }, then: ... }` per kind. Each `if` is a choice of
 * two options, and each option is compiled with the choices after it, so N kinds made 2^N nodes
 * (10 kinds ran out of the 10 s budget; SchemaStore's flatpak-manifest and jfrog-pipelines are
 * such). Most of those nodes are decided by a choice made before: once `kind` is `k0`, the `if`
 * that tests `k1` cannot hold, and once two tests of `kind` hold (`kind` absent) none can fail.
 * Those options are left out before they are compiled, which is what compiling them would have
 * proved (an option that cannot hold), or what drawing them would have (an `else` never kept).
 * Only what is read for certain counts: a test or a fact in any other form decides nothing.
 */
import { canonicalJson } from './canonical-json.js'
import type { GroupOption } from './shape.js'
import type { SchemaRef } from './schema-index.js'

/** What the subschemas that must hold say of one property: its values, and that it is present. */
interface Fact {
  /** The values it may take (canonical JSON), when some `const` or `enum` lists them. */
  allowed?: Set<string>
  required: boolean
}

/** An `if` that tests one property against listed values, and nothing else. */
interface Test {
  readonly name: string
  readonly values: ReadonlySet<string>
  /** The `if` also requires the property (so it fails where the property is absent). */
  readonly requires: boolean
}

const NOTES = new Set(['title', 'description', '$comment'])

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** The values a property schema lists (`const` or `enum` beside notes only), or undefined. */
function listed(schema: unknown): Set<string> | undefined {
  if (!isRecord(schema)) return undefined
  const keys = Object.keys(schema).filter((k) => !NOTES.has(k))
  if (keys.length !== 1) return undefined
  if (keys[0] === 'const') return new Set([canonicalJson(schema.const)])
  if (keys[0] === 'enum' && Array.isArray(schema.enum))
    return new Set(schema.enum.map((v) => canonicalJson(v)))
  return undefined
}

/** The facts `refs` state about properties: their `properties` lists and `required`, and allOf's. */
function factsOf(refs: readonly SchemaRef[]): Map<string, Fact> {
  const facts = new Map<string, Fact>()
  const fact = (name: string): Fact => {
    let found = facts.get(name)
    if (!found) facts.set(name, (found = { required: false }))
    return found
  }
  const queue: unknown[] = refs.map((r) => r.schema)
  while (queue.length > 0) {
    const s = queue.pop()
    if (!isRecord(s)) continue
    if (Array.isArray(s.required))
      for (const name of s.required) if (typeof name === 'string') fact(name).required = true
    if (isRecord(s.properties)) {
      for (const [name, schema] of Object.entries(s.properties)) {
        const values = listed(schema)
        if (!values) continue
        const f = fact(name)
        f.allowed = f.allowed ? new Set([...f.allowed].filter((v) => values.has(v))) : values
      }
    }
    if (Array.isArray(s.allOf)) queue.push(...(s.allOf as unknown[]))
  }
  return facts
}

/** The test an `if` makes, when it is `{ properties: { name: { const | enum } }, required? }`. */
function testOf(schema: unknown): Test | undefined {
  if (!isRecord(schema) || !isRecord(schema.properties)) return undefined
  if (Object.keys(schema).some((k) => k !== 'properties' && k !== 'required' && !NOTES.has(k)))
    return undefined
  const entries = Object.entries(schema.properties)
  const [name, property] = entries[0] ?? []
  const values = listed(property)
  if (entries.length !== 1 || name === undefined || !values) return undefined
  const required = schema.required ?? []
  if (!Array.isArray(required) || required.some((r) => r !== name)) return undefined
  return { name, values, requires: required.length > 0 }
}

/**
 * True when the value must be an object (`type: "object"` holds), one of its properties must be
 * present, and no value of it fits every list. (A value of another type satisfies `properties`
 * and `required` as it is.)
 */
function contradicts(refs: readonly SchemaRef[]): boolean {
  const objectOnly = refs.some((r) => {
    const type = isRecord(r.schema) ? r.schema.type : undefined
    return type === 'object' || (Array.isArray(type) && type.length === 1 && type[0] === 'object')
  })
  if (!objectOnly) return false
  for (const f of factsOf(refs).values()) if (f.required && f.allowed?.size === 0) return true
  return false
}

/**
 * True when an option of an `if` group cannot give a value, decided by the choices in `refs`
 * alone: the `then` option when the `if`'s test contradicts what holds already; the `else` option
 * when what holds already makes the `if` hold for every value.
 */
export function decidedAgainst(
  refs: readonly SchemaRef[],
  option: GroupOption,
  isElse: boolean,
): boolean {
  if (!isElse) return contradicts([...refs, ...option.refs])
  const test = option.mustFail.length === 1 ? testOf(option.mustFail[0]?.schema) : undefined
  if (!test) return false
  const f = factsOf(refs).get(test.name)
  if (!f?.allowed) return false
  // A value that is not an object passes the `if` as it is; an object without the property (no
  // value fits every list) passes it unless it requires the property.
  if (f.allowed.size === 0) return !test.requires
  const within = [...f.allowed].every((v) => test.values.has(v))
  return within && (f.required || !test.requires)
}
