/**
 * The reviewer's warnings for what an importer left to a person (`standin import`): the
 * placeholders it wrote where the source had no description, owner or version, and every note
 * (`x-standin-import`) on what the source said that the contract cannot carry.
 */
import type { ProblemCode } from '../errors.js'
import { isObject, joinPointer, walkSchema } from '../json/index.js'

type Warn = (pointer: string, code: ProblemCode, message: string, hint: string) => void

/** The annotation importers write their notes in (src/interop/import-result.ts). */
const NOTE_KEYWORD = 'x-standin-import'

/** Warns about import placeholders and notes in a contract's raw data. */
export function reviewImported(data: Record<string, unknown>, warn: Warn): void {
  for (const key of ['description', 'owner'] as const) {
    const value = data[key]
    if (typeof value === 'string' && /^TODO\b/.test(value))
      warn(
        `/${key}`,
        'lint.placeholder',
        `the ${key} is a placeholder ("${value.length > 60 ? `${value.slice(0, 57)}...` : value}")`,
        key === 'owner'
          ? 'Name the team or person who answers for the model.'
          : 'Say what the model does, for whom, and how it is served.',
      )
  }
  if (data.version === '0.0.0')
    warn(
      '/version',
      'lint.placeholder',
      'the version 0.0.0 is a placeholder',
      'Give the version of the model interface, for example 1.0.0.',
    )
  const roots: [unknown, string][] = [
    [data.input, '/input'],
    [data.output, '/output'],
  ]
  if (isObject(data.$defs))
    for (const [name, def] of Object.entries(data.$defs))
      roots.push([def, joinPointer('/$defs', name)])
  for (const [schema, base] of roots)
    walkSchema(schema, base, (node, pointer) => {
      if (!isObject(node)) return
      const notes = node[NOTE_KEYWORD]
      const list: unknown[] = Array.isArray(notes) ? notes : [notes]
      list.forEach((note, i) => {
        if (typeof note === 'string')
          warn(
            Array.isArray(notes)
              ? joinPointer(pointer, NOTE_KEYWORD, i)
              : joinPointer(pointer, NOTE_KEYWORD),
            'lint.import-note',
            `the import could not carry this: ${note}`,
            'Check the source, carry what matters by hand, then delete the note.',
          )
      })
    })
}
