/**
 * Arrays: a length in [minItems, maxItems] (the input array's length under `lengthOf`, minItems
 * past the recursion budget), tuple items from prefixItems (or draft-07 `items: [...]`),
 * `contains` items placed at random positions, uniqueItems by redrawing duplicates, then the
 * `order` and `sumTo` hints.
 */
import type { Rng } from './rng.js'
import type { Compiler } from './compiler.js'
import type { DrawState, GenNode } from './draw-state.js'
import { Redraw, SOFT_DEPTH, pointerReader } from './draw-state.js'
import type { Shape } from './shape.js'
import type { SchemaRef } from './schema-index.js'
import { SchemaProblem } from './unsatisfiable-schema-error.js'
import { canonicalJson } from './canonical-json.js'
import { applyOrder, applySumTo } from './apply-hints.js'
import { provenPlan } from './exact-proof.js'

/** The most items standin puts in one array (a larger minItems is unsupported). */
export const MAX_ITEMS = 10_000

export function planArray(
  compiler: Compiler,
  shape: Shape,
  refs: readonly SchemaRef[],
): (rng: Rng, state: DrawState) => unknown {
  checkItemCounts(shape)
  const items = compileItems(compiler, shape)
  const contains = compileContains(shape, items)
  const needed = contains.reduce((n, c) => n + c.min, 0)
  const { max } = items
  if (needed > max) {
    throw new SchemaProblem(
      'schema.unsatisfiable',
      shape.itemPointers.max || (shape.contains[0]?.ref.pointer ?? ''),
      `the array needs ${needed} items for contains but maxItems allows ${max}`,
      'Raise maxItems or lower minContains.',
    )
  }
  const hints = compiler.hints ? shape.hints : {}
  const length = arrayLength(shape, hints, max, Math.max(shape.minItems, needed))
  const sumTo = typeof hints.sumTo === 'number' ? hints.sumTo : undefined
  const order = hints.order
  if (order !== undefined || shape.uniqueItems) compiler.holdersMove()
  const pointer = refs[0]?.pointer ?? ''
  // Proven (exact-proof.ts): one item schema, its node exact, a length in the bounds; `order`
  // only reorders the items. contains, prefixItems, uniqueItems and sumTo are not proven.
  const proven =
    shape.contains.length === 0 &&
    shape.arrays.every((b) => b.prefix.length === 0) &&
    !shape.uniqueItems &&
    sumTo === undefined &&
    items.exact
  return provenPlan((rng: Rng, state: DrawState) => {
    const n = length(rng, state)
    // Without contains no item is special: no map to build and look in per item.
    const special = contains.length > 0 ? placeContains(contains, n, rng) : undefined
    const nodeAt = special ? (i: number) => special.get(i) ?? items.itemNode(i) : items.itemNode
    const out = drawItems(n, nodeAt, shape, pointer, rng, state)
    if (sumTo !== undefined) applySumTo(out, sumTo, rng)
    if (order !== undefined) applyOrder(out, order)
    return out
  }, proven)
}

/** Refuses item counts no array can have, or more than standin makes. */
function checkItemCounts(shape: Shape): void {
  const min = shape.minItems
  const max = shape.maxItems
  if (min > max) {
    throw new SchemaProblem(
      'schema.unsatisfiable',
      shape.itemPointers.max,
      `maxItems (${max}) is below minItems (${min})`,
      'Swap the bounds or drop one.',
    )
  }
  if (min > MAX_ITEMS) {
    throw new SchemaProblem(
      'schema.unsupported',
      shape.itemPointers.min,
      `minItems (${min}) is above the ${MAX_ITEMS} items standin generates`,
      'Lower minItems.',
    )
  }
}

/** The item nodes, by position (prefixItems, then the rest), and the most items possible. */
interface Items {
  readonly prefixLength: number
  readonly max: number
  readonly itemNode: (i: number) => GenNode
  /** The node of item `i` with `extra` subschemas; null when none can hold past minItems. */
  readonly compileAt: (i: number, extra?: readonly SchemaRef[]) => GenNode | null
  /** Every item node compiled is exact (or none can hold, so no item is drawn there). */
  readonly exact: boolean
}

