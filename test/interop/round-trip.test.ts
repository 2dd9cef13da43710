/**
 * Round trips are honest: a contract exported to OpenAPI and imported again is the same contract
 * (schemas, examples, endpoint, identity, checks), with nothing noted as lost; and the same holds
 * for generated record schemas (fast-check, seed printed on failure).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, expect, it } from 'vitest'
import { parse } from 'yaml'
import { exportOpenApi, importOpenApi, loadContract, type Contract } from '../../src/index.js'
import { runInProcess } from '../helpers/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'standin-round-trip-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Exports `contract`, imports the operation back, and loads what came back. */
async function roundTrip(contract: Contract, file: string) {
  const document = await exportOpenApi([contract])
  const path = join(dir, file)
  writeFileSync(path, JSON.stringify(document))
  const imported = await importOpenApi(path, { operation: contract.name })
  return { imported, back: await loadContract(structuredClone(imported.contract) as object) }
}

/** The parts of a contract a round trip must keep. */
function kept(contract: Contract) {
  return {
    name: contract.name,
    version: contract.version,
    description: contract.description,
    owner: contract.owner,
    protocol: contract.protocol,
    endpoint: contract.endpoint,
    input: contract.input,
    output: contract.output,
    examples: contract.examples,
    checks: contract.checks,
    mock: contract.mock,
  }
}

/** A record schema without the import's notes (`x-standin-import` on its root). */
function withoutNotes(schema: Contract['input']): Contract['input'] {
  if (typeof schema === 'boolean') return schema
  const { 'x-standin-import': _, ...rest } = schema as Record<string, unknown>
  return rest
}

/**
 * What import(export(c)) must give back of any contract, compared with toEqual: its name,
 * version, protocol, record schemas (input and output as loaded, `$defs` bundled in, without the
 * import's `x-standin-import` notes on their roots), checks and openai-chat settings. Examples of protocols other than
 * json are written in the protocol's request form: they come back as a note, not compared.
 */
function identityAndRecords(contract: Contract) {
  return {
    name: contract.name,
    version: contract.version,
    protocol: contract.protocol,
    input: withoutNotes(contract.input),
    output: withoutNotes(contract.output),
    checks: contract.checks,
    chat: contract.chat,
    served: { model: contract.endpoint.model, version: contract.endpoint.version },
  }
}

const bundled = [
  ...readdirSync('contracts').map((file) => join('contracts', file)),
  ...readdirSync('examples', { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.contract.yaml'))
    .map((file) => join('examples', file)),
].filter((file) => file.endsWith('.contract.yaml'))

it.each(bundled)(
  'gives back %s from its exported OpenAPI document: name, version, protocol, input, output, checks',
  async (file) => {
    const original = await loadContract(file)
    const { back } = await roundTrip(original, `${original.name}.json`)
    expect(identityAndRecords(back)).toEqual(identityAndRecords(original))
  },
)

it('imports what the CLI exported on its own protocol, exit 0, as the tester ran it', async () => {
  const file = join(dir, 'cli-ticket-router.json')
  const exported = await runInProcess([
    'export',
    'openapi',
    'contracts/ticket-router.contract.yaml',
    '-o',
    file,
  ])
  expect(exported.code).toBe(0)
  const run = await runInProcess([
    'import',
    'openapi',
    file,
    '--operation',
    'ticket-router',
    '-o',
    '-',
  ])
  expect(run.stderr).toMatch(/^The contract "ticket-router" on the kserve-v2 protocol, 0 examples/)
  expect(run.code).toBe(0)
  expect(run.stdout).toContain('\nversion: 2.0.1\n')
})

it("gives back a kserve-v2 model's own name and version on the wire (endpoint.model, endpoint.version)", async () => {
  const original = await loadContract({
    ...(parse(readFileSync('contracts/ticket-router.contract.yaml', 'utf8')) as object),
    endpoint: { model: 'ticket_router', version: '3' },
  })
  const { back } = await roundTrip(original, 'ticket_router.json')
  expect(back.endpoint).toMatchObject({ model: 'ticket_router', version: '3' })
  expect(identityAndRecords(back)).toEqual(identityAndRecords(original))
})

it('gives back each contract of a document written from several, with its own version', async () => {
  const contracts = await Promise.all(bundled.map((file) => loadContract(file)))
  const document = await exportOpenApi(contracts)
  expect((document.info as { version: string }).version).toBe('0.0.0')
  const path = join(dir, 'several.json')
  writeFileSync(path, JSON.stringify(document))
  for (const original of contracts) {
    const imported = await importOpenApi(path, { operation: original.name })
    const back = await loadContract(structuredClone(imported.contract) as object)
    expect(identityAndRecords(back)).toEqual(identityAndRecords(original))
  }
})

it('gives back the bundled json contract from its exported OpenAPI document, noting nothing', async () => {
  const original = await loadContract('contracts/transaction-classifier.contract.yaml')
  const { imported, back } = await roundTrip(original, 'transaction-classifier.json')
  expect(imported.notes).toEqual([])
  expect(kept(back)).toEqual(kept(original))
})

/** Record schemas built from the keywords an importer must carry. */
const leaf = fc.oneof(
  fc.record({ type: fc.constant('string'), maxLength: fc.integer({ min: 1, max: 20 }) }),
  fc.record({
    type: fc.constant('integer'),
    minimum: fc.integer({ min: -5, max: 0 }),
    maximum: fc.integer({ min: 1, max: 9 }),
  }),
  fc.record({ type: fc.constant('number'), exclusiveMinimum: fc.constant(0) }),
  fc.record({
    enum: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ type: fc.constant(['boolean', 'null']) }),
)
const record = fc
  .dictionary(
    fc.stringMatching(/^[a-z][a-z_]{0,8}$/),
    fc.oneof(
      leaf,
      fc.record({
        type: fc.constant('array'),
        items: leaf,
        maxItems: fc.integer({ min: 1, max: 4 }),
      }),
    ),
    { minKeys: 1, maxKeys: 5 },
  )
  .map((properties) => ({
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).slice(0, 1),
    properties,
  }))

it('gives back any record schemas and examples through export and import', async () => {
  let n = 0
  await fc.assert(
    fc.asyncProperty(record, record, async (input, output) => {
      const contract = await loadContract({
        contract: 1,
        name: 'generated',
        version: '1.0.0',
        description: 'A generated contract.',
        owner: 'property-tests',
        endpoint: { method: 'PUT', path: '/v1/score' },
        input,
        output,
      })
      const { imported, back } = await roundTrip(contract, `generated-${n++}.json`)
      expect(imported.notes).toEqual([])
      expect(kept(back)).toEqual(kept(contract))
    }),
    { numRuns: 25, seed: Number(process.env.FC_SEED ?? Date.now() % 1_000_000), verbose: true },
  )
})
