/**
 * The generator's fingerprint: draws 40 values with fixed seeds from every schema the tests use
 * (the JSON-Schema-Test-Suite groups, the huggingface.js task specs, the contracts in contracts/,
 * examples/ and test/fixtures/contracts, the generator bench's three schemas) and hashes them.
 * A speed-up of the generator must leave it unchanged: the same seed gives the same bytes, and
 * users snapshot stand-in answers.
 *
 * Run: node --import tsx scripts/generator-fingerprint.ts [--list]
 * (--list prints one hash per schema, to diff two runs and find the schema that moved.)
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { analyzeContract } from '../src/contract/analyze-contract.js'
import { createLoadSession } from '../src/contract/load-session.js'
import type { JsonSchema, SchemaDraft } from '../src/contract/index.js'
import { canonicalJson, compileGenerator, createRng } from '../src/generate/index.js'
import { classifier, ner, regression } from '../test/bench/generate-schemas.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DRAWS = 40

interface Case {
  readonly name: string
  readonly schema: JsonSchema
  readonly draft?: SchemaDraft
  /** An input schema whose values feed the draws as context (copy / lengthOf hints). */
  readonly input?: JsonSchema
}

function walk(dir: string, keep: (file: string) => boolean): string[] {
  const out: string[] = []
  if (!existsSync(dir)) return out
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...walk(path, keep))
    else if (keep(path)) out.push(path)
  }
  return out
}

function suiteCases(): Case[] {
  const root = join(ROOT, 'test/fixtures/json-schema-test-suite')
  const cases: Case[] = []
  for (const [folder, draft] of [
    ['draft2020-12', '2020-12'],
    ['draft7', 'draft-07'],
  ] as const) {
    for (const file of walk(join(root, folder), (f) => f.endsWith('.json'))) {
      const groups = JSON.parse(readFileSync(file, 'utf8')) as {
        description: string
        schema: JsonSchema
        tests: { valid: boolean }[]
      }[]
      for (const group of groups) {
        if (!group.tests.some((t) => t.valid)) continue
        if (JSON.stringify(group.schema).includes('localhost:1234')) continue
        cases.push({
          name: `${relative(root, file)}: ${group.description}`,
          schema: group.schema,
          draft,
        })
      }
    }
  }
  return cases
}

async function contractCases(): Promise<Case[]> {
  const cases: Case[] = []
  const files = [
    ...walk(join(ROOT, 'contracts'), (f) => /\.contract\.(ya?ml|json)$/.test(f)),
    ...walk(
      join(ROOT, 'examples'),
      (f) => /\.contract\.(ya?ml|json)$/.test(f) && !f.includes('node_modules'),
    ),
    ...walk(join(ROOT, 'test/fixtures/contracts'), (f) => /\.contract\.(ya?ml|json)$/.test(f)),
  ]
  for (const file of files) {
    const analysis = await analyzeContract(file, { cwd: ROOT, session: createLoadSession() }).catch(
      () => undefined,
    )
    const contract = analysis?.contract
    if (!contract) continue
    const name = relative(ROOT, file)
    cases.push({ name: `${name}#input`, schema: contract.input, draft: contract.draft })
    cases.push({
      name: `${name}#output`,
      schema: contract.output,
      draft: contract.draft,
      input: contract.input,
    })
  }
  return cases
}

async function huggingfaceCases(): Promise<Case[]> {
  const root = join(ROOT, 'test/fixtures/huggingface-tasks/tasks/')
  const cases: Case[] = []
  for (const task of readdirSync(root).sort()) {
    for (const side of ['input', 'output']) {
      const spec = `${task}/spec/${side}.json`
      if (!existsSync(join(root, spec))) continue
      const other = side === 'input' ? 'output' : 'input'
      const data = {
        contract: 1,
        name: `hf-${task}-${side}`,
        version: '1.0.0',
        $defs: { common: { $ref: 'common-definitions.json' } },
        [side]: { $ref: spec },
        [other]: { type: 'object' },
        examples: [],
      }
      const analysis = await analyzeContract(data, { cwd: root, session: createLoadSession() })
      const contract = analysis.contract
      if (!contract) continue
      const schema = side === 'input' ? contract.input : contract.output
      cases.push({ name: `hf:${spec}`, schema, draft: contract.draft })
    }
  }
  return cases
}

function benchCases(): Case[] {
  return Object.entries({ classifier, regression, ner }).map(([name, schema]) => ({
    name: `bench:${name}`,
    schema: schema,
  }))
}

function fingerprint(c: Case): string {
  const hash = createHash('sha256')
  let generate
  try {
    generate = compileGenerator(c.schema, c.draft ? { draft: c.draft } : {})
  } catch (error) {
    return `refused:${error instanceof Error ? error.message : String(error)}`
  }
  let inputs: (() => unknown) | undefined
  if (c.input !== undefined) {
    try {
      const makeInput = compileGenerator(c.input, c.draft ? { draft: c.draft } : {})
      const inputRng = createRng(`input:${c.name}`)
      inputs = () => makeInput(inputRng)
    } catch {
      inputs = undefined
    }
  }
  for (const seed of [1, `fp:${c.name}`]) {
    const rng = createRng(seed)
    for (let i = 0; i < DRAWS / 2; i++) {
      const input = inputs?.()
      hash.update(canonicalJson(generate(rng, input === undefined ? undefined : { input })))
      hash.update('\n')
    }
  }
  return hash.digest('hex').slice(0, 16)
}

const cases = [
  ...benchCases(),
  ...suiteCases(),
  ...(await huggingfaceCases()),
  ...(await contractCases()),
]
const list = process.argv.includes('--list')
/** `--write FILE`: keeps one hash per schema; `--check FILE`: fails when a kept one moved. */
const flagValue = (flag: string): string | undefined => {
  const at = process.argv.indexOf(flag)
  return at >= 0 ? process.argv[at + 1] : undefined
}
const writeTo = flagValue('--write')
const checkAgainst = flagValue('--check')
const total = createHash('sha256')
const prints = new Map<string, string>()
let refused = 0
for (const c of cases) {
  const print = fingerprint(c)
  if (print.startsWith('refused:')) refused++
  total.update(`${c.name}\t${print}\n`)
  prints.set(c.name, print.startsWith('refused:') ? 'refused' : print)
  if (list) console.log(`${print.slice(0, 40)}\t${c.name}`)
}
console.log(
  `generator fingerprint ${total.digest('hex').slice(0, 16)}: ${cases.length} schemas (${refused} refused) x ${DRAWS} draws`,
)
if (writeTo !== undefined)
  writeFileSync(writeTo, [...prints].map(([name, print]) => `${print}\t${name}\n`).join(''))
if (checkAgainst !== undefined) {
  const kept = readFileSync(checkAgainst, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => [line.slice(line.indexOf('\t') + 1), line.slice(0, line.indexOf('\t'))] as const)
  const moved = kept.filter(([name, print]) => prints.has(name) && prints.get(name) !== print)
  const gone = kept.filter(([name]) => !prints.has(name))
  console.log(`${kept.length - gone.length} kept fingerprints compared, ${moved.length} moved`)
  if (moved.length > 0) {
    console.error(
      `The same seed no longer gives the same values for ${moved.length} schema(s):\n${moved
        .slice(0, 20)
        .map(([name]) => `  ${name}`)
        .join(
          '\n',
        )}\nIf the generator's draws changed on purpose, write the new fingerprints with\n  node --import tsx scripts/generator-fingerprint.ts --write ${checkAgainst}\nand say so in the release notes: users snapshot stand-in answers.`,
    )
    process.exitCode = 1
  }
}
