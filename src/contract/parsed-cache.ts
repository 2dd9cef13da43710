/**
 * Parsed YAML contract files kept between runs (`LoadOptions.parsedCacheDir`): a file whose text
 * is exactly what was parsed last time gets last time's data back with `JSON.parse`, instead of
 * the `yaml` package parsing it again (~15 ms for a 6 kB contract on a fresh start, most of the
 * YAML package's code running for the first time). Only data JSON holds exactly is kept (no
 * NaN, no -0, plain objects and arrays), and only from a parse without errors, so a hit gives
 * the very value the parse would. Any file error is a miss; the cache is safe to delete.
 */
import { rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import yamlPackage from 'yaml/package.json' with { type: 'json' }
import { privateFolder, readPrivateFile, shortHash } from '../private-cache.js'

/** The largest text kept (bytes of UTF-16): contracts are small, data files need not be. */
const MAX_TEXT = 1 << 20

/** What a cache file holds; `parser` names the yaml package version that parsed the text. */
type Entry = [format: 1, parser: string, text: string, data: unknown]

const entryPath = (dir: string, path: string): string => join(dir, `${shortHash(path)}.json`)

/** The data parsed from exactly `text` at `path` last time, or undefined. */
export function readParsed(dir: string, path: string, text: string): unknown {
  if (text.length > MAX_TEXT) return undefined
  try {
    const kept = readPrivateFile(entryPath(dir, path))
    if (kept === undefined) return undefined
    const entry = JSON.parse(kept.toString('utf8')) as unknown
    if (
      Array.isArray(entry) &&
      entry.length === 4 &&
      entry[0] === 1 &&
      entry[1] === yamlPackage.version &&
      entry[2] === text
    )
      return entry[3] as unknown
  } catch {
    // No entry, or a torn one: parse.
  }
  return undefined
}

/** Keeps `data`, parsed from `text` at `path`, when JSON holds it exactly. Never throws. */
export async function writeParsed(
  dir: string,
  path: string,
  text: string,
  data: unknown,
): Promise<void> {
  if (text.length > MAX_TEXT || !isExactJson(data)) return
  // Serialised now, before the caller can change `data`.
  const entry = JSON.stringify([1, yamlPackage.version, text, data] satisfies Entry)
  const target = entryPath(dir, path)
  const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  try {
    // Private to the user: the entry holds the contract's text.
    if (!privateFolder(dir)) return
    await writeFile(temporary, entry, { mode: 0o600 })
    await rename(temporary, target)
  } catch {
    // Unwritable: the next load parses again.
  }
}

/** True when `JSON.parse(JSON.stringify(value))` gives `value` back exactly. */
function isExactJson(value: unknown): boolean {
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const item = stack.pop()
    if (item === null || typeof item === 'string' || typeof item === 'boolean') continue
    if (typeof item === 'number') {
      if (!Number.isFinite(item) || Object.is(item, -0)) return false
      continue
    }
    if (typeof item !== 'object') return false
    if (Array.isArray(item)) {
      if (Object.getPrototypeOf(item) !== Array.prototype) return false
      for (let i = 0; i < item.length; i++) {
        if (!(i in item)) return false
        stack.push(item[i])
      }
      continue
    }
    if (Object.getPrototypeOf(item) !== Object.prototype) return false
    if (Object.getOwnPropertySymbols(item).length > 0) return false
    for (const key of Object.getOwnPropertyNames(item)) {
      const descriptor = Object.getOwnPropertyDescriptor(item, key)
      if (!descriptor || !descriptor.enumerable || !('value' in descriptor)) return false
      stack.push(descriptor.value)
    }
  }
  return true
}
