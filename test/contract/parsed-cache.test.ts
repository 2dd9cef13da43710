import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { readDataFile } from '../../src/contract/read-data-file.js'

let dir: string
let cacheDir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'standin-parsed-'))
  cacheDir = join(dir, 'cache')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Reads `path` with the cache, then waits for the cache write (it is not awaited by readDataFile). */
async function read(path: string): Promise<unknown> {
  const result = await readDataFile(path, 'c.yaml', { named: true, parsedCacheDir: cacheDir })
  await new Promise((done) => setTimeout(done, 50))
  return result
}

const entries = (): string[] => {
  try {
    return readdirSync(cacheDir).filter((name) => name.endsWith('.json'))
  } catch {
    return []
  }
}

it('keeps the parsed data of a YAML file and gives it back while the text is the same', async () => {
  const path = join(dir, 'c.yaml')
  writeFileSync(path, 'name: a\nlist: [1, 2.5, "x", null, true]\nnested: { __proto__: 1, k: {} }\n')
  const first = await read(path)
  expect(entries()).toHaveLength(1)
  const [name] = entries()
  const entry = join(cacheDir, name ?? '')
  // The second read comes from the cache: mark the cached data to tell it apart.
  const cached = JSON.parse(readFileSync(entry, 'utf8')) as [number, string, string, unknown]
  writeFileSync(entry, JSON.stringify([...cached.slice(0, 3), { from: 'cache' }]))
  expect(await read(path)).toEqual({ ok: true, data: { from: 'cache' } })
  writeFileSync(entry, JSON.stringify(cached))
  expect(await read(path)).toEqual(first)
  // Another text is parsed (and kept in place of the old one).
  writeFileSync(path, 'name: b\n')
  expect(await read(path)).toEqual({ ok: true, data: { name: 'b' } })
  expect(JSON.parse(readFileSync(entry, 'utf8'))).toEqual([
    1,
    cached[1],
    'name: b\n',
    { name: 'b' },
  ])
})

it('keeps nothing JSON cannot hold exactly, nothing that failed to parse, and no JSON file', async () => {
  for (const [file, text] of [
    ['nan.yaml', 'a: .nan\n'],
    ['zero.yaml', 'a: -0\n'],
    ['bad.yaml', 'a: [1\n'],
    ['c.json', '{"a": 1}'],
  ] as const) {
    writeFileSync(join(dir, file), text)
    await read(join(dir, file))
  }
  expect(entries()).toEqual([])
})

it('parses again when the cache file is torn or cannot be written', async () => {
  const path = join(dir, 'c.yaml')
  writeFileSync(path, 'a: 1\n')
  await read(path)
  const entry = join(cacheDir, entries()[0] ?? '')
  writeFileSync(entry, '[1, "')
  expect(await read(path)).toEqual({ ok: true, data: { a: 1 } })
  rmSync(cacheDir, { recursive: true })
  writeFileSync(cacheDir, '')
  expect(await read(path)).toEqual({ ok: true, data: { a: 1 } })
})
