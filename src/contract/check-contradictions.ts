/**
 * Keywords of one schema node that contradict each other, so no value can satisfy the node (or
 * the object holding it): bounds the wrong way round, an empty enum, enum or const values of the
 * wrong type, a required property that `additionalProperties: false` forbids. Found at load time
 * with the pointer and the fix; deeper unsatisfiability is the generator's to prove.
 */
import type { Problem } from '../errors.js'
import { joinPointer } from '../json/index.js'
import { isObject, walkSchema } from '../json/index.js'
import { backtrackingAllowed, linearRegExp } from './linear-regexp.js'

const PAIRS: readonly (readonly [lower: string, upper: string, strict: boolean])[] = [
  ['minimum', 'maximum', false],
  ['exclusiveMinimum', 'maximum', true],
  ['minimum', 'exclusiveMaximum', true],
  ['exclusiveMinimum', 'exclusiveMaximum', true],
  ['minLength', 'maxLength', false],
  ['minItems', 'maxItems', false],
  ['minProperties', 'maxProperties', false],
  ['minContains', 'maxContains', false],
]

/** Every contradiction in `schema` (located at `base` in `file`). */
export function checkContradictions(
  schema: unknown,
  file: string | undefined,
  base: string,
): Problem[] {
  const problems: Problem[] = []
  const error = (pointer: string, message: string, hint: string): void => {
    problems.push({ code: 'schema.contradiction', severity: 'error', file, pointer, message, hint })
  }
  walkSchema(schema, base, (node, pointer) => {
    if (!isObject(node)) return
    for (const [lower, upper, strict] of PAIRS) {
      const low = node[lower]
      const high = node[upper]
      if (typeof low !== 'number' || typeof high !== 'number') continue
      if (strict ? low >= high : low > high) {
        error(
          pointer,
          `"${upper}" (${high}) is ${strict && low === high ? 'equal to' : 'below'} "${lower}" (${low}), so no value fits`,
          'Swap the bounds or drop one.',
        )
      }
    }
    const types = declaredTypes(node)
    if (Array.isArray(node.enum)) problems.push(...enumProblems(node.enum, types, file, pointer))
    if ('const' in node && types && !types.some((t) => hasType(node.const, t))) {
      error(
        joinPointer(pointer, 'const'),
        `${JSON.stringify(node.const)} is not ${types.join(' or ')}, as "type" requires`,
        'Fix the value, or the type.',
      )
    }
    if (
      Array.isArray(node.required) &&
      isObject(node.properties) &&
      node.additionalProperties === false
    ) {
      const declared = node.properties
      const patterns = isObject(node.patternProperties) ? Object.keys(node.patternProperties) : []
      node.required.forEach((name: unknown, i) => {
        if (typeof name !== 'string' || Object.hasOwn(declared, name)) return
        if (patterns.some((p) => safeTest(p, name))) return
        error(
          joinPointer(pointer, 'required', i),
          `"${name}" is required, but not declared under properties while additionalProperties is false, so no value fits`,
          'Declare it under properties, or drop it from required.',
        )
      })
    }
  })
  return problems
}

/**
 * An empty enum, or enum values `type` never lets through. When none fits, no value fits the node
 * (an error); when some do, the schema is valid and satisfiable and the others are dead values (a
 * warning): SchemaStore's codeship-steps.json lists null in the enum of a `type: string`.
 */
function enumProblems(
  values: readonly unknown[],
  types: readonly string[] | undefined,
  file: string | undefined,
  pointer: string,
): Problem[] {
  if (values.length === 0) {
    return [
      {
        code: 'schema.contradiction',
        severity: 'error',
        file,
        pointer: joinPointer(pointer, 'enum'),
        message: 'the enum is empty, so no value fits',
        hint: 'List the allowed values, or drop the enum.',
      },
    ]
  }
  if (!types) return []
  const misfits = values.flatMap((value, i) =>
    types.some((t) => hasType(value, t)) ? [] : [{ value, i }],
  )
  const none = misfits.length === values.length
  return misfits.map(({ value, i }) => ({
    code: none ? 'schema.contradiction' : 'schema.dead-enum-value',
    severity: none ? 'error' : 'warning',
    file,
    pointer: joinPointer(pointer, 'enum', i),
    message: `${JSON.stringify(value)} is not ${types.join(' or ')}, as "type" requires${none ? '' : ', so no value can take it (the other values still fit)'}`,
    hint: 'Fix the value, or the type.',
  }))
}

/**
 * The types `type` allows, or undefined without one. OpenAPI 3.0's `nullable: true` adds null, and
 * the spec asks for null in the `enum` of a nullable schema, so null is no contradiction there
 * (the check runs before `understandOpenApi` applies the keyword).
 */
function declaredTypes(node: Record<string, unknown>): string[] | undefined {
  const types =
    typeof node.type === 'string'
      ? [node.type]
      : Array.isArray(node.type)
        ? node.type.map(String)
        : undefined
  return types && node.nullable === true ? [...types, 'null'] : types
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null
    case 'array':
      return Array.isArray(value)
    case 'object':
      return isObject(value)
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value)
    default:
      return typeof value === type
  }
}

function safeTest(pattern: string, name: string): boolean {
  try {
    // Linear time: a contract under review must not stall lint with `^(a+)+$` and `aaaa…!`.
    return linearRegExp(pattern, backtrackingAllowed()).test(name)
  } catch {
    return false
  }
}
