/**
 * OpenAPI schemas to contract schemas (JSON Schema 2020-12): every local `$ref` the operation's
 * schemas reach is bundled into the contract's `$defs` (components keep their names), and OpenAPI
 * 3.0's dialect is understood: `nullable` adds `null` to `type` and `enum`, `example` becomes
 * `examples`, a boolean `exclusiveMinimum`/`exclusiveMaximum` becomes the number form, and a
 * `discriminator` pins each `oneOf`/`anyOf` branch to its value of the property.
 *
 * Each schema is converted for one side. OpenAPI 3's Schema Object says a `readOnly` property is
 * sent in responses only and a `writeOnly` one in requests only, "required" applying on that side
 * alone: the input leaves out readOnly properties (from `properties` and `required`), the output
 * writeOnly ones. A component that holds either is bundled once per side (`Pet_input`,
 * `Pet_output`); the others are shared.
 */
import {
  escapeToken,
  isObject,
  joinPointer,
  parsePointer,
  resolvePointer,
  walkSchema,
} from '../json/index.js'
import { setOwn } from '../json/index.js'
import { interopError } from './import-error.js'
import type { OpenApiDocument } from './openapi-document.js'
import { fromPythonPattern } from './python-pattern.js'

/** Which side a schema is converted for: the request body (input) or the response (output). */
export type SchemaSide = 'input' | 'output'

/** The property flag a side leaves out: readOnly from requests, writeOnly from responses. */
const leftOut = { input: 'readOnly', output: 'writeOnly' } as const

/** Turns schemas of one document into contract schemas, gathering what they refer to. */
export class SchemaBundler {
  /** Bundled definitions, by name: the contract's top-level `$defs`. */
  readonly defs: Record<string, unknown> = {}
  private readonly names = new Map<string, string>()
  /** Local references, by whether what they reach holds a readOnly or writeOnly flag. */
  private readonly sided = new Map<string, boolean>()

  /** Pointers (in the document) of patterns read as Python's `re` patterns. */
  readonly pythonPatterns: string[] = []

  constructor(private readonly api: OpenApiDocument) {}

  /** A contract schema for `side` from the schema at `pointer` in the document. */
  convert(schema: unknown, pointer: string, side: SchemaSide): Record<string, unknown> | boolean {
    if (typeof schema === 'boolean') return schema
    const copy = structuredClone(isObject(schema) ? schema : {})
    walkSchema(copy, pointer, (node, at) => {
      if (isObject(node)) this.rewrite(node, at, side)
    })
    return copy
  }

  private rewrite(node: Record<string, unknown>, at: string, side: SchemaSide): void {
    if (isObject(node.properties)) this.dropOtherSide(node, side)
    if (isObject(node.discriminator)) this.pinBranches(node)
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#'))
      node.$ref = `#/$defs/${escapeToken(this.nameFor(node.$ref, joinPointer(at, '$ref'), side))}`
    if ('nullable' in node) {
      if (node.nullable === true) {
        if (typeof node.type === 'string' && node.type !== 'null') node.type = [node.type, 'null']
        else if (Array.isArray(node.type) && !node.type.includes('null'))
          node.type = [...(node.type as unknown[]), 'null']
        if (Array.isArray(node.enum) && !node.enum.includes(null))
          node.enum = [...(node.enum as unknown[]), null]
      }
      delete node.nullable
    }
    if (typeof node.pattern === 'string') {
      const translated = fromPythonPattern(node.pattern)
      if (translated !== node.pattern) {
        this.pythonPatterns.push(joinPointer(at, 'pattern'))
        node.pattern = translated
      }
    }
    if ('example' in node) {
      if (!Array.isArray(node.examples)) node.examples = [node.example]
      delete node.example
    }
    for (const [bound, exclusive] of [
      ['minimum', 'exclusiveMinimum'],
      ['maximum', 'exclusiveMaximum'],
    ] as const) {
      if (typeof node[exclusive] !== 'boolean') continue
      if (node[exclusive] === true && typeof node[bound] === 'number') {
        node[exclusive] = node[bound]
        delete node[bound]
      } else delete node[exclusive]
    }
  }

