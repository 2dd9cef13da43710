/**
 * Finds the two kinds of `$ref` cycle that make a schema unusable:
 * - a loop of references that never descends into the value (`A: {$ref: B}`, `B: {$ref: A}`,
 *   also through allOf/anyOf/oneOf/not/if/then/else): validating anything recurses forever;
 * - recursion with no way out: every value of the schema would have to contain another one
 *   (a required property, or a non-empty array, that refers back), so no finite value exists.
 * Works on a bundled schema, where every `$ref` is a local `#/...` pointer.
 */
import { joinPointer, parsePointer, resolvePointer } from '../json/index.js'
import { isObject, subschemaKeywords, subschemasOf, walkSchema } from '../json/index.js'

/** One cycle found: the pointer (in the bundled schema) of the `$ref` and what is wrong. */
export interface RefCycle {
  readonly pointer: string
  readonly kind: 'in-place' | 'no-way-out'
  /** The chain of definitions involved, for the message. */
  readonly chain: readonly string[]
}

/** Applicators that apply to the same instance: a loop through them never descends. */
const IN_PLACE: ReadonlySet<string> = new Set(subschemaKeywords('here'))

/** Every `$ref` cycle of either kind in a bundled schema. */
export function findRefCycles(schema: unknown): RefCycle[] {
  const graph = refGraph(schema)
  const loops = inPlaceLoops(graph)
  return loops.length > 0 ? loops : noWayOut(graph)
}

/** The schema positions of a bundled schema, by pointer, and where each `$ref` lands. */
interface RefGraph {
  readonly nodes: ReadonlyMap<string, unknown>
  /** The pointer a `$ref` in `node` lands on (the first pointer of a shared node). */
  readonly targetOf: (node: unknown) => string | undefined
}

type Edge = { readonly to: string; readonly via: string }

function refGraph(schema: unknown): RefGraph {
  const nodes = new Map<string, unknown>()
  const pointerOf = new Map<object, string>()
  walkSchema(schema, '', (node, pointer) => {
    nodes.set(pointer, node)
    if (node !== null && typeof node === 'object' && !pointerOf.has(node))
      pointerOf.set(node, pointer)
  })
  const targetOf = (node: unknown): string | undefined => {
    if (!isObject(node) || typeof node.$ref !== 'string' || !node.$ref.startsWith('#'))
      return undefined
    let pointer: string
    try {
      pointer = decodeURIComponent(node.$ref.slice(1))
    } catch {
      return undefined
    }
    if (!parsePointer(pointer)) return undefined
    const found = resolvePointer(schema, pointer)
    if (!found.found) return undefined
    return (
      (found.value !== null && typeof found.value === 'object' && pointerOf.get(found.value)) ||
      pointer
    )
  }
  return { nodes, targetOf }
}

/** The edges that stay on the same value: its `$ref` and its in-place applicators. */
function inPlaceEdges(graph: RefGraph, pointer: string): Edge[] {
  const node = graph.nodes.get(pointer)
  const edges: Edge[] = []
  const target = graph.targetOf(node)
  if (target !== undefined) edges.push({ to: target, via: `${pointer}/$ref` })
  for (const child of subschemasOf(node)) {
    if (IN_PLACE.has(child.keyword)) {
      edges.push({ to: joinPointer(pointer, ...child.tokens), via: '' })
    }
  }
  return edges
}

/** 1. In-place loops: an iterative DFS over in-place edges, one report per `$ref`. */
function inPlaceLoops(graph: RefGraph): RefCycle[] {
  const cycles: RefCycle[] = []
  const state = new Map<string, 'open' | 'done'>()
  const reported = new Set<string>()
  for (const start of graph.nodes.keys()) {
    if (state.has(start)) continue
    const path: { pointer: string; edges: Edge[]; via: string }[] = []
    state.set(start, 'open')
    path.push({ pointer: start, edges: inPlaceEdges(graph, start), via: '' })
    while (path.length > 0) {
      const top = path[path.length - 1] as (typeof path)[number]
      const edge = top.edges.pop()
      if (!edge) {
        state.set(top.pointer, 'done')
        path.pop()
        continue
      }
      if (!graph.nodes.has(edge.to)) continue
      const seen = state.get(edge.to)
      if (seen === 'open') {
        const from = path.findIndex((p) => p.pointer === edge.to)
        const loop = path.slice(from)
        const refs = [...loop.map((p) => p.via), edge.via].filter((v) => v !== '')
        const at = refs[refs.length - 1] ?? edge.via
        if (at && !reported.has(at)) {
          reported.add(at)
          cycles.push({
            pointer: at.replace(/\/\$ref$/, ''),
            kind: 'in-place',
            chain: [...loop.map((p) => p.pointer), edge.to],
          })
        }
      } else if (seen === undefined) {
        state.set(edge.to, 'open')
        path.push({ pointer: edge.to, edges: inPlaceEdges(graph, edge.to), via: edge.via })
      }
    }
  }
  return cycles
}

