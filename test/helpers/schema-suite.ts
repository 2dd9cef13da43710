/**
 * Runs the vendored JSON-Schema-Test-Suite (test/fixtures/json-schema-test-suite, MIT) through
 * the generator: every group that has at least one instance the suite marks valid and no remote
 * `$ref` must either generate only valid values or be refused at compile time with a pointer and
 * a reason. Each value is judged twice: by ajv (configured as standin validates) and by
 * @hyperjump/json-schema, an independent implementation that passes the whole suite, so a gap in
 * ajv (for example unevaluatedItems beside contains) cannot hide an invalid value.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  registerSchema,
  setShouldValidateFormat,
  unregisterSchema,
  validate as hyperjumpValidate,
} from '@hyperjump/json-schema/draft-2020-12'
import '@hyperjump/json-schema/draft-07'
import '@hyperjump/json-schema/formats'
import { createAjv } from '../../src/contract/index.js'
import type { JsonSchema, SchemaDraft } from '../../src/contract/index.js'
import { UnsatisfiableSchemaError, compileGenerator, createRng } from '../../src/generate/index.js'
import { normalizeRefs } from '../../src/generate/normalize-refs.js'
import { ROOT_URI } from '../../src/generate/schema-index.js'

export const SUITE_ROOT = fileURLToPath(
  new URL('../fixtures/json-schema-test-suite/', import.meta.url),
)

interface SuiteGroup {
  readonly description: string
  readonly schema: JsonSchema
  readonly tests: readonly {
    readonly description: string
    readonly data: unknown
    readonly valid: boolean
  }[]
}

/** One group's outcome. */
export interface GroupResult {
  readonly name: string
  readonly outcome: 'valid' | 'refused' | 'invalid' | 'crashed'
  /** The refusal's pointer and reason, or the first invalid value and who rejected it. */
  readonly detail?: string
}

/** Every `.json` file under `folder` (recursively), relative to the suite root, sorted. */
export function suiteFiles(
  folder: string,
  filter: (file: string) => boolean = () => true,
): string[] {
  const out: string[] = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (name.endsWith('.json')) out.push(relative(SUITE_ROOT, path))
    }
  }
  walk(join(SUITE_ROOT, folder))
  return out.filter(filter)
}

const HYPERJUMP_DIALECT: Record<SchemaDraft, string> = {
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
  'draft-07': 'http://json-schema.org/draft-07/schema',
}

/** A remote ref: to the suite's localhost:1234 server or to a meta-schema on json-schema.org. */
export function hasRemoteRef(schema: unknown): boolean {
  const text = JSON.stringify(schema)
  return (
    text.includes('localhost:1234') ||
    /"\$(dynamic|recursive)?[rR]ef":"https?:\/\/json-schema\.org\//.test(text) ||
    /"\$schema":"(?!https?:\/\/json-schema\.org\/(draft\/2020-12|draft-07)\/schema#?")/.test(text)
  )
}

/**
 * Groups where hyperjump, not ajv, is wrong about values standin draws, each checked by hand
 * against the spec. Only here may ajv's "valid" stand against hyperjump's "invalid".
 */
export const HYPERJUMP_GAPS: Readonly<Record<string, string>> = {
  'draft2020-12/multipleOf.json: by small number':
    'hyperjump tests the remainder with %, whose sign follows the dividend: -0.0005 % 0.0001 is -0.0001, so it calls every negative multiple invalid',
  'draft7/multipleOf.json: by small number':
    'hyperjump tests the remainder with %, whose sign follows the dividend: -0.0005 % 0.0001 is -0.0001, so it calls every negative multiple invalid',
  'draft2020-12/optional/anchor.json: $anchor inside an enum is not a real identifier':
    'the value is the enum member itself (the suite marks it valid); hyperjump rejects it',
  'draft7/optional/id.json: non-schema object containing a plain-name $id property':
    "the value equals the const in the else branch; hyperjump takes the const's $id for an identifier",
  'draft7/optional/id.json: non-schema object containing an $id property':
    "the value equals the const in the else branch; hyperjump takes the const's $id for an identifier",
}

/**
 * The groups standin refuses at compile time, each with why. The suite tests assert that the
 * refusals are exactly these, so the share in the README stays true.
 */
