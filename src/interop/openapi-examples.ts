/**
 * An operation's examples as contract examples: the request media type's `examples` (by name) or
 * `example`, else the request schema's own example; each paired with the response example of the
 * same name, or with the only one. An example that does not fit the schemas is noted, not written.
 */
import type { Contract } from '../contract/index.js'
import { isObject } from '../json/index.js'
import type { NoteBook } from './import-result.js'
import type { OpenApiDocument } from './openapi-document.js'
import { follow } from './openapi-operations.js'

type Named = [name: string, value: unknown, example?: Record<string, unknown>]

/** Named example values of a media type object (`examples`, `example`, or the schema's). */
function mediaExamples(
  api: OpenApiDocument,
  media: Record<string, unknown> | undefined,
  book: NoteBook,
  side: 'input' | 'output',
): Named[] {
  if (!media) return []
  if (isObject(media.examples)) {
    const out: Named[] = []
    for (const [name, raw] of Object.entries(media.examples)) {
      const example = follow(api.doc, raw)
      if (isObject(example) && 'value' in example) out.push([name, example.value, example])
      else if (isObject(example) && typeof example.externalValue === 'string')
        book.add(
          `/${side}`,
          `the example "${name}" lives at ${example.externalValue}, which standin does not fetch`,
        )
    }
    return out
  }
  if ('example' in media) return [['example', media.example]]
  const schema = follow(api.doc, media.schema)
  if (isObject(schema) && 'example' in schema) return [['example', schema.example]]
  if (isObject(schema) && Array.isArray(schema.examples))
    return schema.examples.map((v, i): Named => [i === 0 ? 'example' : `example-${i + 1}`, v])
  return []
}

/** The contract examples of an operation, checked against the contract as built. */
export function openApiExamples(
  api: OpenApiDocument,
  request: Record<string, unknown>,
  response: Record<string, unknown> | undefined,
  contract: Contract,
  book: NoteBook,
): Record<string, unknown>[] {
  const inputs = mediaExamples(api, request, book, 'input')
  const outputs = mediaExamples(api, response, book, 'output')
  const used = new Set<string>()
  const examples: Record<string, unknown>[] = []
  for (const [name, input, inputEntry] of inputs) {
    const problem = contract.validateInput(input)[0]
    if (problem) {
      book.add(
        '/input',
        `the request example "${name}" does not fit the request schema (${problem.pointer || '/'}: ${problem.message}), so it is not an example here`,
      )
      continue
    }
    let slug = name
    for (let n = 2; used.has(slug); n++) slug = `${name} ${n}`
    used.add(slug)
    const paired =
      outputs.find(([key]) => key === name) ??
      (outputs.length === 1 && inputs.length === 1 ? outputs[0] : undefined)
    const example: Record<string, unknown> = { name: slug }
    if (typeof inputEntry?.summary === 'string') example.description = inputEntry.summary
    example.input = input
    if (paired) {
      // Contract example outputs are partial matches: a missing required field is fine.
      const bad = contract.validateOutput(paired[1]).find((p) => p.code !== 'schema.required')
      if (bad)
        book.add(
          '/output',
          `the response example "${paired[0]}" does not fit the response schema (${bad.pointer || '/'}: ${bad.message}), so the example "${slug}" has no output`,
        )
      else {
        example.output = paired[1]
        const tolerance = paired[2]?.['x-standin-tolerance']
        if (typeof tolerance === 'number') example.tolerance = tolerance
      }
    }
    examples.push(example)
  }
  return examples
}
