/**
 * The reviewer's warnings `standin lint` adds to the problems found while loading: what a careful
 * colleague would ask about before approving a contract. None of them stops the contract from
 * loading; each says what to do.
 */
import { isSafePattern } from 'redos-detector'
import type { Problem, ProblemCode } from '../errors.js'
import type { ContractAnalysis } from '../contract/index.js'
import { joinPointer, resolvePointer } from '../json/index.js'
import { schemaAtPath, typesOf } from '../contract/index.js'
import { isObject, walkSchema } from '../json/index.js'
import { reviewImported } from './review-imported.js'

/** Every reviewer warning for one analysed contract (its raw data, as written). */
export function reviewContract(analysis: ContractAnalysis): Problem[] {
  const data = analysis.data
  if (!isObject(data)) return []
  const file = analysis.file
  const problems: Problem[] = []
  const warn = (pointer: string, code: ProblemCode, message: string, hint: string): void => {
    problems.push({ code, severity: 'warning', file, pointer, message, hint })
  }
  for (const side of ['input', 'output'] as const) {
    const schema = data[side]
    walkSchema(schema, `/${side}`, (node, pointer) => {
      if (!isObject(node)) return
      if (isObject(node.properties)) {
        for (const [name, property] of Object.entries(node.properties)) {
          if (!hasDescription(data, property)) {
            warn(
              joinPointer(pointer, 'properties', name),
              'lint.no-description',
              `the field "${name}" has no description`,
              'Describe it: the description becomes the doc comment of the generated type.',
            )
          }
        }
      }
      if (side === 'output' && isObjectSchema(node) && allowsUndeclared(node)) {
        warn(
          pointer,
          'lint.open-output',
          'this output object allows properties the schema does not declare',
          'Add additionalProperties: false, so a real model that sends extra fields is caught.',
        )
      }
      if (typeof node.pattern === 'string')
        checkPattern(node.pattern, joinPointer(pointer, 'pattern'))
    })
  }
  // Both read only what they need: the examples as written, and the output schema once compiled
  // (an error elsewhere in the contract does not hide them).
  // Under an unknown contract format nothing but the schemas can be read.
  const unknownFormat = analysis.problems.some((p) => p.pointer === '/contract')
  if (!unknownFormat) reviewExamples(data, warn)
  if (analysis.compiled.output) reviewHints(analysis, warn)
  if (data.protocol === 'kserve-v2') reviewTensors(data, warn)
  reviewImported(data, warn)
  return problems

  function checkPattern(pattern: string, pointer: string): void {
    let result: ReturnType<typeof isSafePattern>
    try {
      result = isSafePattern(pattern, { unicode: true, timeout: 1000 })
    } catch {
      return // not a valid pattern: loading already reported it
    }
    if (result.safe) return
    warn(
      pointer,
      'lint.redos',
      result.error === 'timedOut'
        ? `the pattern ${JSON.stringify(pattern)} is too complex to prove safe from catastrophic backtracking`
        : `the pattern ${JSON.stringify(pattern)} can backtrack catastrophically on some inputs (ReDoS)`,
      'Rewrite it without nested or overlapping repetition, and bound the field with maxLength.',
    )
  }
}

type Warn = (pointer: string, code: ProblemCode, message: string, hint: string) => void

function reviewExamples(data: Record<string, unknown>, warn: Warn): void {
  const examples = Array.isArray(data.examples) ? data.examples.filter(isObject) : []
  if (examples.length === 0) {
    warn(
      '/examples',
      'lint.no-examples',
      'the contract has no examples',
      'Add at least one golden input/output pair: the stand-in replays it and swap-time checks compare it.',
    )
    return
  }
  examples.forEach((example, i) => {
    if (!('output' in example)) {
      warn(
        `/examples/${i}`,
        'lint.example-without-output',
        `the example "${String(example.name)}" has no output, so it checks nothing`,
        'Add the expected output (a partial match is enough).',
      )
    }
  })
  const output = data.output
  if (isObject(output) && Array.isArray(output.required)) {
    output.required.forEach((name, i) => {
      if (typeof name !== 'string') return
      const exercised = examples.some((e) => isObject(e.output) && Object.hasOwn(e.output, name))
      if (!exercised) {
        warn(
          `/output/required/${i}`,
          'lint.unexercised-field',
          `no example exercises the required output field "${name}"`,
          'Add it to an example output (give numbers a tolerance), so swap-time checks compare it.',
        )
      }
    })
  }
}

