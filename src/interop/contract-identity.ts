/**
 * A contract's name, version, description and owner from what a source says, or the placeholders
 * `standin lint` reports when the source does not say.
 */
import semver from 'semver'
import { PLACEHOLDER, type NoteBook } from './import-result.js'

/** A contract name (`[a-z0-9]+(-[a-z0-9]+)*`, at most 64 characters) from any text. */
export function contractName(text: string): string {
  const slug = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '')
  return slug === '' ? 'imported-model' : slug
}

/**
 * A semver version from the source's version text: kept when it is one, coerced when it is close
 * (`v2` -> `2.0.0`, `2.0` -> `2.0.0`, with a note), the placeholder otherwise.
 */
export function contractVersion(text: unknown, book: NoteBook, pointer: string): string {
  if (typeof text !== 'string' && typeof text !== 'number') return PLACEHOLDER.version
  const raw = String(text).trim()
  if (semver.valid(raw) !== null && !raw.startsWith('v') && !raw.startsWith('=')) return raw
  const coerced = semver.coerce(raw)
  if (coerced === null) {
    book.add(pointer, `the source's version "${raw}" is not a semantic version, so 0.0.0 stands in`)
    return PLACEHOLDER.version
  }
  if (coerced.version !== raw)
    book.add(
      pointer,
      `the source's version "${raw}" was read as the semantic version ${coerced.version}`,
    )
  return coerced.version
}

/** The first non-empty text of `candidates`, trimmed, or `fallback`. */
export function firstText(candidates: readonly unknown[], fallback: string): string {
  for (const c of candidates) if (typeof c === 'string' && c.trim() !== '') return c.trim()
  return fallback
}
