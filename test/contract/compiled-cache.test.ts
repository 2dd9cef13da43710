import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import type { Contract } from '../../src/contract/index.js'
import { canonicalJson, compileContractGenerator, createRng } from '../../src/generate/index.js'
import { runBin } from '../helpers/run-cli.js'

let dir: string
let cacheDir: string
let file: string

/**
 * A contract whose validators use what ajv's code refers to by name: a format (ajv-formats), an
 * idn format (standin's), a pattern (the linear-time engine), multipleOf, a $ref, an enum, and
 * `uniqueItems` (ajv's `equal`) and `maxLength` (its `ucs2length`).
 */
const contractText = `contract: 1
name: cached
version: 1.0.0
input:
  type: object
  additionalProperties: false
  required: [id, amount]
  properties:
    id: { type: string, pattern: '^(a+)+[0-9]{2}$', maxLength: 12 }
    amount: { type: number, multipleOf: 0.01, minimum: 0 }
    on: { type: string, format: date }
    mail: { type: string, format: idn-email }
    tags: { type: array, uniqueItems: true, items: { $ref: '#/$defs/Tag' } }
  $defs:
    Tag: { type: string, enum: [a, b, c] }
output:
  type: object
  required: [label]
  properties:
    label: { type: string, enum: [yes, no] }
`

/** Values each input validator must judge the same way, hit or miss. */
const inputs: unknown[] = [
  { id: 'aa12', amount: 0.07 },
  { id: 'aa1', amount: 0.071, on: '2024-02-30', mail: 'ü@例え.jp', tags: ['a', 'a'] },
  { id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!', amount: -1, on: '2024-02-01', tags: ['d'] },
  { id: 12, amount: '1', extra: true, mail: 'no at sign' },
  'not an object',
]

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'standin-compiled-'))
  cacheDir = join(dir, 'cache', 'compiled')
  file = join(dir, 'c.contract.yaml')
  writeFileSync(file, contractText)
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Loads the contract with the cache, then waits for the cache writes (not awaited by the load). */
async function load(compiledCacheDir: string | undefined = cacheDir): Promise<Contract> {
  const contract = await loadContract(file, compiledCacheDir ? { compiledCacheDir } : {})
  await new Promise((done) => setTimeout(done, 100))
  return contract
}

const entries = (): string[] => {
  try {
    return readdirSync(cacheDir)
      .filter((name) => name.endsWith('.json'))
      .sort()
  } catch {
    return []
  }
}

const verdicts = (contract: Contract): unknown[] =>
  inputs.map((value) => contract.validateInput(value))

it('keeps the compiled validators of both sides and reads them back, judging every value the same', async () => {
  const uncached = verdicts(await load(undefined))
  expect(uncached[0]).toEqual([])
  expect(uncached.slice(1).every((problems) => (problems as unknown[]).length > 0)).toBe(true)
  expect(verdicts(await load())).toEqual(uncached)
  expect(entries()).toHaveLength(2)
  // The second load reads them back (and writes nothing new): the same problems, exactly.
  const written = entries().map((name) => readFileSync(join(cacheDir, name), 'utf8'))
  expect(verdicts(await load())).toEqual(uncached)
  expect(entries().map((name) => readFileSync(join(cacheDir, name), 'utf8'))).toEqual(written)
  // An edited schema takes its side's entry over: the folder does not grow with every edit.
  const names = entries()
  writeFileSync(file, contractText.replace('enum: [yes, no]', 'enum: [yes, no, maybe]'))
  expect((await load()).validateOutput({ label: 'maybe' })).toEqual([])
  expect(entries()).toEqual(names)
  expect((await load()).validateOutput({ label: 'perhaps' })).not.toEqual([])
})

it("keeps the generator's subschema checks too, and draws the same values with them", async () => {
  const draws = (contract: Contract): string[] => {
    const inputs = compileContractGenerator(contract, 'input')
    const outputs = compileContractGenerator(contract, 'output')
    return Array.from({ length: 30 }, (_, seed) => {
      const input = inputs(createRng(seed))
      return canonicalJson([input, outputs(createRng(seed), { input })])
    })
  }
  const uncached = draws(await load(undefined))
  expect(draws(await load())).toEqual(uncached)
  await new Promise((done) => setTimeout(done, 100))
  const kept = entries()
  // Both sides, and the checks the generator compiled (each keyed with the root it refers into).
  expect(kept.length).toBeGreaterThan(2)
  expect(draws(await load())).toEqual(uncached)
  await new Promise((done) => setTimeout(done, 100))
  expect(entries()).toEqual(kept)
})

