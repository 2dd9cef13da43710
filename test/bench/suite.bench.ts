/**
 * The JSON-Schema-Test-Suite beside json-schema-faker 0.6: for each group with a valid instance and
 * no remote ref, does every generated value pass? Values are judged by @hyperjump/json-schema
 * (spec-complete) and by ajv. standin counts a compile-time refusal as not passing too.
 *
 * Run: node --import tsx test/bench/suite.bench.ts [--quick]
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  registerSchema,
  setShouldValidateFormat,
  unregisterSchema,
  validate as hyperjumpValidate,
} from '@hyperjump/json-schema/draft-2020-12'
import '@hyperjump/json-schema/draft-07'
import '@hyperjump/json-schema/formats'
import { generateSync } from 'json-schema-faker'
import { SUITE_ROOT, hasRemoteRef, runSuiteFiles, suiteFiles } from '../helpers/schema-suite.js'

const quick = process.argv.includes('--quick')
const samples = quick ? 20 : 200
setShouldValidateFormat(true)

let serial = 0
async function jsfPasses(schema: unknown, dialect: string): Promise<boolean> {
  const uri = `https://standin.test/bench/${++serial}`
  try {
    registerSchema(schema as never, uri, dialect)
  } catch {
    return false
  }
  try {
    const check = await hyperjumpValidate(uri)
    for (let i = 0; i < samples; i++) {
      const value: unknown = generateSync(schema as never, { seed: i + 1 })
      if (!check(value as never).valid) return false
    }
    return true
  } catch {
    return false
  } finally {
    unregisterSchema(uri)
  }
}

for (const [draft, folder, dialect] of [
  ['2020-12', 'draft2020-12', 'https://json-schema.org/draft/2020-12/schema'],
  ['draft-07', 'draft7', 'http://json-schema.org/draft-07/schema'],
] as const) {
  const files = suiteFiles(folder)
  const standin = await runSuiteFiles(draft, files, samples)
  let jsf = 0
  let total = 0
  for (const file of files) {
    const groups = JSON.parse(readFileSync(join(SUITE_ROOT, file), 'utf8')) as {
      schema: unknown
      tests: { valid: boolean }[]
    }[]
    for (const group of groups) {
      if (!group.tests.some((t) => t.valid) || hasRemoteRef(group.schema)) continue
      total++
      if (await jsfPasses(group.schema, dialect)) jsf++
    }
  }
  const ok = standin.filter((r) => r.outcome === 'valid').length
  console.log(
    `${folder}: ${total} groups, ${samples} values each; only valid values: standin ${ok} (${((ok / total) * 100).toFixed(1)}%), json-schema-faker 0.6 ${jsf} (${((jsf / total) * 100).toFixed(1)}%)`,
  )
}
