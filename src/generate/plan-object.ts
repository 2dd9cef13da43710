/**
 * Objects: required properties always, optional ones some of the time (none past the recursion
 * budget), more names when minProperties asks, dependentRequired honoured, names checked against
 * propertyNames, and `sumTo` applied to the numbers.
 */
import { assignOwn, hasOwn } from '../json/index.js'
import type { Rng } from './rng.js'
import type { Compiler } from './compiler.js'
import type { DrawState, GenNode } from './draw-state.js'
import { SOFT_DEPTH, skipOfNode } from './draw-state.js'
import type { Shape } from './shape.js'
import type { SchemaRef } from './schema-index.js'
import { SchemaProblem } from './unsatisfiable-schema-error.js'
import { applySumTo, sumToKeys } from './apply-hints.js'
import { provenPlan } from './exact-proof.js'
import { parsePointer } from '../json/index.js'
import type { NumericBounds } from './draw-state.js'

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
  state.holder = out
  state.holderAt = state.path.length
  try {
    assignOwn(out, name, node.gen(rng, state))
  } finally {
    state.path.pop()
  }
}

/** What drawing an object of one shape needs, compiled once. */
interface ObjectPlan {
  readonly shape: Shape
  readonly required: readonly string[]
  readonly optional: readonly string[]
  /** The node of a property (null: the property cannot be present), compiled on first use. */
  readonly nodeFor: (name: string) => GenNode | null
  /** True when the name is allowed by propertyNames. */
  readonly nameOk: (name: string) => boolean
  readonly sumTo: number | undefined
}

export function planObject(
  compiler: Compiler,
  shape: Shape,
  refs: readonly SchemaRef[],
): (rng: Rng, state: DrawState) => unknown {
  checkPropertyCounts(shape)
  const refsFor = propertyRefs(shape)
  const nodeFor = propertyNodes(compiler, shape, refsFor)
  const nameOk = shape.propertyNames.length > 0 ? compiler.check(shape.propertyNames) : () => true
  const required = [...shape.required]
  checkRequired(compiler, shape, required, refs[0]?.pointer ?? '', nameOk, refsFor)
  const declared = new Set<string>()
  for (const branch of shape.objects)
    for (const name of Object.keys(branch.properties)) declared.add(name)
  const optional = [...declared].filter(
    (n) => !shape.required.has(n) && nameOk(n) && nodeFor(n) !== null,
  )
  const sumTo =
    compiler.hints && typeof shape.hints.sumTo === 'number' ? shape.hints.sumTo : undefined
  const plan: ObjectPlan = { shape, required, optional, nodeFor, nameOk, sumTo }
  const extraName = extraNamer(compiler, plan)
  // The common case (no minProperties to reach, no dependentRequired, no maxProperties to
  // respect) takes a fast path over precompiled nodes.
  const simple =
    shape.minProperties <= required.length &&
    shape.dependentRequired.size === 0 &&
    shape.maxProperties >= required.length + optional.length
  if (!simple) return fullObject(plan, extraName)
  return provenPlan(fastObject(plan), proveObject(plan, [...required, ...optional]))
}

/**
 * The fast object is proven (exact-proof.ts) when it draws only declared or required names with
 * exact nodes, and `sumTo`'s shares fit every number property. Also proves its properties'
 * `lte` swaps with a sibling of the same bounds (`GenNode.lteSafe`).
 */
function proveObject(plan: ObjectPlan, names: readonly string[]): boolean {
  const nodes = names.map((name) => plan.nodeFor(name))
  for (const node of nodes) {
    if (!node || node.lte === undefined) continue
    const tokens = parsePointer(node.lte)
    const sibling = tokens?.length === 1 && tokens[0] !== undefined ? plan.nodeFor(tokens[0]) : null
    const alike = sibling ? sameBounds(node.numeric, sibling.numeric) : false
    node.lteSafe = (node.lteSafe ?? true) && alike
  }
  const { sumTo } = plan
  return (
    plan.shape.propertyNames.length === 0 &&
    nodes.every((node) => node?.exact === true) &&
    (sumTo === undefined || nodes.every((node) => node?.numberFree || sharesFit(node, sumTo)))
  )
}

/** Both nodes are plain number nodes of the same type and bounds: a swap keeps both valid. */
function sameBounds(a: NumericBounds | undefined, b: NumericBounds | undefined): boolean {
  const same = (x?: NumericBounds['low'], y?: NumericBounds['low']): boolean =>
    x === y || (x?.value === y?.value && x?.exclusive === y?.exclusive)
  return !!a && !!b && a.integer === b.integer && same(a.low, b.low) && same(a.high, b.high)
}

/** A share of `total` (a number in [0, total], 6 decimals) is valid for the node. */
function sharesFit(node: GenNode | null, total: number): boolean {
  const numeric = node?.numeric
  if (!numeric || numeric.integer || !(total >= 0)) return false
  const { low, high } = numeric
  const lowOk = !low || low.value < 0 || (low.value === 0 && !low.exclusive)
  const highOk = !high || high.value > total || (high.value === total && !high.exclusive)
  return lowOk && highOk
}

/** Refuses property counts no object can have, or more than standin makes. */
function checkPropertyCounts(shape: Shape): void {
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
}