function reviewHints(analysis: ContractAnalysis, warn: Warn): void {
  const bundle = analysis.bundled.output
  if (!bundle) return
  const output = bundle.schema
  walkSchema(output, '', (node, pointer) => {
    if (!isObject(node) || !isObject(node['x-standin'])) return
    const target = node['x-standin'].argmaxOf
    if (typeof target !== 'string') return
    const labels = enumOf(output, node)
    const scores = schemaAtPath(output, target)
    if (!labels || !scores.found || !isObject(scores.schema)) return
    const at = bundle.originOf(joinPointer(pointer, 'x-standin', 'argmaxOf'))
    const scoreSchema = scores.schema
    if (typesOf(output, scoreSchema).includes('object') && isObject(scoreSchema.properties)) {
      const keys = Object.keys(scoreSchema.properties)
      const missing = labels.filter((l) => !keys.includes(String(l)))
      const extra = keys.filter((k) => !labels.map(String).includes(k))
      if (missing.length > 0 || extra.length > 0) {
        warn(
          at.pointer,
          'lint.argmax-mismatch',
          `the labels and the keys of ${target} differ (${[...missing.map((m) => `no score for ${String(m)}`), ...extra.map((e) => `no label ${e}`)].join(', ')})`,
          'Give every label exactly one score.',
        )
      }
    } else if (
      typeof scoreSchema.minItems === 'number' &&
      scoreSchema.minItems === scoreSchema.maxItems &&
      scoreSchema.minItems !== labels.length
    ) {
      warn(
        at.pointer,
        'lint.argmax-mismatch',
        `${target} holds ${scoreSchema.minItems} scores but there are ${labels.length} labels`,
        'Give the scores array one entry per label, in the enum order.',
      )
    }
  })
}

function reviewTensors(data: Record<string, unknown>, warn: Warn): void {
  for (const side of ['input', 'output']) {
    const schema = data[side]
    if (!isObject(schema) || !isObject(schema.properties)) continue
    for (const [name, property] of Object.entries(schema.properties)) {
      const types = typesOf(schema, property)
      const items = isObject(property) ? property.items : undefined
      const nested =
        types.includes('object') ||
        (types.includes('array') &&
          typesOf(schema, items).some((t) => t === 'object' || t === 'array'))
      if (nested) {
        warn(
          joinPointer(`/${side}`, 'properties', name),
          'lint.not-a-tensor',
          `kserve-v2 sends each top-level field as one tensor, and "${name}" is nested`,
          'Use strings, numbers, booleans or flat arrays of them at the top level.',
        )
      }
    }
  }
}

function hasDescription(data: Record<string, unknown>, schema: unknown): boolean {
  let current = schema
  for (let hops = 0; hops < 10; hops++) {
    if (!isObject(current)) return true
    if (typeof current.description === 'string' && current.description.trim() !== '') return true
    if (typeof current.$ref !== 'string' || !current.$ref.startsWith('#')) return false
    // Follow a local $ref: a description on the definition counts.
    const pointer = decodeURIComponent(current.$ref.slice(1))
    const candidates = [pointer, `/input${pointer}`, `/output${pointer}`]
    const found = candidates.map((p) => resolvePointer(data, p)).find((r) => r.found)
    if (!found?.found) return false
    current = found.value
  }
  return false
}

function isObjectSchema(node: Record<string, unknown>): boolean {
  return (
    node.type === 'object' ||
    (Array.isArray(node.type) && node.type.includes('object')) ||
    (node.type === undefined && isObject(node.properties))
  )
}

function allowsUndeclared(node: Record<string, unknown>): boolean {
  const closed =
    node.additionalProperties !== undefined && node.additionalProperties !== true
      ? true
      : node.unevaluatedProperties !== undefined && node.unevaluatedProperties !== true
  return !closed && !isObject(node.patternProperties)
}

function enumOf(root: unknown, node: Record<string, unknown>): unknown[] | undefined {
  if (Array.isArray(node.enum)) return node.enum as unknown[]
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#')) {
    const found = resolvePointer(root, decodeURIComponent(node.$ref.slice(1)))
    if (found.found && isObject(found.value) && Array.isArray(found.value.enum))
      return found.value.enum as unknown[]
  }
  return undefined
}
