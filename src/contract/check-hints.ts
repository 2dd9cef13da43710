/**
 * Semantic checks of `x-standin` hints on the bundled schemas: each hint sits on a schema of the
 * right type, and each pointer it holds leads to a field the input or output schema declares.
 * (Their shape was already checked against the format schema's `$defs/xStandin`.)
 */
import type { Problem } from '../errors.js'
import type { SchemaOrigin } from './bundle-schema.js'
import { didYouMean } from './did-you-mean.js'
import type { FakerCheck } from './faker-checker.js'
import { joinPointer } from '../json/index.js'
import { schemaAtPath, typesOf } from './schema-at-path.js'
import { isObject, walkSchema } from '../json/index.js'

/** The two bundled schemas and how to map pointers back to the file. */
export interface HintContext {
  readonly input: unknown
  readonly output: unknown
  readonly side: 'input' | 'output'
  readonly originOf: (pointer: string) => SchemaOrigin
  /** Checks a faker hint's method and args (made by the caller, which loads faker). */
  readonly checkFaker: FakerCheck
}

/** One schema that holds hints, and how to report a problem with one of them. */
interface HintSite {
  readonly context: HintContext
  /** The schema's `x-standin` object. */
  readonly hints: Record<string, unknown>
  /** The types the schema holding the hints allows (empty: any). */
  readonly types: readonly string[]
  readonly report: (key: string, message: string, hint: string) => void
}

/** Every hint problem in the bundled schema of `context.side`. */
export function checkHints(context: HintContext): Problem[] {
  const schema = context[context.side]
  const problems: Problem[] = []
  walkSchema(schema, '', (node, pointer) => {
    if (!isObject(node) || !isObject(node['x-standin'])) return
    const origin = context.originOf(joinPointer(pointer, 'x-standin'))
    checkSiteHints({
      context,
      hints: node['x-standin'],
      types: typesOf(schema, node),
      report: (key, message, hint) => {
        problems.push({
          code: 'hint.invalid',
          severity: 'error',
          file: origin.file,
          pointer: joinPointer(origin.pointer, key),
          message,
          hint,
        })
      },
    })
  })
  return problems
}

/** Checks each hint of one schema: the type it needs, the field it points to, its faker call. */
function checkSiteHints(site: HintSite): void {
  const { hints, report } = site
  if ('sumTo' in hints)
    needsType(site, 'sumTo', ['array', 'object'], 'an array or object of numbers')
  if ('argmaxOf' in hints) {
    needsType(site, 'argmaxOf', ['string', 'integer'], 'a string or integer label')
    pointsToField(site, 'argmaxOf', 'output', ['array', 'object'])
  }
  if ('maxOf' in hints) {
    needsType(site, 'maxOf', ['number', 'integer'], 'a number')
    pointsToField(site, 'maxOf', 'output', ['array', 'object'])
  }
  if ('copy' in hints) {
    if (site.context.side === 'input')
      report(
        'copy',
        'copy only makes sense in the output schema',
        'Move it to the output field that echoes the input.',
      )
    else pointsToField(site, 'copy', 'input')
  }
  if ('lengthOf' in hints) {
    needsType(site, 'lengthOf', ['array'], 'an array')
    pointsToField(site, 'lengthOf', 'input', ['array', 'string'])
  }
  if ('order' in hints) needsType(site, 'order', ['array'], 'an array')
  if ('lte' in hints) {
    needsType(site, 'lte', ['number', 'integer'], 'a number')
    pointsToField(site, 'lte', 'output', ['number', 'integer'])
  }
  if (typeof hints.faker === 'string') {
    const args = Array.isArray(hints.args) ? (hints.args as unknown[]) : undefined
    const verdict = site.context.checkFaker(hints.faker, args)
    if (verdict) report(args ? 'args' : 'faker', verdict.message, verdict.hint)
  }
}

/** Reports hint `key` when the schema it sits on has none of the `wanted` types. */
function needsType(site: HintSite, key: string, wanted: readonly string[], what: string): void {
  const { types } = site
  if (types.length > 0 && !types.some((t) => wanted.includes(t))) {
    site.report(
      key,
      `${key} needs ${what}, but this schema is ${types.join(' or ')}`,
      `Move the hint to ${what}, or remove it.`,
    )
  }
}

/**
 * Reports hint `key` when the path it holds leads to no field `side`'s schema declares, or to a
 * field with none of the `wanted` types.
 */
function pointsToField(
  site: HintSite,
  key: string,
  side: 'input' | 'output',
  wanted?: readonly string[],
): void {
  const path = site.hints[key]
  if (typeof path !== 'string') return
  const found = schemaAtPath(site.context[side], path)
  if (!found.found) {
    const guess = didYouMean(path.slice(found.at.length + 1).split('/')[0] ?? '', found.names)
    site.report(
      key,
      `${key} points to ${path}, which the ${side} schema does not declare`,
      guess ? `Did you mean "${found.at}/${guess}"?` : `Point it at a field of the ${side} record.`,
    )
    return
  }
  const targetTypes = typesOf(site.context[side], found.schema)
  if (wanted && targetTypes.length > 0 && !targetTypes.some((t) => wanted.includes(t))) {
    site.report(
      key,
      `${key} points to ${path}, which is ${targetTypes.join(' or ')}, not ${wanted.join(' or ')}`,
      `Point it at ${wanted.join(' or ')} field.`,
    )
  }
}
