import { expect, it } from 'vitest'
import type { SchemaDraft } from '../../src/contract/index.js'
import { KNOWN_REFUSALS, runSuiteFiles, suiteFiles } from './schema-suite.js'

/**
 * One vitest file's share of the JSON-Schema-Test-Suite (split so vitest's workers run them in
 * parallel): every group with a valid instance and no remote ref generates 200 values that ajv
 * and hyperjump both find valid, or is one of the known compile-time refusals, with a pointer
 * and a reason.
 */
export function suiteTest(draft: SchemaDraft, folder: string, filter: (file: string) => boolean) {
  const files = suiteFiles(folder, filter)
  it(`generates 200 valid values (ajv and hyperjump agree) for every group of ${files.length} ${folder} files, or refuses it at compile time`, async () => {
    const results = await runSuiteFiles(draft, files, 200)
    expect(results.length).toBeGreaterThan(0)
    const wrong = results.filter((r) => r.outcome === 'invalid' || r.outcome === 'crashed')
    expect(wrong).toEqual([])
    const refused = results.filter((r) => r.outcome === 'refused')
    for (const r of refused) {
      expect(Object.keys(KNOWN_REFUSALS)).toContain(r.name)
      // A refusal names a pointer and a reason.
      expect(r.detail).toMatch(/^[^:]*: \S/)
    }
  }, 240_000)
}
