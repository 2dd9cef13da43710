/**
 * Objects: required properties always, optional ones some of the time (none past the recursion
 * budget), more names when minProperties asks, dependentRequired honoured, names checked against
 * propertyNames, and `sumTo` applied to the numbers.
 */
import { assignOwn, hasOwn } from '../json/index.js'
import type { Rng } from './rng.js'
import type { Compiler } from './compiler.js'
import type { DrawState, GenNode } from './draw-state.js'
import { SOFT_DEPTH } from './draw-state.js'
import type { Shape } from './shape.js'
import type { SchemaRef } from './schema-index.js'
import { SchemaProblem } from './unsatisfiable-schema-error.js'
import { applySumTo } from './apply-hints.js'

/** The most properties standin puts in one object (a larger minProperties is unsupported). */
export const MAX_PROPERTIES = 1000

const EXTRA_NAMES = ['extra', 'note', 'meta', 'tag', 'info', 'detail', 'flag', 'ref']

/** Draws the field `name` into `out`, with the path of the value being made kept in `state`. */
function drawField(
  out: Record<string, unknown>,
  name: string,
  node: GenNode,
  rng: Rng,
  state: DrawState,
): void {
  state.path.push(name)
  try {
    assignOwn(out, name, node.gen(rng, state))
  } finally {
    state.path.pop()
  }
}

