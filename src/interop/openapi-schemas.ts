/**
 * OpenAPI schemas to contract schemas (JSON Schema 2020-12): every local `$ref` the operation's
 * schemas reach is bundled into the contract's `$defs` (components keep their names), and OpenAPI
 * 3.0's dialect is understood: `nullable` adds `null` to `type` and `enum`, `example` becomes
 * `examples`, a boolean `exclusiveMinimum`/`exclusiveMaximum` becomes the number form, and a
 * `discriminator` pins each `oneOf`/`anyOf` branch to its value of the property.
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

/** Turns schemas of one document into contract schemas, gathering what they refer to. */
export class SchemaBundler {
  /** Bundled definitions, by name: the contract's top-level `$defs`. */
  readonly defs: Record<string, unknown> = {}
  private readonly names = new Map<string, string>()

  /** Pointers (in the document) of patterns read as Python's `re` patterns. */
  readonly pythonPatterns: string[] = []

  constructor(private readonly api: OpenApiDocument) {}

  /** A contract schema from the schema at `pointer` in the document. */
  convert(schema: unknown, pointer: string): Record<string, unknown> | boolean {
    if (typeof schema === 'boolean') return schema
    const copy = structuredClone(isObject(schema) ? schema : {})
    walkSchema(copy, pointer, (node, at) => {
      if (isObject(node)) this.rewrite(node, at)
    })
    return copy
  }

  private rewrite(node: Record<string, unknown>, at: string): void {
    if (isObject(node.discriminator)) this.pinBranches(node)
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#'))
      node.$ref = `#/$defs/${escapeToken(this.nameFor(node.$ref, joinPointer(at, '$ref')))}`
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

  /** The `$defs` name of a local reference, bundling its target the first time. */
  private nameFor(ref: string, at: string): string {
    const known = this.names.get(ref)
    if (known !== undefined) return known
    const pointer = decodeURIComponent(ref.slice(1))
    const tokens = parsePointer(pointer) ?? []
    const component = tokens.length === 3 && tokens[0] === 'components' && tokens[1] === 'schemas'
    let name = component ? (tokens[2] as string) : tokens.join('_') || 'root'
    for (let n = 2; Object.hasOwn(this.defs, name); n++) name = `${name.replace(/_\d+$/, '')}_${n}`
    this.names.set(ref, name)
    const target = resolvePointer(this.api.doc, pointer)
    if (!target.found)
      throw interopError(
        'import.invalid',
        { source: this.api.source, pointer: at },
        `refers to "${ref}", which is not in the document`,
        'Fix the reference.',
      )
    setOwn(this.defs, name, true)
    setOwn(this.defs, name, this.convert(target.value, pointer))
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
