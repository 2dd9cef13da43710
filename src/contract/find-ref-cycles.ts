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
  const cycles: RefCycle[] = []

  // 1. In-place loops: DFS over $ref and in-place applicator edges.
  const inPlaceEdges = (pointer: string): { to: string; via: string }[] => {
    const node = nodes.get(pointer)
    const edges: { to: string; via: string }[] = []
    const target = targetOf(node)
    if (target !== undefined) edges.push({ to: target, via: `${pointer}/$ref` })
    for (const child of subschemasOf(node)) {
      if (IN_PLACE.has(child.keyword)) {
        edges.push({ to: joinPointer(pointer, ...child.tokens), via: '' })
      }
    }
    return edges
  }
  const state = new Map<string, 'open' | 'done'>()
  const reported = new Set<string>()
  for (const start of nodes.keys()) {
    if (state.has(start)) continue
    const path: { pointer: string; edges: { to: string; via: string }[]; via: string }[] = []
    state.set(start, 'open')
    path.push({ pointer: start, edges: inPlaceEdges(start), via: '' })
    while (path.length > 0) {
      const top = path[path.length - 1] as (typeof path)[number]
      const edge = top.edges.pop()
      if (!edge) {
        state.set(top.pointer, 'done')
        path.pop()
        continue
      }
      if (!nodes.has(edge.to)) continue
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
        path.push({ pointer: edge.to, edges: inPlaceEdges(edge.to), via: edge.via })
      }
    }
  }
  if (cycles.length > 0) return cycles

  // 2. No way out: least fixpoint of "has a finite value" over the $ref targets.
  const targets = new Set<string>()
  for (const node of nodes.values()) {
    const target = targetOf(node)
    if (target !== undefined) targets.add(target)
  }
  if (targets.size === 0) return cycles
  const finite = (node: unknown, assumed: (target: string) => boolean): boolean => {
    if (typeof node === 'boolean') return node
    if (!isObject(node)) return true
    const target = targetOf(node)
    if (target !== undefined && !assumed(target)) return false
    const all = (key: string): boolean =>
      !Array.isArray(node[key]) || (node[key] as unknown[]).every((s) => finite(s, assumed))
    const some = (key: string): boolean =>
      !Array.isArray(node[key]) || (node[key] as unknown[]).some((s) => finite(s, assumed))
    if (!all('allOf') || !some('anyOf') || !some('oneOf')) return false
    const types =
      typeof node.type === 'string' ? [node.type] : Array.isArray(node.type) ? node.type : undefined
    if (!types || types.some((t) => t !== 'object' && t !== 'array')) return true
    if (types.includes('object')) {
      const required = Array.isArray(node.required) ? node.required : []
      const properties = isObject(node.properties) ? node.properties : {}
      if (
        required.every(
          (name) =>
            typeof name !== 'string' ||
            !Object.hasOwn(properties, name) ||
            finite(properties[name], assumed),
        )
      ) {
        return true
      }
    }
    if (types.includes('array')) {
      const min = typeof node.minItems === 'number' ? node.minItems : 0
      if (min === 0) return true
      const prefix = Array.isArray(node.prefixItems)
        ? node.prefixItems
        : Array.isArray(node.items)
          ? node.items
          : []
      const rest = Array.isArray(node.items) ? node.additionalItems : node.items
      let ok = true
      for (let i = 0; i < min && ok; i++) {
        const item: unknown = i < prefix.length ? prefix[i] : rest
        ok = item === undefined || finite(item, assumed)
      }
      if (ok) return true
    }
    return false
  }
  const value = new Map<string, boolean>([...targets].map((t) => [t, false]))
  for (let changed = true, rounds = 0; changed && rounds <= targets.size; rounds++) {
    changed = false
    for (const target of targets) {
      if (value.get(target)) continue
      if (finite(nodes.get(target), (t) => value.get(t) ?? true)) {
        value.set(target, true)
        changed = true
      }
    }
  }
  for (const target of targets) {
    if (value.get(target)) continue
    if (!finite(nodes.get(target), () => true)) continue
    if (!reachesItself(target)) continue
    cycles.push({ pointer: target, kind: 'no-way-out', chain: [target] })
  }
  return cycles

  function reachesItself(start: string): boolean {
    const seen = new Set<string>()
    const stack: string[] = [start]
    while (stack.length > 0) {
      const pointer = stack.pop() as string
      let found = false
      walkSchema(nodes.get(pointer), pointer, (node) => {
        const target = targetOf(node)
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
}
