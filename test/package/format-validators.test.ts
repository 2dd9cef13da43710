/**
 * The package ships standin's own validators as ajv standalone code written at build time
 * (dist/src/contract/format-validators.generated.cjs); run from source they are compiled by ajv
 * on first use. Both must judge every document alike, to the error: every contract and fixture in
 * the repository, each of their schema nodes and hints, and generated mutations of them.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import type { ValidateFunction } from 'ajv'
import { expect, it } from 'vitest'
import { parse } from 'yaml'
import { walkSchema } from '../../src/json/index.js'
import {
  compileFormatValidators,
  type FormatValidators,
} from '../../src/contract/format-validators.js'
import { root } from '../helpers/run-cli.js'

// Printed so any failure can be replayed: STANDIN_SEED=<seed> npx vitest run <this file>.
const seed = Number(process.env.STANDIN_SEED ?? Date.now() % 1_000_000)
console.log(`fast-check seed for test/package/format-validators.test.ts: ${seed}`)

const dist = (await import(join(root, 'dist/src/contract/format-validators.js'))) as {
  precompiledFormatValidators: () => FormatValidators | undefined
}
const shipped = dist.precompiledFormatValidators()
const compiled = compileFormatValidators()

function verdict(validate: ValidateFunction, data: unknown): unknown {
  const valid = validate(data)
  return { valid, errors: validate.errors ?? null }
}

function same(pick: (v: FormatValidators) => ValidateFunction, data: unknown): void {
  if (!shipped) throw new Error('the build wrote no precompiled validators')
  expect(verdict(pick(shipped), data)).toEqual(verdict(pick(compiled), data))
}

function documents(dir: string): unknown[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ya?ml|json)$/.test(e.name))
    .flatMap((e) => {
      try {
        return [parse(readFileSync(join(e.parentPath, e.name), 'utf8')) as unknown]
      } catch {
        return [] // a fixture that is not even YAML: the format validator never sees it
      }
    })
}

const corpus = [
  ...documents(join(root, 'contracts')),
  ...documents(join(root, 'test/fixtures/contracts')),
]

function schemaNodes(doc: unknown): unknown[] {
  const nodes: unknown[] = []
  if (doc === null || typeof doc !== 'object') return nodes
  for (const side of ['input', 'output'] as const) {
    walkSchema((doc as Record<string, unknown>)[side], '', (node) => void nodes.push(node))
  }
  return nodes
}

it('ships precompiled validators that judge every repository contract like ajv', () => {
  expect(shipped).toBeDefined()
  expect(corpus.length).toBeGreaterThan(20)
  for (const doc of corpus) {
    same((v) => v.validateFormat, doc)
    for (const node of schemaNodes(doc)) {
      same((v) => v.validateNode['2020-12'], node)
      same((v) => v.validateNode['draft-07'], node)
      if (node !== null && typeof node === 'object' && 'x-standin' in node)
        same((v) => v.validateHint, (node as Record<string, unknown>)['x-standin'])
    }
  }
})

/** Every path into a JSON document (objects and arrays), the root first. */
function paths(value: unknown, at: readonly (string | number)[] = []): (string | number)[][] {
  const found = [[...at]]
  if (Array.isArray(value)) value.forEach((item, i) => found.push(...paths(item, [...at, i])))
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) found.push(...paths(item, [...at, key]))
  return found
}

/** A copy of `doc` with the value at `path` deleted, or replaced by `value`. */
function mutate(
  doc: unknown,
  path: readonly (string | number)[],
  value: unknown,
  remove: boolean,
): unknown {
  if (path.length === 0) return value
  const copy = structuredClone(doc) as Record<string | number, unknown>
  let parent = copy
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>
  const last = path[path.length - 1] as string | number
  if (remove && Array.isArray(parent)) parent.splice(Number(last), 1)
  else if (remove) delete parent[last]
  else parent[last] = value
  return copy
}

it('judges generated mutations of contracts, schema nodes and hints like ajv', () => {
  const keywords = fc.constantFrom(
    ...new Set(
      corpus
        .flatMap(schemaNodes)
        .flatMap((n) => (n && typeof n === 'object' ? Object.keys(n) : [])),
    ),
  )
  const topKeys = fc.constantFrom(
    ...new Set(corpus.flatMap((d) => (d && typeof d === 'object' ? Object.keys(d) : []))),
  )
  fc.assert(
    fc.property(
      fc.constantFrom(...corpus.filter((d) => d !== null && typeof d === 'object')),
      fc.nat(),
      fc.boolean(),
      topKeys,
      fc.jsonValue({ maxDepth: 3 }),
      fc.dictionary(keywords, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
      (doc, pick, remove, key, value, node) => {
        const all = paths(doc)
        same((v) => v.validateFormat, mutate(doc, all[pick % all.length] ?? [], value, remove))
        same((v) => v.validateFormat, { ...doc, [key]: value })
        same((v) => v.validateNode['2020-12'], node)
        same((v) => v.validateNode['draft-07'], node)
        same((v) => v.validateHint, value)
        same((v) => v.validateHint, node)
      },
    ),
    { seed, numRuns: 1000 },
  )
})
