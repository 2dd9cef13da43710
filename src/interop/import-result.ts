/**
 * What every importer returns: the contract as data (keys in the order they are written), the
 * notes on what the source said that the contract cannot carry, and the contract as YAML text.
 *
 * A note is never dropped: it sits in the contract as the `x-standin-import` annotation of the
 * schema it concerns (so `standin lint` reports it as a warning, and it survives export), and in
 * the header comment of the written file.
 */
import { stringify } from 'yaml'
import { isObject } from '../json/index.js'
import { parsePointer } from '../json/index.js'
import { redactedSource } from '../redacted-target.js'

/** The annotation keyword that carries an importer's notes in a schema. */
export const NOTE_KEYWORD = 'x-standin-import'

/** Placeholders an importer writes where the source has no description, owner or version. */
export const PLACEHOLDER = {
  description: 'TODO: say what the model does, for whom, and how it is served.',
  owner: 'TODO',
  version: '0.0.0',
} as const

/** One thing the source said that the contract cannot carry, at the schema it concerns. */
export interface ImportNote {
  /** JSON pointer into the contract: the schema the note is attached to. */
  readonly pointer: string
  /** What was not carried, and why: one sentence. */
  readonly message: string
}

/** An imported contract. */
export interface ImportResult {
  /** The contract as data, ready for `loadContract` or `JSON.stringify`. */
  readonly contract: Readonly<Record<string, unknown>>
  /** Every note, in the order found (also in the contract as `x-standin-import`). */
  readonly notes: readonly ImportNote[]
  /** The contract as YAML, with a header comment naming the source and listing the notes. */
  readonly text: string
  /**
   * The files the import read or may read (absolute paths: the source, an MLflow model's input
   * examples), so that a caller writing the contract can refuse to write over one of them.
   */
  readonly read: readonly string[]
}

/** Gathers the notes of one import and attaches each to its schema in the contract. */
export class NoteBook {
  readonly notes: ImportNote[] = []

  add(pointer: string, message: string): void {
    // One line each: text from the source (names, descriptions) may hold line breaks.
    this.notes.push({ pointer, message: message.replace(/\s+/g, ' ') })
  }

  /** Attaches every note to the schema at its pointer (the nearest object on the way). */
  attach(contract: Record<string, unknown>): void {
    for (const note of this.notes) {
      let node: unknown = contract
      for (const token of parsePointer(note.pointer) ?? []) {
        const next: unknown = Array.isArray(node)
          ? node[Number(token)]
          : isObject(node)
            ? node[token]
            : undefined
        if (!isObject(next)) break
        node = next
      }
      if (!isObject(node) || node === contract) continue
      const list = node[NOTE_KEYWORD]
      node[NOTE_KEYWORD] = Array.isArray(list)
        ? [...(list as unknown[]), note.message]
        : [note.message]
    }
  }
}

/**
 * Finishes an import: attaches the notes and renders the YAML text, whose header names the source
 * with a URL's secrets masked (the file is committed and shared).
 */
export function finishImport(
  contract: Record<string, unknown>,
  book: NoteBook,
  source: string,
  command: string,
  read: readonly string[],
): ImportResult {
  book.attach(contract)
  const header = [
    ` Imported from ${redactedSource(source)} by \`standin import ${command}\`.`,
    ' Review it: describe the fields, add golden example outputs and checks, then run `standin lint`.',
  ]
  if (book.notes.length > 0) {
    header.push(
      ` ${book.notes.length} thing${book.notes.length === 1 ? '' : 's'} the source said could not be carried (see ${NOTE_KEYWORD}):`,
    )
    for (const note of book.notes) header.push(`   ${note.pointer}: ${note.message}`)
  }
  const body = stringify(contract, { lineWidth: 0, aliasDuplicateObjects: false })
  const text = `${header.map((line) => `#${line}`).join('\n')}\n${body}`
  return { contract, notes: book.notes, text, read }
}
