/**
 * A contract's bundled record schema as an OpenAPI 3.1 schema: its `$defs` (or draft-07
 * `definitions`) move to `components.schemas` (a name already taken by a different schema gets
 * the contract's name in front), and every `$ref` is rewritten to where its target now lives.
 */
import { isDeepStrictEqual } from 'node:util'
import type { Contract } from '../contract/index.js'
import { decodeToken, escapeToken, isObject, walkSchema } from '../json/index.js'
import { setOwn } from '../json/index.js'

/** PascalCase of a contract name (`transaction-classifier` -> `TransactionClassifier`). */
export function pascal(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')
}

/** Gathers the components of one document while record schemas are exported into it. */
export class ComponentSchemas {
  readonly schemas: Record<string, unknown> = {}

  /**
   * The OpenAPI form of one record schema of `contract` (`side` names it in messages); `at` is
   * where the schema itself will sit in the document (for `$ref`s to its own root).
   */
  export(
    contract: Contract,
    side: 'input' | 'output',
    at: string,
  ): Record<string, unknown> | boolean {
    const source = contract[side]
    if (typeof source === 'boolean') return source
    const schema = structuredClone(source) as Record<string, unknown>
    const defsKey = contract.draft === 'draft-07' ? 'definitions' : '$defs'
    const defs = isObject(schema[defsKey]) ? schema[defsKey] : {}
    delete schema[defsKey]
    if (contract.draft === '2020-12') delete schema.$schema
    const names = new Map<string, string>()
    for (const [name, def] of Object.entries(defs)) {
      let target = name
      if (Object.hasOwn(this.schemas, target) && !isDeepStrictEqual(this.schemas[target], def))
        target = `${pascal(contract.name)}${name}`
      for (
        let n = 2;
        Object.hasOwn(this.schemas, target) && !isDeepStrictEqual(this.schemas[target], def);
        n++
      )
        target = `${pascal(contract.name)}${name}${n}`
      names.set(name, target)
    }
    const rewrite = (root: unknown, rootAt: string): void => {
      walkSchema(root, '', (node) => {
        if (!isObject(node) || typeof node.$ref !== 'string' || !node.$ref.startsWith('#')) return
        const pointer = node.$ref.slice(1)
        const prefix = `/${defsKey}/`
        if (pointer.startsWith(prefix)) {
          const [head = '', ...rest] = pointer.slice(prefix.length).split('/')
          const name = decodeToken(head)
          const target = names.get(name) ?? name
          node.$ref = `#/components/schemas/${escapeToken(target)}${rest.length > 0 ? `/${rest.join('/')}` : ''}`
        } else node.$ref = `#${rootAt}${pointer}`
      })
    }
    rewrite(schema, at)
    for (const [name, def] of Object.entries(defs)) {
      const target = names.get(name) ?? name
      const copy = structuredClone(def)
      rewrite(copy, `/components/schemas/${escapeToken(target)}`)
      setOwn(this.schemas, target, copy)
    }
    return schema
  }
}