it('uses an entry only for its own schema, standin, ajv and options', async () => {
  await load()
  // Entries marked to tell a hit apart: a validator that accepts everything.
  const accept = '"use strict";module.exports = function v(data) { v.errors = null; return true }'
  const originals = new Map<string, unknown[]>()
  for (const name of entries()) {
    const entry = JSON.parse(readFileSync(join(cacheDir, name), 'utf8')) as unknown[]
    originals.set(name, entry)
    writeFileSync(join(cacheDir, name), JSON.stringify([...entry.slice(0, 3), accept]))
  }
  expect((await load()).validateInput('not an object')).toEqual([])
  // Another key (an ajv release, say) or another schema text under the same name: compiled.
  for (const [name, entry] of originals) {
    const key = String(entry[1]).replace(/^ajv .*$/m, 'ajv 0.0.0')
    writeFileSync(join(cacheDir, name), JSON.stringify([1, key, entry[2], accept]))
  }
  expect((await load()).validateInput('not an object')).not.toEqual([])
  for (const [name, entry] of originals)
    writeFileSync(
      join(cacheDir, name),
      JSON.stringify([1, entry[1], `${String(entry[2])} `, accept]),
    )
  expect((await load()).validateInput('not an object')).not.toEqual([])
})

it('compiles again when an entry is torn or its code does not load, and writes it whole', async () => {
  const uncached = verdicts(await load(undefined))
  await load()
  const [name = ''] = entries()
  const good = readFileSync(join(cacheDir, name), 'utf8')
  const entry = JSON.parse(good) as unknown[]
  /** The entry as written again: the same key and schema, ajv's code (its names may differ). */
  const rewritten = (): unknown[] => {
    const again = JSON.parse(readFileSync(join(cacheDir, name), 'utf8')) as unknown[]
    expect(again.slice(0, 3)).toEqual(entry.slice(0, 3))
    expect(String(again[3]).replace(/\d+/g, '0')).toBe(String(entry[3]).replace(/\d+/g, '0'))
    return again
  }
  writeFileSync(join(cacheDir, name), good.slice(0, 100))
  expect(verdicts(await load())).toEqual(uncached)
  rewritten()
  writeFileSync(
    join(cacheDir, name),
    JSON.stringify([...entry.slice(0, 3), 'module.exports = require("fs")']),
  )
  expect(verdicts(await load())).toEqual(uncached)
  rewritten()
})

it('keeps the cache private to the user, and runs without it where it cannot be written', async () => {
  await load()
  expect(statSync(cacheDir).mode & 0o777).toBe(0o700)
  for (const name of entries()) expect(statSync(join(cacheDir, name)).mode & 0o777).toBe(0o600)
  const uncached = verdicts(await load(undefined))
  const blocked = join(dir, 'a-file')
  writeFileSync(blocked, '')
  expect(verdicts(await load(join(blocked, 'compiled')))).toEqual(uncached)
})

it('standin keeps compiled validators under STANDIN_CACHE_DIR, the same answers from them, none with NODE_DISABLE_COMPILE_CACHE=1', async () => {
  const env = { STANDIN_CACHE_DIR: join(dir, 'cache') }
  writeFileSync(join(dir, 'good.json'), JSON.stringify({ id: 'aa12', amount: 1 }))
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ id: 'aa1', amount: 0.071 }))
  const args = ['sample', file, '--for', join(dir, 'good.json'), '--seed', '3', '--count', '1']
  const invalid = ['sample', file, '--for', join(dir, 'bad.json')]
  const first = await runBin(args, { env })
  expect(first.code).toBe(0)
  const refused = await runBin(invalid, { env })
  expect(refused.code).toBe(2)
  expect(entries()).toHaveLength(2)
  expect(statSync(cacheDir).mode & 0o777).toBe(0o700)
  expect(await runBin(args, { env })).toEqual(first)
  expect(await runBin(invalid, { env })).toEqual(refused)
  // The command reads the entries: marked to accept everything, they let the invalid input in.
  for (const name of entries()) {
    const entry = JSON.parse(readFileSync(join(cacheDir, name), 'utf8')) as unknown[]
    const accept = 'module.exports = function v() { v.errors = null; return true }'
    writeFileSync(join(cacheDir, name), JSON.stringify([...entry.slice(0, 3), accept]))
  }
  expect((await runBin(invalid, { env })).code).toBe(0)
  // ...unless another user could have written them: a folder others may write is not read.
  chmodSync(cacheDir, 0o777)
  expect((await runBin(invalid, { env })).code).toBe(2)
  chmodSync(cacheDir, 0o700)
  const off = join(dir, 'off')
  expect(
    await runBin(args, { env: { STANDIN_CACHE_DIR: off, NODE_DISABLE_COMPILE_CACHE: '1' } }),
  ).toEqual(first)
  expect(() => readdirSync(off)).toThrow()
})
