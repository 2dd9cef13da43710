/**
 * Compares two versions of one (bundled) schema and lists what changed, each change marked
 * `tighter` (the new schema accepts less), `looser` (it accepts more) or `changed` (neither can be
 * told). Whether that breaks anyone depends on the side: see `diffContracts`.
 */
import { SUBSCHEMA_KEYWORDS, isObject, joinPointer, resolvePointer } from '../json/index.js'

/** One change between two versions of a schema. */
export interface SchemaChange {
  /** Pointer into the new (or, for removals, the old) schema. */
  readonly pointer: string
  readonly direction:
    | 'tighter'
    | 'looser'
    | 'changed'
    | 'added-field'
    | 'removed-field'
    /** Removed, and undeclared properties are not allowed: a value that has it is now invalid. */
    | 'removed-closed-field'
  readonly message: string
}

const LOWER_BOUNDS = [
  'minimum',
  'exclusiveMinimum',
  'minLength',
  'minItems',
  'minProperties',
  'minContains',
]
const UPPER_BOUNDS = [
  'maximum',
  'exclusiveMaximum',
  'maxLength',
  'maxItems',
  'maxProperties',
  'maxContains',
]
const EXACT = ['pattern', 'format', 'multipleOf', 'const', 'uniqueItems']
/** The keywords diff walks into itself; every other subschema keyword is compared whole. */
const WALKED = new Set(['properties', 'items', 'additionalProperties'])
/**
 * Subschema keywords whose change diff reports without judging its direction: combinators and
 * the rest of the table (`contains`, `propertyNames`, `dependentSchemas`, ...), all but `$defs`
 * (reached through `$ref`) and what diff walks into.
 */
const COMBINATORS = Object.keys(SUBSCHEMA_KEYWORDS).filter(
  (k) => !WALKED.has(k) && SUBSCHEMA_KEYWORDS[k]?.place !== 'nowhere',
)

/** Records one change at a pointer. */
type Change = (pointer: string, direction: SchemaChange['direction'], message: string) => void

/** A pair of subschemas to compare: `at` in the new schema, `path` from the root compared. */
interface Pair {
  readonly a: unknown
  readonly b: unknown
  readonly at: string
  readonly path: string
}

/** Every change from `before` to `after` (both self-contained: local `$ref`s only). */
export function diffSchemas(before: unknown, after: unknown, base: string): SchemaChange[] {
  const changes: SchemaChange[] = []
  const change: Change = (pointer, direction, message) => {
    changes.push({ pointer, direction, message })
  }
  const seen = new Set<string>()
  const stack: Pair[] = [{ a: before, b: after, at: base, path: '' }]
  while (stack.length > 0) {
    const { a: rawA, b: rawB, at, path } = stack.pop() as Pair
    if (seen.has(path) || path.split('/').length > 64) continue
    seen.add(path)
    const a = deref(before, rawA)
    const b = deref(after, rawB)
    if (typeof a === 'boolean' || typeof b === 'boolean' || !isObject(a) || !isObject(b)) {
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        change(at, a === true ? 'tighter' : b === true ? 'looser' : 'changed', 'the schema changed')
      }
      continue
    }
    diffTypes(a, b, at, change)
    diffEnums(a, b, at, change)
    diffBounds(a, b, at, change)
    diffExact(a, b, at, change)
    diffCombinators(a, b, at, change)
    diffProperties(a, b, at, change)
    stack.push(...childPairs(a, b, at, path))
  }
  return changes.sort((x, y) => (x.pointer < y.pointer ? -1 : x.pointer > y.pointer ? 1 : 0))
}