/** The subschemas a property of each name must satisfy: declared, by pattern, or additional. */
function propertyRefs(shape: Shape): (name: string) => SchemaRef[] {
  return (name) => {
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
}

/** The node of each property, compiled on first use; null for a property that is forbidden. */
function propertyNodes(
  compiler: Compiler,
  shape: Shape,
  refsFor: (name: string) => SchemaRef[],
): (name: string) => GenNode | null {
  const declaredNames = new Set(shape.objects.flatMap((b) => Object.keys(b.properties)))
  const nodes = new Map<string, GenNode | null>()
  return (name) => {
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
}

/** Refuses a required property that propertyNames forbids or that can hold no value. */
function checkRequired(
  compiler: Compiler,
  shape: Shape,
  required: readonly string[],
  at: string,
  nameOk: (name: string) => boolean,
  refsFor: (name: string) => SchemaRef[],
): void {
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
}

/** A new property name for minProperties: from propertyNames, a pattern, or a plain word. */
type ExtraNamer = (rng: Rng, taken: Set<string>, state: DrawState) => string | undefined

function extraNamer(compiler: Compiler, plan: ObjectPlan): ExtraNamer {
  const { shape, nameOk, nodeFor } = plan
  const namesNode =
    shape.propertyNames.length > 0 ? safeNode(compiler, shape.propertyNames) : undefined
  return (rng, taken, state) => {
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
}

/** Property names and nodes side by side (no tuple per property), `__proto__` marked. */
interface Fields {
  readonly names: readonly string[]
  readonly nodes: readonly (GenNode | null)[]
  readonly proto: readonly boolean[]
}

function fields(plan: ObjectPlan, names: readonly string[]): Fields {
  return {
    names,
    nodes: names.map((name) => plan.nodeFor(name)),
    proto: names.map((name) => name === '__proto__'),
  }
}

/**
 * Draws field `i` of `f` into `out`: the path holds its name while it is drawn (drawField's
 * steps, with the name popped by the caller's `finally` when the draw throws).
 */
function drawAt(f: Fields, i: number, out: Record<string, unknown>, rng: Rng, state: DrawState) {
  const node = f.nodes[i]
  if (!node) return
  const name = f.names[i] as string
  state.path.push(name)
  state.holder = out
  state.holderAt = state.path.length
  const value = node.gen(rng, state)
  state.path.pop()
  if (f.proto[i]) assignOwn(out, name, value)
  else out[name] = value
}

/** Draws each required property, and each optional one 60% of the time (none past SOFT_DEPTH). */
function fastObject(plan: ObjectPlan): (rng: Rng, state: DrawState) => unknown {
  const required = fields(plan, plan.required)
  const optional = fields(plan, plan.optional)
  const { sumTo } = plan
  const sumKeys = sumTo !== undefined ? fixedNumberKeys(required, optional) : undefined
  // sumTo overwrites every field of such an object without reading it: its fields' draws only
  // advance the rng (`skipOfNode`), and the shares are the fields.
  const skips = sumKeys ? required.nodes.map((node) => skipOfNode(node)) : []
  if (skips.every((skip) => skip !== undefined) && sumKeys && sumTo !== undefined)
    return skippedObject(sumKeys, skips, sumTo)
  return (rng, state) => {
    const minimal = state.depth > SOFT_DEPTH
    const out: Record<string, unknown> = {}
    const base = state.path.length
    state.depth++
    try {
      for (let i = 0; i < required.names.length; i++) drawAt(required, i, out, rng, state)
      if (!minimal) {
        for (let i = 0; i < optional.names.length; i++) {
          if (rng.next() >= 0.6) continue
          drawAt(optional, i, out, rng, state)
        }
      }
    } finally {
      state.depth--
      state.path.length = base
    }
    if (sumTo === undefined) return out
    return sumKeys ? sumToKeys(out, sumKeys, sumTo, rng) : applySumTo(out, sumTo, rng)
  }
}

/**
 * An object of numbers `sumTo` rescales: the draws of its fields skipped, then the shares, which
 * `sumToKeys` writes in the keys' order (the order the fields would have been drawn in).
 */
function skippedObject(
  keys: readonly string[],
  skips: readonly ((rng: Rng, state: DrawState) => void)[],
  sumTo: number,
): (rng: Rng, state: DrawState) => unknown {
  return (rng, state) => {
    const out: Record<string, unknown> = {}
    state.depth++
    try {
      for (let i = 0; i < keys.length; i++)
        (skips[i] as (rng: Rng, state: DrawState) => void)(rng, state)
    } finally {
      state.depth--
    }
    return sumToKeys(out, keys, sumTo, rng)
  }
}

/**
 * The keys `numberKeys` finds in every object the fast plan draws, when they are known at compile
 * time: no optional field, every field a plain number node (its values are numbers), and no name
 * Object.keys would list out of drawing order (an array index) or `__proto__`.
 */
function fixedNumberKeys(required: Fields, optional: Fields): readonly string[] | undefined {
  if (optional.names.length > 0) return undefined
  const fixed = required.names.every(
    (name, i) =>
      required.nodes[i]?.numeric !== undefined && !/^\d+$/.test(name) && !required.proto[i],
  )
  return fixed ? required.names : undefined
}

/** The names of one object: required, optional by chance, more for minProperties, dependents. */
function pickNames(plan: ObjectPlan, extraName: ExtraNamer, rng: Rng, state: DrawState) {
  const { shape, optional } = plan
  const minimal = state.depth > SOFT_DEPTH
  const names = new Set(plan.required)
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
  let grew = shape.dependentRequired.size > 0
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
  return names
}

/** Draws an object with minProperties, maxProperties and dependentRequired honoured. */
function fullObject(
  plan: ObjectPlan,
  extraName: ExtraNamer,
): (rng: Rng, state: DrawState) => unknown {
  const { sumTo } = plan
  return (rng, state) => {
    const names = pickNames(plan, extraName, rng, state)
    const out: Record<string, unknown> = {}
    state.depth++
    try {
      for (const name of names) {
        const node = plan.nodeFor(name)
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
