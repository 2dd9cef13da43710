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

/** Every change from `before` to `after` (both self-contained: local `$ref`s only). */
export function diffSchemas(before: unknown, after: unknown, base: string): SchemaChange[] {
  const changes: SchemaChange[] = []
  const seen = new Set<string>()
  const deref = (root: unknown, node: unknown): unknown => {
    let current = node
    for (let hops = 0; hops < 32 && isObject(current) && typeof current.$ref === 'string'; hops++) {
      const found = resolvePointer(root, decodeURIComponent(current.$ref.replace(/^#/, '')))
      if (!found.found) break
      const { $ref: _ref, ...siblings } = current
      current = isObject(found.value) ? { ...found.value, ...siblings } : found.value
    }
    return current
  }
  const stack: { a: unknown; b: unknown; at: string; path: string }[] = [
    { a: before, b: after, at: base, path: '' },
  ]
  while (stack.length > 0) {
    const { a: rawA, b: rawB, at, path } = stack.pop() as (typeof stack)[number]
    const key = `${path}`
    if (seen.has(key) || path.split('/').length > 64) continue
    seen.add(key)
    const a = deref(before, rawA)
    const b = deref(after, rawB)
    const change = (
      pointer: string,
      direction: SchemaChange['direction'],
      message: string,
    ): void => {
      changes.push({ pointer, direction, message })
    }
    if (typeof a === 'boolean' || typeof b === 'boolean' || !isObject(a) || !isObject(b)) {
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        change(at, a === true ? 'tighter' : b === true ? 'looser' : 'changed', 'the schema changed')
      }
      continue
    }
    // type
    const typesA = typeSet(a)
    const typesB = typeSet(b)
    if (typesA && typesB) {
      const added = [...typesB].filter(
        (t) => !typesA.has(t) && !(t === 'number' && typesA.has('integer')),
      )
      const removed = [...typesA].filter(
        (t) => !typesB.has(t) && !(t === 'integer' && typesB.has('number')),
      )
      if (added.length > 0)
        change(joinPointer(at, 'type'), 'looser', `now also accepts type ${added.join(', ')}`)
      if (removed.length > 0)
        change(joinPointer(at, 'type'), 'tighter', `no longer accepts type ${removed.join(', ')}`)
      if (
        typesB.has('number') &&
        !typesB.has('integer') &&
        typesA.has('integer') &&
        !typesA.has('number')
      ) {
        change(joinPointer(at, 'type'), 'looser', 'integer became number')
      }
      if (typesA.has('number') && typesB.has('integer') && !typesB.has('number')) {
        change(joinPointer(at, 'type'), 'tighter', 'number became integer')
      }
    } else if (typesA && !typesB)
      change(joinPointer(at, 'type'), 'looser', 'the type constraint was removed')
    else if (!typesA && typesB)
      change(joinPointer(at, 'type'), 'tighter', `the type is now ${[...typesB].join(', ')}`)
    // enum
    if (Array.isArray(a.enum) || Array.isArray(b.enum)) {
      const enumA = Array.isArray(a.enum) ? a.enum.map((v) => JSON.stringify(v)) : undefined
      const enumB = Array.isArray(b.enum) ? b.enum.map((v) => JSON.stringify(v)) : undefined
      if (enumA && enumB) {
        const added = enumB.filter((v) => !enumA.includes(v))
        const removed = enumA.filter((v) => !enumB.includes(v))
        if (added.length > 0)
          change(
            joinPointer(at, 'enum'),
            'looser',
            `new value${added.length > 1 ? 's' : ''} ${added.join(', ')}`,
          )
        if (removed.length > 0)
          change(
            joinPointer(at, 'enum'),
            'tighter',
            `value${removed.length > 1 ? 's' : ''} ${removed.join(', ')} removed`,
          )
      } else if (enumA) change(joinPointer(at, 'enum'), 'looser', 'the enum was removed')
      else change(joinPointer(at, 'enum'), 'tighter', 'an enum was added')
    }
    // bounds
    for (const keyword of [...LOWER_BOUNDS, ...UPPER_BOUNDS]) {
      const x = a[keyword]
      const y = b[keyword]
      if (x === y || (typeof x !== 'number' && typeof y !== 'number')) continue
      const lower = LOWER_BOUNDS.includes(keyword)
      const where = joinPointer(at, keyword)
      if (typeof x !== 'number') change(where, 'tighter', `${keyword} ${String(y)} was added`)
      else if (typeof y !== 'number') change(where, 'looser', `${keyword} ${x} was removed`)
      else
        change(where, y > x === lower ? 'tighter' : 'looser', `${keyword} went from ${x} to ${y}`)
    }
    for (const keyword of EXACT) {
      const x = JSON.stringify(a[keyword])
      const y = JSON.stringify(b[keyword])
      if (x === y) continue
      const where = joinPointer(at, keyword)
      if (x === undefined) change(where, 'tighter', `${keyword} ${y} was added`)
      else if (y === undefined) change(where, 'looser', `${keyword} ${x} was removed`)
      else change(where, 'changed', `${keyword} went from ${x} to ${y}`)
    }
    for (const keyword of COMBINATORS) {
      if (JSON.stringify(a[keyword]) !== JSON.stringify(b[keyword])) {
        change(
          joinPointer(at, keyword),
          'changed',
          `${keyword} changed, and standin cannot tell how`,
        )
      }
    }
    // objects
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
    if (closedA && !closedB)
      change(
        joinPointer(at, 'additionalProperties'),
        'looser',
        'undeclared properties are now allowed',
      )
    if (!closedA && closedB)
      change(
        joinPointer(at, 'additionalProperties'),
        'tighter',
        'undeclared properties are no longer allowed',
      )
    // recurse
    for (const name of Object.keys(propsB)) {
      if (Object.hasOwn(propsA, name)) {
        stack.push({
          a: propsA[name],
          b: propsB[name],
          at: joinPointer(at, 'properties', name),
          path: joinPointer(path, 'properties', name),
        })
      }
    }
    if (isObject(a.items) || isObject(b.items)) {
      stack.push({
        a: a.items ?? true,
        b: b.items ?? true,
        at: joinPointer(at, 'items'),
        path: joinPointer(path, 'items'),
      })
    }
    if (isObject(a.additionalProperties) && isObject(b.additionalProperties)) {
      stack.push({
        a: a.additionalProperties,
        b: b.additionalProperties,
        at: joinPointer(at, 'additionalProperties'),
        path: joinPointer(path, 'additionalProperties'),
      })
    }
  }
  return changes.sort((x, y) => (x.pointer < y.pointer ? -1 : x.pointer > y.pointer ? 1 : 0))
}

function typeSet(schema: Record<string, unknown>): Set<string> | undefined {
  if (typeof schema.type === 'string') return new Set([schema.type])
  if (Array.isArray(schema.type)) return new Set(schema.type.map(String))
  return undefined
}