  /** Leaves out the properties `side` does not carry (readOnly from inputs, writeOnly from outputs). */
  private dropOtherSide(node: Record<string, unknown>, side: SchemaSide): void {
    const properties = node.properties as Record<string, unknown>
    const dropped = Object.keys(properties).filter((name) => {
      const property = properties[name]
      if (!isObject(property)) return false
      if (property[leftOut[side]] === true) return true
      // OpenAPI 3.0 ignores a $ref's siblings, so the flag is often on the referenced schema.
      const target = typeof property.$ref === 'string' ? this.target(property.$ref) : undefined
      return isObject(target) && target[leftOut[side]] === true
    })
    if (dropped.length === 0) return
    for (const name of dropped) delete properties[name]
    if (Array.isArray(node.required)) {
      const required = (node.required as unknown[]).filter(
        (name) => typeof name !== 'string' || !dropped.includes(name),
      )
      if (required.length > 0) node.required = required
      else delete node.required
    }
  }

  /** The schema a local reference points at, if it is in the document. */
  private target(ref: string): unknown {
    if (!ref.startsWith('#')) return undefined
    const found = resolvePointer(this.api.doc, decodeURIComponent(ref.slice(1)))
    return found.found ? found.value : undefined
  }

  /** True when what a local reference reaches holds a readOnly or writeOnly flag. */
  private isSided(ref: string): boolean {
    const known = this.sided.get(ref)
    if (known !== undefined) return known
    const seen = new Set<string>([ref])
    const stack: unknown[] = [this.target(ref)]
    let found = false
    while (stack.length > 0 && !found) {
      const node = stack.pop()
      if (Array.isArray(node)) stack.push(...(node as unknown[]))
      else if (isObject(node)) {
        if (node.readOnly === true || node.writeOnly === true) found = true
        if (typeof node.$ref === 'string' && !seen.has(node.$ref)) {
          seen.add(node.$ref)
          stack.push(this.target(node.$ref))
        }
        stack.push(...Object.values(node))
      }
    }
    this.sided.set(ref, found)
    return found
  }

  /** The `$defs` name of a local reference for `side`, bundling its target the first time. */
  private nameFor(ref: string, at: string, side: SchemaSide): string {
    const sided = this.isSided(ref)
    const key = sided ? `${side} ${ref}` : ref
    const known = this.names.get(key)
    if (known !== undefined) return known
    const pointer = decodeURIComponent(ref.slice(1))
    const tokens = parsePointer(pointer) ?? []
    const component = tokens.length === 3 && tokens[0] === 'components' && tokens[1] === 'schemas'
    let name = component ? (tokens[2] as string) : tokens.join('_') || 'root'
    if (sided) name = `${name}_${side}`
    for (let n = 2; Object.hasOwn(this.defs, name); n++) name = `${name.replace(/_\d+$/, '')}_${n}`
    this.names.set(key, name)
    const target = resolvePointer(this.api.doc, pointer)
    if (!target.found)
      throw interopError(
        'import.invalid',
        { source: this.api.source, pointer: at },
        `refers to "${ref}", which is not in the document`,
        'Fix the reference.',
      )
    setOwn(this.defs, name, true)
    setOwn(this.defs, name, this.convert(target.value, pointer, side))
    return name
  }

  /**
   * Pins each `oneOf`/`anyOf` branch to its discriminator value (OpenAPI 3.x "Discriminator
   * Object": the mapping, else the component name), so exactly one branch takes a value even
   * when the branches alone would overlap.
   */
  private pinBranches(node: Record<string, unknown>): void {
    const discriminator = node.discriminator as Record<string, unknown>
    const property = discriminator.propertyName
    const branches = Array.isArray(node.oneOf)
      ? node.oneOf
      : Array.isArray(node.anyOf)
        ? node.anyOf
        : undefined
    if (typeof property !== 'string' || !branches) return
    const mapping = isObject(discriminator.mapping) ? discriminator.mapping : {}
    branches.forEach((branch: unknown, i) => {
      if (!isObject(branch) || typeof branch.$ref !== 'string') return
      const ref = branch.$ref
      const component = ref.split('/').pop() ?? ref
      const value =
        Object.entries(mapping).find(([, target]) => target === ref || target === component)?.[0] ??
        component
      branches[i] = {
        allOf: [branch, { properties: { [property]: { const: value } }, required: [property] }],
      }
    })
  }
}
