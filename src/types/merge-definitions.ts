/**
 * json-schema-to-typescript refuses a schema node that has both `definitions` and `$defs` (unless
 * they are equal): "Schema must define either definitions or $defs, not both". A bundled side has
 * both when its own schema keeps `definitions` in a 2020-12 contract (or `$defs` in a draft-07
 * one) and it imports another file, so the definitions move into `$defs` before it compiles.
 */
import { assignOwn, decodeToken, isObject, subschemasOf } from '../json/index.js'

/** One definition moved: its pointer tokens before and after, and the suffix its name took. */
interface Move {
  readonly from: readonly string[]
  readonly to: readonly string[]
  readonly suffix: string
}

/**
 * Moves, in place, the `definitions` of every node that also has `$defs` into its `$defs` (a name
 * already taken gets a number), and points every `$ref` at the moved definitions.
 *
 * @example
 * const schema = { $defs: { a: {} }, definitions: { b: {} }, $ref: '#/definitions/b' }
 * mergeDefinitions(schema) // { $defs: { a: {}, b: {} }, $ref: '#/$defs/b' }
 */
export function mergeDefinitions(schema: unknown): void {
  const moves: Move[] = []
  const refs: Record<string, unknown>[] = []
  const stack: { node: unknown; tokens: readonly string[] }[] = [{ node: schema, tokens: [] }]
  while (stack.length > 0) {
    const { node, tokens } = stack.pop() as (typeof stack)[number]
    if (!isObject(node)) continue
    if (typeof node.$ref === 'string') refs.push(node)
    if (isObject(node.definitions) && isObject(node.$defs)) {
      const defs = node.$defs
      for (const [name, value] of Object.entries(node.definitions)) {
        let fresh = name
        for (let n = 2; Object.hasOwn(defs, fresh); n++) fresh = `${name}${n}`
        assignOwn(defs, fresh, value)
        moves.push({
          from: [...tokens, 'definitions', name],
          to: [...tokens, '$defs', fresh],
          suffix: fresh.slice(name.length),
        })
      }
      delete node.definitions
    }
    for (const child of subschemasOf(node))
      stack.push({ node: child.schema, tokens: [...tokens, ...child.tokens] })
  }
  if (moves.length > 0) for (const node of refs) node.$ref = movedRef(String(node.$ref), moves)
}

/**
 * `ref` with each moved definition on its path renamed: the raw (percent-encoded) tokens are
 * kept, and only `definitions` and the suffix of a renamed definition change.
 */
function movedRef(ref: string, moves: readonly Move[]): string {
  if (!ref.startsWith('#/')) return ref
  const raw = ref.slice(2).split('/')
  const tokens = raw.map(decodeToken)
  for (;;) {
    const move = moves.find(
      (m) => m.from.length <= tokens.length && m.from.every((t, i) => tokens[i] === t),
    )
    if (!move) return `#/${raw.join('/')}`
    const at = move.from.length - 2
    raw[at] = '$defs'
    raw[at + 1] = `${raw[at + 1] ?? ''}${move.suffix}`
    tokens.splice(0, move.to.length, ...move.to)
  }
}
