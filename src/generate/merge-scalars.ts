/**
 * Merges the keywords of one subschema about any value, numbers and strings into a shape: type,
 * const, enum, bounds, multipleOf, lengths, pattern and format (the tightest of each wins).
 */
import { compilePattern, num, type JsonType, type Shape, tightenCounts } from './shape.js'
import { SchemaProblem } from './unsatisfiable-schema-error.js'

/** Raises the lower bound to `value` when that is tighter. */
function tightenLow(shape: Shape, value: number, exclusive: boolean, pointer: string): void {
  const cur = shape.low
  if (!cur || value > cur.value || (value === cur.value && exclusive && !cur.exclusive)) {
    shape.low = { value, exclusive, pointer }
  }
}

/** Lowers the upper bound to `value` when that is tighter. */
function tightenHigh(shape: Shape, value: number, exclusive: boolean, pointer: string): void {
  const cur = shape.high
  if (!cur || value < cur.value || (value === cur.value && exclusive && !cur.exclusive)) {
    shape.high = { value, exclusive, pointer }
  }
}

/** Adds the scalar keywords of `s` (at `at(keyword)`) to `shape`. */
export function mergeScalars(
  shape: Shape,
  s: Record<string, unknown>,
  at: (keyword: string) => string,
): void {
  // type
  if (s.type !== undefined) {
    const list = (Array.isArray(s.type) ? s.type : [s.type]).filter(
      (t): t is JsonType => typeof t === 'string',
    )
    const set = new Set<JsonType>(list)
    if (set.has('number')) set.add('integer')
    if (shape.types === null) shape.types = set
    else
      shape.types = new Set(
        [...shape.types].filter((t) => set.has(t) || (t === 'integer' && set.has('number'))),
      )
    shape.typePointer = at('type')
    if (shape.types.size === 0) {
      throw new SchemaProblem(
        'schema.unsatisfiable',
        at('type'),
        'the types required here have no type in common (contradictory allOf)',
        'Make the allOf branches agree on a type.',
      )
    }
  }
  if ('const' in s) shape.consts.push({ value: s.const, pointer: at('const') })
  if (Array.isArray(s.enum)) {
    if (s.enum.length === 0)
      throw new SchemaProblem(
        'schema.unsatisfiable',
        at('enum'),
        'enum is empty, so no value is valid',
        'List at least one value.',
      )
    shape.enums.push({ values: s.enum, pointer: at('enum') })
  }
  // numbers
  if (num(s.minimum)) tightenLow(shape, s.minimum, false, at('minimum'))
  if (num(s.maximum)) tightenHigh(shape, s.maximum, false, at('maximum'))
  if (num(s.exclusiveMinimum)) tightenLow(shape, s.exclusiveMinimum, true, at('exclusiveMinimum'))
  if (num(s.exclusiveMaximum)) tightenHigh(shape, s.exclusiveMaximum, true, at('exclusiveMaximum'))
  if (num(s.multipleOf) && s.multipleOf > 0)
    shape.multipleOf.push({ value: s.multipleOf, pointer: at('multipleOf') })
  // strings
  tightenCounts(shape, s, at, 'Length')
  if (typeof s.pattern === 'string') {
    compilePattern(s.pattern, at('pattern'))
    shape.patterns.push({ source: s.pattern, pointer: at('pattern') })
  }
  if (typeof s.format === 'string') shape.formats.push(s.format)
}
