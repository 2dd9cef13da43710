import { existsSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { analyzeContract } from '../../src/contract/analyze-contract.js'
import { createLoadSession } from '../../src/contract/load-session.js'
import { canonicalJson, compileGenerator, createRng } from '../../src/generate/index.js'

/**
 * The huggingface.js task specs (test/fixtures/huggingface-tasks, MIT): real input and output
 * schemas of ML tasks, draft-06 with OpenAPI's `nullable` and `example`, `$id`s such as
 * /inference/schemas/text-generation/input.json and refs to a shared common-definitions.json by
 * that $id. Each one is a contract's input or output: it loads, lints without errors, and
 * generates 200 values that the contract's own validator accepts, the same bytes for the same seed.
 */
const root = fileURLToPath(new URL('../fixtures/huggingface-tasks/tasks/', import.meta.url))
const specs = readdirSync(root)
  .sort()
  .flatMap((task) =>
    ['input', 'output']
      .map((side) => `${task}/spec/${side}.json`)
      .filter((spec) => existsSync(`${root}${spec}`)),
  )

async function analyze(spec: string) {
  const side = spec.endsWith('/input.json') ? 'input' : 'output'
  const other = side === 'input' ? 'output' : 'input'
  // common-definitions.json is named once in $defs, so the $id the specs refer to is declared.
  const data = {
    contract: 1,
    name: `hf-${spec.split('/')[0] ?? ''}-${side}`,
    version: '1.0.0',
    $defs: { common: { $ref: 'common-definitions.json' } },
    [side]: { $ref: spec },
    [other]: { type: 'object' },
    examples: [],
  }
  return {
    side,
    analysis: await analyzeContract(data, { cwd: root, session: createLoadSession() }),
  }
}

it('vendors every task spec of huggingface.js', () => {
  expect(specs.length).toBeGreaterThanOrEqual(60)
})

it('loads every spec without an error, and generates 200 valid values each, the same bytes for the same seed', async () => {
  const failures: string[] = []
  for (const spec of specs) {
    const { side, analysis } = await analyze(spec)
    const errors = analysis.problems.filter((p) => p.severity === 'error')
    if (errors.length > 0 || !analysis.contract) {
      failures.push(`${spec}: ${errors.map((e) => `${e.pointer}: ${e.message}`).join('; ')}`)
      continue
    }
    const contract = analysis.contract
    const schema = side === 'input' ? contract.input : contract.output
    const validate = side === 'input' ? contract.validateInput : contract.validateOutput
    const generate = compileGenerator(schema, { draft: contract.draft })
    const draw = (seed: string): string => {
      const rng = createRng(seed)
      return Array.from({ length: 200 }, () => canonicalJson(generate(rng))).join('\n')
    }
    const values = draw(spec)
    for (const line of values.split('\n')) {
      const problems = validate(JSON.parse(line))
      if (problems.length > 0) {
        failures.push(`${spec}: ${line} is invalid: ${JSON.stringify(problems[0])}`)
        break
      }
    }
    const again = compileGenerator(schema, { draft: contract.draft })
    const rng = createRng(spec)
    const replay = Array.from({ length: 200 }, () => canonicalJson(again(rng))).join('\n')
    if (replay !== values) failures.push(`${spec}: a second generator drew other bytes`)
  }
  expect(failures).toEqual([])
}, 120_000)
