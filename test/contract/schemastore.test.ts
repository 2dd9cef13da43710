/**
 * Real schemas from SchemaStore (test/fixtures/schemastore, refreshed by
 * scripts/refresh-fixtures.mjs) that standin once refused although they are valid: each is a side
 * of a contract, and lint must find no error in it.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, it } from 'vitest'
import { formatProblem } from '../../src/errors.js'
import { lintContracts } from '../../src/lint/index.js'

const fixtures = fileURLToPath(new URL('../fixtures/schemastore/', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'standin-schemastore-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Lints a contract whose input and output are `$ref: ./<name>.json`: its problems, formatted. */
async function lintSchema(name: string): Promise<string[]> {
  cpSync(join(fixtures, `${name}.json`), join(dir, `${name}.json`))
  const file = `${name}.contract.json`
  const side = { $ref: `./${name}.json` }
  writeFileSync(
    join(dir, file),
    JSON.stringify({ contract: 1, name, version: '1.0.0', input: side, output: side }),
  )
  const report = await lintContracts([file], { cwd: dir })
  return report.problems
    .filter((p) => p.code !== 'lint.no-examples' && p.code !== 'lint.no-description')
    .map((p) => `${p.severity}: ${formatProblem(p)}`)
}

it('accepts codeship-steps.json, warning that null in the enum of a string never validates', async () => {
  expect(await lintSchema('codeship-steps')).toEqual([
    'warning: codeship-steps.json#/definitions/ExternalStep/properties/type/enum/0: null is not string, as "type" requires, so no value can take it (the other values still fit). Fix the value, or the type.',
  ])
})

it('resolves the draft-04 ids of base-04.json, and refuses only the ref ajv-draft-04 cannot resolve either', async () => {
  // "osi-license" is a definition without an `id`: the ref resolves to
  // https://json.schemastore.org/osi-license, which nothing declares, and then to a file beside
  // it (ajv-draft-04: "can't resolve reference osi-license" once a schema reaches the license).
  expect(await lintSchema('base-04')).toEqual([
    'error: base-04.json#/definitions/license/anyOf/0/$ref: $ref "osi-license" points to osi-license, which does not exist. Fix the path (it is relative to the file that holds the $ref).',
  ])
})
