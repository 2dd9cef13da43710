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

/** Every hint problem in the bundled schema of `context.side`. */
export function checkHints(context: HintContext): Problem[] {
  const schema = context[context.side]
  const problems: Problem[] = []
  walkSchema(schema, '', (node, pointer) => {
    if (!isObject(node) || !isObject(node['x-standin'])) return
    const hints = node['x-standin']
    const origin = context.originOf(joinPointer(pointer, 'x-standin'))
    const types = typesOf(schema, node)
    const report = (key: string, message: string, hint: string): void => {
      problems.push({
        code: 'hint.invalid',
        severity: 'error',
        file: origin.file,
        pointer: joinPointer(origin.pointer, key),
        message,
        hint,
      })
    }
    const needs = (key: string, wanted: readonly string[], what: string): void => {
      if (types.length > 0 && !types.some((t) => wanted.includes(t))) {
        report(
          key,
          `${key} needs ${what}, but this schema is ${types.join(' or ')}`,
          `Move the hint to ${what}, or remove it.`,
        )
      }
    }
    const points = (key: string, side: 'input' | 'output', wanted?: readonly string[]): void => {
      const path = hints[key]
      if (typeof path !== 'string') return
      const found = schemaAtPath(context[side], path)
      if (!found.found) {
        const guess = didYouMean(path.slice(found.at.length + 1).split('/')[0] ?? '', found.names)
        report(
          key,
          `${key} points to ${path}, which the ${side} schema does not declare`,
          guess
            ? `Did you mean "${found.at}/${guess}"?`
            : `Point it at a field of the ${side} record.`,
        )
        return
      }
      const targetTypes = typesOf(context[side], found.schema)
      if (wanted && targetTypes.length > 0 && !targetTypes.some((t) => wanted.includes(t))) {
        report(
          key,
          `${key} points to ${path}, which is ${targetTypes.join(' or ')}, not ${wanted.join(' or ')}`,
          `Point it at ${wanted.join(' or ')} field.`,
        )
      }
    }
    if ('sumTo' in hints) needs('sumTo', ['array', 'object'], 'an array or object of numbers')
    if ('argmaxOf' in hints) {
      needs('argmaxOf', ['string', 'integer'], 'a string or integer label')
      points('argmaxOf', 'output', ['array', 'object'])
    }
    if ('maxOf' in hints) {
      needs('maxOf', ['number', 'integer'], 'a number')
      points('maxOf', 'output', ['array', 'object'])
    }
    if ('copy' in hints) {
      if (context.side === 'input')
        report(
          'copy',
          'copy only makes sense in the output schema',
          'Move it to the output field that echoes the input.',
        )
      else points('copy', 'input')
    }
    if ('lengthOf' in hints) {
      needs('lengthOf', ['array'], 'an array')
      points('lengthOf', 'input', ['array', 'string'])
    }
    if ('order' in hints) needs('order', ['array'], 'an array')
    if ('lte' in hints) {
      needs('lte', ['number', 'integer'], 'a number')
      points('lte', 'output', ['number', 'integer'])
    }
    if (typeof hints.faker === 'string') {
      const args = Array.isArray(hints.args) ? (hints.args as unknown[]) : undefined
      const verdict = context.checkFaker(hints.faker, args)
      if (verdict) report(args ? 'args' : 'faker', verdict.message, verdict.hint)
    }
  })
  return problems
}