/** `node` with its `$ref` chain followed in `root` (siblings of a `$ref` kept over its target). */
function deref(root: unknown, node: unknown): unknown {
  let current = node
  for (let hops = 0; hops < 32 && isObject(current) && typeof current.$ref === 'string'; hops++) {
    const found = resolvePointer(root, decodeURIComponent(current.$ref.replace(/^#/, '')))
    if (!found.found) break
    const { $ref: _ref, ...siblings } = current
    current = isObject(found.value) ? { ...found.value, ...siblings } : found.value
  }
  return current
}

type Schema = Record<string, unknown>

/** `type`: types added (looser), removed (tighter), integer widened to number or narrowed back. */
function diffTypes(a: Schema, b: Schema, at: string, change: Change): void {
  const typesA = typeSet(a)
  const typesB = typeSet(b)
  const where = joinPointer(at, 'type')
  if (typesA && typesB) {
    const added = [...typesB].filter(
      (t) => !typesA.has(t) && !(t === 'number' && typesA.has('integer')),
    )
    const removed = [...typesA].filter(
      (t) => !typesB.has(t) && !(t === 'integer' && typesB.has('number')),
    )
    if (added.length > 0) change(where, 'looser', `now also accepts type ${added.join(', ')}`)
    if (removed.length > 0) change(where, 'tighter', `no longer accepts type ${removed.join(', ')}`)
    if (
      typesB.has('number') &&
      !typesB.has('integer') &&
      typesA.has('integer') &&
      !typesA.has('number')
    ) {
      change(where, 'looser', 'integer became number')
    }
    if (typesA.has('number') && typesB.has('integer') && !typesB.has('number')) {
      change(where, 'tighter', 'number became integer')
    }
  } else if (typesA && !typesB) change(where, 'looser', 'the type constraint was removed')
  else if (!typesA && typesB) change(where, 'tighter', `the type is now ${[...typesB].join(', ')}`)
}

/** `enum`: values added (looser) or removed (tighter), or the enum itself added or removed. */
function diffEnums(a: Schema, b: Schema, at: string, change: Change): void {
  if (!Array.isArray(a.enum) && !Array.isArray(b.enum)) return
  const where = joinPointer(at, 'enum')
  const enumA = Array.isArray(a.enum) ? a.enum.map((v) => JSON.stringify(v)) : undefined
  const enumB = Array.isArray(b.enum) ? b.enum.map((v) => JSON.stringify(v)) : undefined
  if (enumA && enumB) {
    const added = enumB.filter((v) => !enumA.includes(v))
    const removed = enumA.filter((v) => !enumB.includes(v))
    if (added.length > 0)
      change(where, 'looser', `new value${added.length > 1 ? 's' : ''} ${added.join(', ')}`)
    if (removed.length > 0)
      change(
        where,
        'tighter',
        `value${removed.length > 1 ? 's' : ''} ${removed.join(', ')} removed`,
      )
  } else if (enumA) change(where, 'looser', 'the enum was removed')
  else change(where, 'tighter', 'an enum was added')
}

/** Numeric bounds: a bound added or raised (lower) / lowered (upper) is tighter. */
function diffBounds(a: Schema, b: Schema, at: string, change: Change): void {
  for (const keyword of [...LOWER_BOUNDS, ...UPPER_BOUNDS]) {
    const x = a[keyword]
    const y = b[keyword]
    if (x === y || (typeof x !== 'number' && typeof y !== 'number')) continue
    const lower = LOWER_BOUNDS.includes(keyword)
    const where = joinPointer(at, keyword)
    if (typeof x !== 'number') change(where, 'tighter', `${keyword} ${String(y)} was added`)
    else if (typeof y !== 'number') change(where, 'looser', `${keyword} ${x} was removed`)
    else change(where, y > x === lower ? 'tighter' : 'looser', `${keyword} went from ${x} to ${y}`)
  }
}

/** Keywords compared by value: added is tighter, removed looser, changed cannot be told. */
function diffExact(a: Schema, b: Schema, at: string, change: Change): void {
  for (const keyword of EXACT) {
    const x = JSON.stringify(a[keyword])
    const y = JSON.stringify(b[keyword])
    if (x === y) continue
    const where = joinPointer(at, keyword)
    if (x === undefined) change(where, 'tighter', `${keyword} ${y} was added`)
    else if (y === undefined) change(where, 'looser', `${keyword} ${x} was removed`)
    else change(where, 'changed', `${keyword} went from ${x} to ${y}`)
  }
}

/** Subschema keywords diff does not walk into: any difference is reported as a change. */
function diffCombinators(a: Schema, b: Schema, at: string, change: Change): void {
  for (const keyword of COMBINATORS) {
    if (JSON.stringify(a[keyword]) !== JSON.stringify(b[keyword])) {
      change(joinPointer(at, keyword), 'changed', `${keyword} changed, and standin cannot tell how`)
    }
  }
}

/** Object fields: added and removed properties, `required` and `additionalProperties: false`. */
function diffProperties(a: Schema, b: Schema, at: string, change: Change): void {
  const requiredA = new Set(Array.isArray(a.required) ? a.required.map(String) : [])
  const requiredB = new Set(Array.isArray(b.required) ? b.required.map(String) : [])
  const propsA = isObject(a.properties) ? a.properties : {}
  const propsB = isObject(b.properties) ? b.properties : {}
  for (const name of Object.keys(propsB)) {
    if (!Object.hasOwn(propsA, name)) {
      change(
        joinPointer(at, 'properties', name),
        'added-field',
        `new ${requiredB.has(name) ? 'required' : 'optional'} field "${name}"`,
      )
    }
  }
  for (const name of Object.keys(propsA)) {
    if (!Object.hasOwn(propsB, name)) {
      change(
        joinPointer(at, 'properties', name),
        b.additionalProperties === false ? 'removed-closed-field' : 'removed-field',
        `the field "${name}" was removed`,
      )
    }
  }
  for (const name of requiredB) {
    if (!requiredA.has(name))
      change(joinPointer(at, 'required'), 'tighter', `"${name}" is now required`)
  }
  for (const name of requiredA) {
    if (!requiredB.has(name) && Object.hasOwn(propsB, name)) {
      change(joinPointer(at, 'required'), 'looser', `"${name}" is no longer required`)
    }
  }
  const closedA = a.additionalProperties === false
  const closedB = b.additionalProperties === false
  const where = joinPointer(at, 'additionalProperties')
  if (closedA && !closedB) change(where, 'looser', 'undeclared properties are now allowed')
  if (!closedA && closedB) change(where, 'tighter', 'undeclared properties are no longer allowed')
}

/** The subschemas diff walks into: shared properties, `items`, `additionalProperties`. */
function childPairs(a: Schema, b: Schema, at: string, path: string): Pair[] {
  const pairs: Pair[] = []
  const propsA = isObject(a.properties) ? a.properties : {}
  const propsB = isObject(b.properties) ? b.properties : {}
  const pair = (x: unknown, y: unknown, ...tokens: string[]): void => {
    pairs.push({ a: x, b: y, at: joinPointer(at, ...tokens), path: joinPointer(path, ...tokens) })
  }
  for (const name of Object.keys(propsB)) {
    if (Object.hasOwn(propsA, name)) pair(propsA[name], propsB[name], 'properties', name)
  }
  if (isObject(a.items) || isObject(b.items)) pair(a.items ?? true, b.items ?? true, 'items')
  if (isObject(a.additionalProperties) && isObject(b.additionalProperties)) {
    pair(a.additionalProperties, b.additionalProperties, 'additionalProperties')
  }
  return pairs
}

function typeSet(schema: Record<string, unknown>): Set<string> | undefined {
  if (typeof schema.type === 'string') return new Set([schema.type])
  if (Array.isArray(schema.type)) return new Set(schema.type.map(String))
  return undefined
}