export const KNOWN_REFUSALS: Readonly<Record<string, string>> = {
  'draft2020-12/dynamicRef.json: after leaving a dynamic scope, it is not used by a $dynamicRef':
    'the $dynamicRef target depends on the path to it, which ajv cannot compile ("extended#" form)',
  'draft2020-12/dynamicRef.json: $dynamicRef avoids the root of each schema, but scopes are still registered':
    'the $dynamicRef target depends on the path to it; ajv resolves it statically',
  "draft2020-12/not.json: collect annotations inside a 'not', even if collection is disabled":
    'a value must be an object with a property other than foo; free draws rarely make one',
}

/** Groups with a valid instance and no remote ref in the whole folder (the 99% base). */
export function eligibleGroups(folder: string): string[] {
  const names: string[] = []
  for (const file of suiteFiles(folder)) {
    const groups = JSON.parse(readFileSync(join(SUITE_ROOT, file), 'utf8')) as SuiteGroup[]
    for (const group of groups) {
      if (group.tests.some((t) => t.valid) && !hasRemoteRef(group.schema)) {
        names.push(`${file}: ${group.description}`)
      }
    }
  }
  return names
}

let serial = 0

/**
 * Runs the groups of `files`. `samples` values per group, each judged by ajv and hyperjump.
 */
export async function runSuiteFiles(
  draft: SchemaDraft,
  files: readonly string[],
  samples = 200,
): Promise<GroupResult[]> {
  setShouldValidateFormat(true)
  const results: GroupResult[] = []
  for (const file of files) {
    const groups = JSON.parse(readFileSync(join(SUITE_ROOT, file), 'utf8')) as SuiteGroup[]
    for (const group of groups) {
      const name = `${file}: ${group.description}`
      if (!group.tests.some((t) => t.valid) || hasRemoteRef(group.schema)) continue
      results.push(await runGroup(draft, name, group.schema, samples))
    }
  }
  return results
}

async function runGroup(
  draft: SchemaDraft,
  name: string,
  schema: JsonSchema,
  samples: number,
): Promise<GroupResult> {
  let generate
  try {
    generate = compileGenerator(schema, { draft })
  } catch (error) {
    if (error instanceof UnsatisfiableSchemaError) {
      const problem = error.problems[0]
      return {
        name,
        outcome: 'refused',
        detail: `${problem?.pointer ?? '?'}: ${problem?.message ?? ''}`,
      }
    }
    return {
      name,
      outcome: 'crashed',
      detail: error instanceof Error ? error.stack : String(error),
    }
  }
  // ajv judges the schema as standin hands it to ajv (refs resolved to root pointers: ajv
  // overflows its stack on a pointer inside a urn: resource); hyperjump judges it as written.
  let ajvValidate: (value: unknown) => boolean
  try {
    ajvValidate = createAjv(draft).compile(
      normalizeRefs(schema, draft, ROOT_URI) as object | boolean,
    )
  } catch (error) {
    return {
      name,
      outcome: 'crashed',
      detail: `ajv: ${error instanceof Error ? error.message : String(error)}`,
    }
  }
  const uri = `https://standin.test/suite/${++serial}`
  // hyperjump refuses to register a schema whose $id is a file: URI (one suite group); ajv
  // alone judges that one.
  let registered = true
  try {
    registerSchema(schema as never, uri, HYPERJUMP_DIALECT[draft])
  } catch {
    registered = false
  }
  try {
    const hyperjump = registered ? await hyperjumpValidate(uri) : () => ({ valid: true })
    const rng = createRng(name)
    for (let i = 0; i < samples; i++) {
      const value = generate(rng)
      const byAjv = ajvValidate(value)
      const byHyperjump = hyperjump(value as never).valid || (byAjv && name in HYPERJUMP_GAPS)
      if (!byAjv || !byHyperjump) {
        return {
          name,
          outcome: 'invalid',
          detail: `${JSON.stringify(value)} (ajv: ${byAjv ? 'valid' : 'invalid'}, hyperjump: ${byHyperjump ? 'valid' : 'invalid'})`,
        }
      }
    }
    return { name, outcome: 'valid' }
  } catch (error) {
    return {
      name,
      outcome: 'crashed',
      detail: error instanceof Error ? error.message : String(error),
    }
  } finally {
    if (registered) unregisterSchema(uri)
  }
}