export function planObject(
  compiler: Compiler,
  shape: Shape,
  refs: readonly SchemaRef[],
): (rng: Rng, state: DrawState) => unknown {
  const at = refs[0]?.pointer ?? ''
  if (shape.minProperties > shape.maxProperties) {
    throw new SchemaProblem(
      'schema.unsatisfiable',
      shape.propertyPointers.max,
      `maxProperties (${shape.maxProperties}) is below minProperties (${shape.minProperties})`,
      'Swap the bounds or drop one.',
    )
  }
  if (shape.minProperties > MAX_PROPERTIES) {
    throw new SchemaProblem(
      'schema.unsupported',
      shape.propertyPointers.min,
      `minProperties (${shape.minProperties}) is above the ${MAX_PROPERTIES} properties standin generates`,
      'Lower minProperties.',
    )
  }
  const refsFor = (name: string): SchemaRef[] => {
    const out: SchemaRef[] = []
    for (const branch of shape.objects) {
      const declared = hasOwn(branch.properties, name) ? branch.properties[name] : undefined
      let matched = declared !== undefined
      if (declared) out.push(declared)
      for (const p of branch.patterns) {
        if (p.re.test(name)) {
          out.push(p.ref)
          matched = true
        }
      }
      if (!matched && branch.additional) out.push(branch.additional)
    }
    return out
  }
  const declaredNames = new Set(shape.objects.flatMap((b) => Object.keys(b.properties)))
  const nodes = new Map<string, GenNode | null>()
  const nodeFor = (name: string): GenNode | null => {
    let node = nodes.get(name)
    if (node === undefined) {
      try {
        node = compiler.node(refsFor(name), name)
      } catch (error) {
        if (!(error instanceof SchemaProblem)) throw error
        // `properties: { x: false }` (or `not: {}`) forbids a property on purpose: leave it out.
        // Any other impossible property schema is a mistake worth reporting.
        const forbids =
          error.reason.startsWith('the schema is false') || error.reason.startsWith('not excludes')
        if (declaredNames.has(name) && !forbids) throw error
        node = null
      }
      nodes.set(name, node)
    }
    return node
  }
  const nameOk = shape.propertyNames.length > 0 ? compiler.check(shape.propertyNames) : () => true
  const required = [...shape.required]
  for (const name of required) {
    if (!nameOk(name)) {
      throw new SchemaProblem(
        'schema.unsatisfiable',
        `${at}/required`,
        `required property "${name}" is not allowed by propertyNames`,
        'Rename the property or loosen propertyNames.',
      )
    }
    try {
      compiler.node(refsFor(name), name)
    } catch (error) {
      if (!(error instanceof SchemaProblem)) throw error
      const detail = error.pointer.endsWith('additionalProperties')
        ? 'is not allowed by additionalProperties: false'
        : `cannot hold any value (${error.pointer}: ${error.reason})`
      throw new SchemaProblem(
        'schema.unsatisfiable',
        `${at}/required`,
        `required property "${name}" ${detail}`,
        'Declare the property, or stop requiring it.',
      )
    }
  }
  if (required.length > shape.maxProperties) {
    throw new SchemaProblem(
      'schema.unsatisfiable',
      shape.propertyPointers.max,
      `maxProperties (${shape.maxProperties}) is below the ${required.length} required properties`,
      'Raise maxProperties or require fewer properties.',
    )
  }
  const declared = new Set<string>()
  for (const branch of shape.objects)
    for (const name of Object.keys(branch.properties)) declared.add(name)
  const optional = [...declared].filter(
    (n) => !shape.required.has(n) && nameOk(n) && nodeFor(n) !== null,
  )
  const namesNode =
    shape.propertyNames.length > 0 ? safeNode(compiler, shape.propertyNames) : undefined
  const sumTo =
    compiler.hints && typeof shape.hints.sumTo === 'number' ? shape.hints.sumTo : undefined
  const extraName = (rng: Rng, taken: Set<string>, state: DrawState): string | undefined => {
    for (let i = 0; i < 8; i++) {
      let name = `${rng.pick(EXTRA_NAMES)}_${rng.int(1, 999)}`
      if (namesNode && i % 2 === 0) {
        const drawn = namesNode.gen(rng, state)
        if (typeof drawn === 'string') name = drawn
      } else {
        const pattern = shape.objects.flatMap((b) => b.patterns)[0]
        if (pattern && i % 4 === 1) {
          const candidate = compiler.node([
            {
              schema: { type: 'string', pattern: pattern.re.source },
              pointer: `${pattern.ref.pointer}#name`,
              base: pattern.ref.base,
              inline: true,
            },
          ])
          name = String(candidate.gen(rng, state))
        }
      }
      if (!taken.has(name) && nameOk(name) && nodeFor(name) !== null) return name
    }
    return undefined
  }
  // The common case (no minProperties to reach, no dependentRequired, no maxProperties to
  // respect) takes a fast path over precompiled nodes.
  const simple =
    shape.minProperties <= required.length &&
    shape.dependentRequired.size === 0 &&
    shape.maxProperties >= required.length + optional.length
  const requiredNodes = required.map((name) => [name, nodeFor(name)] as const)
  const optionalNodes = optional.map((name) => [name, nodeFor(name) as GenNode] as const)
  const fast = (rng: Rng, state: DrawState): Record<string, unknown> => {
    const minimal = state.depth > SOFT_DEPTH
    const out: Record<string, unknown> = {}
    state.depth++
    try {
      for (const [name, node] of requiredNodes) {
        if (!node) continue
        drawField(out, name, node, rng, state)
      }
      if (!minimal) {
        for (const [name, node] of optionalNodes) {
          if (rng.next() >= 0.6) continue
          drawField(out, name, node, rng, state)
        }
      }
    } finally {
      state.depth--
    }
    return out
  }
  if (simple) {
    return (rng, state) => {
      const out = fast(rng, state)
      return sumTo !== undefined ? applySumTo(out, sumTo, rng) : out
    }
  }
  return (rng, state) => {
    const minimal = state.depth > SOFT_DEPTH
    const names = new Set(required)
    for (const name of optional) {
      if (names.size >= shape.maxProperties) break
      if (!minimal && rng.chance(0.6)) names.add(name)
    }
    for (const name of optional) {
      if (names.size >= shape.minProperties) break
      names.add(name)
    }
    while (names.size < shape.minProperties) {
      const name = extraName(rng, names, state)
      if (name === undefined) break
      names.add(name)
    }
    if (shape.dependentRequired.size > 0) {
      let grew = true
      while (grew) {
        grew = false
        for (const [trigger, needs] of shape.dependentRequired) {
          if (!names.has(trigger)) continue
          for (const n of needs) {
            if (names.has(n)) continue
            names.add(n)
            grew = true
          }
        }
      }
    }
    const out: Record<string, unknown> = {}
    state.depth++
    try {
      for (const name of names) {
        const node = nodeFor(name)
        if (!node) continue
        drawField(out, name, node, rng, state)
      }
    } finally {
      state.depth--
    }
    return sumTo !== undefined ? applySumTo(out, sumTo, rng) : out
  }
}

function safeNode(compiler: Compiler, refs: readonly SchemaRef[]): GenNode | undefined {
  try {
    return compiler.node(refs)
  } catch (error) {
    if (error instanceof SchemaProblem) return undefined
    throw error
  }
}
