import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { codeCacheDir } from '../../src/cli/code-cache.js'

const moduleUrl = new URL('../../src/cli/code-cache.ts', import.meta.url).href
let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'standin-code-cache-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Runs `file` through requireWithCodeCache in a child node (the cache is written at its exit). */
function run(file: string, cacheDir: string, slot = 'serve'): string {
  const script = `import { requireWithCodeCache } from ${JSON.stringify(moduleUrl)}
const exported = requireWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cacheDir)}, ${JSON.stringify(slot)}, (s) => import(s))
const { sep } = await exported.imported()
console.log(exported.answer(), exported.here === ${JSON.stringify(dir)}, sep === ${JSON.stringify(sep)})`
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  }).trim()
}

/**
 * A CommonJS file that uses its wrapper's arguments (the importer too: a vm.Script compiled from
 * cached data has no import() of its own), ending in a build line as cli.cjs does.
 */
function writeBundle(answer: number, build: string): string {
  const file = join(dir, 'cli.cjs')
  writeFileSync(
    file,
    `const { join } = require('node:path')\nmodule.exports = { answer: () => ${answer}, here: join(__dirname), imported: () => __standinImport('node:path') }\nexports.ignored = true\n// standin-build ${build}\n`,
  )
  return file
}

const cacheFiles = (cacheDir: string): string[] =>
  readdirSync(cacheDir).filter((name) => name.endsWith('.bin'))

it('runs the file as require would, writes a cache per command at exit and reads it next time', () => {
  const cacheDir = join(dir, 'cache')
  const file = writeBundle(42, 'aaaa')
  expect(run(file, cacheDir)).toBe('42 true true')
  const [name] = cacheFiles(cacheDir)
  expect(name).toMatch(new RegExp(`^serve-${process.version}-${process.arch}-[0-9a-f]{8}\\.bin$`))
  const first = readFileSync(join(cacheDir, name ?? ''))
  expect(first.subarray(0, first.indexOf(10)).toString()).toMatch(/^aaaa \d+ [\d.]+$/)
  // A good cache is used as it is, not written again.
  expect(run(file, cacheDir)).toBe('42 true true')
  expect(readFileSync(join(cacheDir, name ?? ''))).toEqual(first)
  expect(run(file, cacheDir, 'lint')).toBe('42 true true')
  expect(cacheFiles(cacheDir).sort()).toEqual([expect.stringMatching(/^lint-/), name])
})

it('compiles from source when the bundle changed or V8 rejects the cache, and writes it again', () => {
  const cacheDir = join(dir, 'cache')
  expect(run(writeBundle(1, 'aaaa'), cacheDir)).toBe('1 true true')
  // Another build: its cache is not used (the old code would answer 1).
  expect(run(writeBundle(2, 'bbbb'), cacheDir)).toBe('2 true true')
  const [name] = cacheFiles(cacheDir)
  const path = join(cacheDir, name ?? '')
  expect(readFileSync(path).toString('latin1')).toMatch(/^bbbb /)
  // A torn cache with the right key: V8 rejects the data, the file is made again.
  const good = readFileSync(path)
  writeFileSync(path, good.subarray(0, good.indexOf(10) + 40))
  expect(run(writeBundle(2, 'bbbb'), cacheDir)).toBe('2 true true')
  expect(readFileSync(path).length).toBe(good.length)
})

it('runs without a cache where it cannot write one', () => {
  const blocked = join(dir, 'a-file')
  writeFileSync(blocked, '')
  expect(run(writeBundle(3, 'aaaa'), join(blocked, 'cache'))).toBe('3 true true')
})

it('keeps the cache under STANDIN_CACHE_DIR, XDG_CACHE_HOME or ~/.cache, off with NODE_DISABLE_COMPILE_CACHE', () => {
  expect(codeCacheDir({ STANDIN_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe(
    join('/c', 'code'),
  )
  expect(codeCacheDir({ XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe(join('/x', 'standin', 'code'))
  expect(codeCacheDir({ HOME: '/h' })).toBe(join('/h', '.cache', 'standin', 'code'))
  expect(codeCacheDir({})).toBeUndefined()
  expect(codeCacheDir({ HOME: '/h', NODE_DISABLE_COMPILE_CACHE: '1' })).toBeUndefined()
})
