import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { createAjv } from '../../src/contract/index.js'
import type { JsonSchema } from '../../src/contract/index.js'
import { UnsatisfiableSchemaError, compileGenerator, createRng } from '../../src/generate/index.js'

/**
 * Groups of the official JSON-Schema-Test-Suite (vendored under test/fixtures, MIT), trimmed to
 * each group's schema and its valid instances: a group with a valid instance must generate only
 * valid values, or be reported at compile time; a group without one must never yield a value
 * ajv rejects.
 */
interface SuiteGroup {
  readonly description: string
  readonly schema: JsonSchema
  readonly valid: readonly unknown[]
}

const root = fileURLToPath(new URL('../fixtures/json-schema-test-suite/', import.meta.url))
const SAMPLES = 25

function runDraft(draft: '2020-12' | 'draft-07', folder: string) {
  const results: {
    name: string
    outcome: 'valid' | 'unsupported' | 'invalid' | 'refused'
    detail?: string
  }[] = []
  for (const file of readdirSync(`${root}${folder}`).sort()) {
    const groups = JSON.parse(readFileSync(`${root}${folder}/${file}`, 'utf8')) as SuiteGroup[]
    for (const group of groups) {
      const name = `${folder}/${file}: ${group.description}`
      let validate: (value: unknown) => boolean
      try {
        validate = createAjv(draft).compile(group.schema as object | boolean)
      } catch {
        // A schema ajv itself rejects (the suite has a few for other drafts): the generator must
        // refuse it at compile time too, never produce values for it.
        expect(() => compileGenerator(group.schema, { draft })).toThrow(UnsatisfiableSchemaError)
        results.push({ name, outcome: 'refused' })
        continue
      }
      // "Has a valid instance" as ajv judges it: ajv is what every generated value is checked by.
      const satisfiable = group.valid.some((v) => validate(v))
      let generate
      try {
        generate = compileGenerator(group.schema, { draft })
      } catch (error) {
        if (!(error instanceof UnsatisfiableSchemaError)) throw error
        results.push({
          name,
          outcome: satisfiable ? 'unsupported' : 'refused',
          detail: error.message,
        })
        continue
      }
      const rng = createRng(name)
      const bad = Array.from({ length: SAMPLES }, () => generate(rng)).find((v) => !validate(v))
      results.push(
        bad === undefined
          ? { name, outcome: 'valid' }
          : { name, outcome: 'invalid', detail: JSON.stringify(bad) },
      )
    }
  }
  return results
}

for (const [draft, folder] of [
  ['2020-12', 'draft2020-12'],
  ['draft-07', 'draft7'],
] as const) {
  it(`generates only valid values for at least 99% of the ${folder} suite schemas that have a valid instance, and reports the rest by name`, () => {
    const results = runDraft(draft, folder)
    const invalid = results.filter((r) => r.outcome === 'invalid')
    expect(invalid).toEqual([])
    const satisfiable = results.filter((r) => r.outcome === 'valid' || r.outcome === 'unsupported')
    const unsupported = results.filter((r) => r.outcome === 'unsupported')
    for (const r of unsupported) console.log(`unsupported: ${r.name}: ${r.detail ?? ''}`)
    expect(satisfiable.length).toBeGreaterThan(20)
    expect(unsupported.length / satisfiable.length).toBeLessThanOrEqual(0.01)
  })
}