function compileItems(compiler: Compiler, shape: Shape): Items {
  const min = shape.minItems
  let max = shape.maxItems
  const prefixLength = Math.max(0, ...shape.arrays.map((b) => b.prefix.length))
  const refsAt = (i: number): SchemaRef[] => {
    const out: SchemaRef[] = []
    for (const b of shape.arrays) {
      const r = i < b.prefix.length ? b.prefix[i] : b.rest
      if (r) out.push(r)
    }
    return out
  }
  const compileAt = (i: number, extra: readonly SchemaRef[] = []): GenNode | null => {
    try {
      return compiler.node([...refsAt(i), ...extra])
    } catch (error) {
      if (!(error instanceof SchemaProblem)) throw error
      if (i < min) throw error
      return null
    }
  }
  const nodes: (GenNode | null)[] = []
  for (let i = 0; i <= prefixLength; i++) {
    const node = compileAt(i)
    nodes.push(node)
    if (node === null) {
      max = Math.min(max, i)
      break
    }
  }
  const itemNode = (i: number): GenNode => (nodes[Math.min(i, prefixLength)] ?? nodes[0]) as GenNode
  const exact = nodes.every((n) => n === null || n.exact === true)
  return { prefixLength, max, itemNode, compileAt, exact }
}

/** A contains clause compiled: the node of an item that satisfies it, and how many are needed. */
interface Contains {
  readonly node: GenNode | null
  readonly min: number
}

function compileContains(shape: Shape, items: Items): Contains[] {
  return shape.contains.map((c) => {
    if (c.min > c.max) {
      throw new SchemaProblem(
        'schema.unsatisfiable',
        `${c.ref.pointer.replace(/\/contains$/, '')}/maxContains`,
        `maxContains (${c.max}) is below minContains (${c.min})`,
        'Swap the bounds or drop one.',
      )
    }
    const node = items.compileAt(items.prefixLength, [c.ref]) ?? items.compileAt(0, [c.ref])
    if (!node && c.min > 0)
      throw new SchemaProblem(
        'schema.unsatisfiable',
        c.ref.pointer,
        'no item allowed here can satisfy contains',
        'Loosen contains or the items schema.',
      )
    return { node, min: c.min }
  })
}

/** How many items a draw makes: the input's length for `lengthOf`, else drawn in the range. */
function arrayLength(
  shape: Shape,
  hints: Readonly<Record<string, unknown>>,
  max: number,
  low: number,
): (rng: Rng, state: DrawState) => number {
  const readLength = typeof hints.lengthOf === 'string' ? pointerReader(hints.lengthOf) : undefined
  // A declared maxItems is a range to cover (1-64 predictions means 1 to 64); without one, a few
  // items. Below the top levels lists stay short so nested arrays do not multiply.
  const spreadHigh = Number.isFinite(max) ? Math.min(max, low + 100) : low + 4
  const shallowHigh = Math.min(max, low + 4)
  return (rng, state) => {
    const source =
      readLength && state.hints && state.input !== undefined ? readLength(state.input) : undefined
    if (Array.isArray(source) || typeof source === 'string')
      return Math.min(max, Math.max(low, source.length))
    return state.depth > SOFT_DEPTH
      ? low
      : rng.int(low, state.depth >= 2 ? shallowHigh : spreadHigh)
  }
}

/** The positions of the items drawn for contains, each at a random free index. */
function placeContains(contains: readonly Contains[], n: number, rng: Rng): Map<number, GenNode> {
  const special = new Map<number, GenNode>()
  for (const c of contains) {
    for (let k = 0; k < c.min && c.node; k++) {
      let i = rng.int(0, n - 1)
      while (special.has(i)) i = (i + 1) % n
      special.set(i, c.node)
    }
  }
  return special
}

/** Draws `n` items, redrawing a duplicate under uniqueItems (a few times, then the draw fails). */
function drawItems(
  n: number,
  nodeAt: (i: number) => GenNode,
  shape: Shape,
  pointer: string,
  rng: Rng,
  state: DrawState,
): unknown[] {
  const out: unknown[] = []
  const seen = shape.uniqueItems ? new Set<string>() : undefined
  const path = state.path
  const base = path.length
  state.depth++
  try {
    for (let i = 0; i < n; i++) {
      const node = nodeAt(i)
      path.push(i)
      let value = node.gen(rng, state)
      if (seen) {
        let key = canonicalJson(value)
        for (let t = 0; seen.has(key) && t < 12; t++) {
          value = node.gen(rng, state)
          key = canonicalJson(value)
        }
        if (seen.has(key)) throw new Redraw('uniqueItems: no distinct item found', pointer)
        seen.add(key)
      }
      path.pop()
      out.push(value)
    }
  } finally {
    // The index pushed for an item whose draw threw is taken off here.
    state.depth--
    path.length = base
  }
  return out
}