/** 2. No way out: the least fixpoint of "has a finite value" over the `$ref` targets. */
function noWayOut(graph: RefGraph): RefCycle[] {
  const targets = new Set<string>()
  for (const node of graph.nodes.values()) {
    const target = graph.targetOf(node)
    if (target !== undefined) targets.add(target)
  }
  const value = new Map<string, boolean>([...targets].map((t) => [t, false]))
  for (let changed = true, rounds = 0; changed && rounds <= targets.size; rounds++) {
    changed = false
    for (const target of targets) {
      if (value.get(target)) continue
      if (finite(graph, graph.nodes.get(target), (t) => value.get(t) ?? true)) {
        value.set(target, true)
        changed = true
      }
    }
  }
  const cycles: RefCycle[] = []
  for (const target of targets) {
    if (value.get(target)) continue
    if (!finite(graph, graph.nodes.get(target), () => true)) continue
    if (!reachesItself(graph, target)) continue
    cycles.push({ pointer: target, kind: 'no-way-out', chain: [target] })
  }
  return cycles
}

/** True when `node` has a finite value, given which `$ref` targets are `assumed` to. */
function finite(graph: RefGraph, node: unknown, assumed: (target: string) => boolean): boolean {
  if (typeof node === 'boolean') return node
  if (!isObject(node)) return true
  const target = graph.targetOf(node)
  if (target !== undefined && !assumed(target)) return false
  const all = (key: string): boolean =>
    !Array.isArray(node[key]) || (node[key] as unknown[]).every((s) => finite(graph, s, assumed))
  const some = (key: string): boolean =>
    !Array.isArray(node[key]) || (node[key] as unknown[]).some((s) => finite(graph, s, assumed))
  if (!all('allOf') || !some('anyOf') || !some('oneOf')) return false
  const types =
    typeof node.type === 'string' ? [node.type] : Array.isArray(node.type) ? node.type : undefined
  if (!types || types.some((t) => t !== 'object' && t !== 'array')) return true
  if (types.includes('object') && finiteObject(graph, node, assumed)) return true
  if (types.includes('array') && finiteArray(graph, node, assumed)) return true
  return false
}

/** An object is finite when every required property it declares is. */
function finiteObject(
  graph: RefGraph,
  node: Record<string, unknown>,
  assumed: (target: string) => boolean,
): boolean {
  const required = Array.isArray(node.required) ? node.required : []
  const properties = isObject(node.properties) ? node.properties : {}
  return required.every(
    (name) =>
      typeof name !== 'string' ||
      !Object.hasOwn(properties, name) ||
      finite(graph, properties[name], assumed),
  )
}

/** An array is finite when it may be empty, or its first `minItems` items are. */
function finiteArray(
  graph: RefGraph,
  node: Record<string, unknown>,
  assumed: (target: string) => boolean,
): boolean {
  const min = typeof node.minItems === 'number' ? node.minItems : 0
  if (min === 0) return true
  const prefix = Array.isArray(node.prefixItems)
    ? node.prefixItems
    : Array.isArray(node.items)
      ? node.items
      : []
  const rest = Array.isArray(node.items) ? node.additionalItems : node.items
  for (let i = 0; i < min; i++) {
    const item: unknown = i < prefix.length ? prefix[i] : rest
    if (item !== undefined && !finite(graph, item, assumed)) return false
  }
  return true
}

/** True when a `$ref` reachable from `start` lands back on it. */
function reachesItself(graph: RefGraph, start: string): boolean {
  const seen = new Set<string>()
  const stack: string[] = [start]
  while (stack.length > 0) {
    const pointer = stack.pop() as string
    let found = false
    walkSchema(graph.nodes.get(pointer), pointer, (node) => {
      const target = graph.targetOf(node)
      if (target === undefined) return
      if (target === start) found = true
      else if (!seen.has(target)) {
        seen.add(target)
        stack.push(target)
      }
    })
    if (found) return true
  }
  return false
}
