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

/** The most items standin puts in one array (a larger minItems is unsupported). */
export const MAX_ITEMS = 10_000

export function planArray(
  compiler: Compiler,
  shape: Shape,
  refs: readonly SchemaRef[],
): (rng: Rng, state: DrawState) => unknown {
  const min = shape.minItems
  let max = shape.maxItems
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
  const prefixLength = Math.max(0, ...shape.arrays.map((b) => b.prefix.length))
  const refsAt = (i: number): SchemaRef[] => {
    const out: SchemaRef[] = []
    for (const b of shape.arrays) {
      const r = i < b.prefix.length ? b.prefix[i] : b.rest
      if (r) out.push(r)
    }
    return out
  }
  const nodes: (GenNode | null)[] = []
  const compileAt = (i: number, extra: readonly SchemaRef[] = []): GenNode | null => {
    try {
      return compiler.node([...refsAt(i), ...extra])
    } catch (error) {
      if (!(error instanceof SchemaProblem)) throw error
      if (i < min) throw error
      return null
    }
  }
  for (let i = 0; i <= prefixLength; i++) {
    const node = compileAt(i)
    nodes.push(node)
    if (node === null) {
      max = Math.min(max, i)
      break
    }
  }
  const itemNode = (i: number): GenNode => (nodes[Math.min(i, prefixLength)] ?? nodes[0]) as GenNode
  const contains = shape.contains.map((c) => {
    if (c.min > c.max) {
      throw new SchemaProblem(
        'schema.unsatisfiable',
        `${c.ref.pointer.replace(/\/contains$/, '')}/maxContains`,
        `maxContains (${c.max}) is below minContains (${c.min})`,
        'Swap the bounds or drop one.',
      )
    }
    const node = compileAt(prefixLength, [c.ref]) ?? compileAt(0, [c.ref])
    if (!node && c.min > 0)
      throw new SchemaProblem(
        'schema.unsatisfiable',
        c.ref.pointer,
        'no item allowed here can satisfy contains',
        'Loosen contains or the items schema.',
      )
    return { node, min: c.min }
  })
  const needed = contains.reduce((n, c) => n + c.min, 0)
  if (needed > max) {
    throw new SchemaProblem(
      'schema.unsatisfiable',
      shape.itemPointers.max || (shape.contains[0]?.ref.pointer ?? ''),
      `the array needs ${needed} items for contains but maxItems allows ${max}`,
      'Raise maxItems or lower minContains.',
    )
  }
  const hints = compiler.hints ? shape.hints : {}
  const readLength = typeof hints.lengthOf === 'string' ? pointerReader(hints.lengthOf) : undefined
  const sumTo = typeof hints.sumTo === 'number' ? hints.sumTo : undefined
  const order = hints.order
  const low = Math.max(min, needed)
  // A declared maxItems is a range to cover (1-64 predictions means 1 to 64); without one, a few
  // items. Below the top levels lists stay short so nested arrays do not multiply.
  const spreadHigh = Number.isFinite(max) ? Math.min(max, low + 100) : low + 4
  const shallowHigh = Math.min(max, low + 4)
  return (rng, state) => {
    let n: number
    const source =
      readLength && state.hints && state.input !== undefined ? readLength(state.input) : undefined
    if (Array.isArray(source) || typeof source === 'string')
      n = Math.min(max, Math.max(low, source.length))
    else
      n = state.depth > SOFT_DEPTH ? low : rng.int(low, state.depth >= 2 ? shallowHigh : spreadHigh)
    const special = new Map<number, GenNode>()
    for (const c of contains) {
      for (let k = 0; k < c.min && c.node; k++) {
        let i = rng.int(0, n - 1)
        while (special.has(i)) i = (i + 1) % n
        special.set(i, c.node)
      }
    }
    const out: unknown[] = []
    const seen = shape.uniqueItems ? new Set<string>() : undefined
    state.depth++
    try {
      for (let i = 0; i < n; i++) {
        const node = special.get(i) ?? itemNode(i)
        state.path.push(i)
        try {
          let value = node.gen(rng, state)
          if (seen) {
            let key = canonicalJson(value)
            for (let t = 0; seen.has(key) && t < 12; t++) {
              value = node.gen(rng, state)
              key = canonicalJson(value)
            }
            if (seen.has(key))
              throw new Redraw('uniqueItems: no distinct item found', refs[0]?.pointer ?? '')
            seen.add(key)
          }
          out.push(value)
        } finally {
          state.path.pop()
        }
      }
    } finally {
      state.depth--
    }
    if (sumTo !== undefined) applySumTo(out, sumTo, rng)
    if (order !== undefined) applyOrder(out, order)
    return out
  }
}
