import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { expect, it } from 'vitest'
import { loadContract, loadContracts } from '../../src/contract/index.js'
import { generateTypes } from '../../src/types/index.js'
import { pascalCase } from '../../src/types/generate-types.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

it('names the types after the contract, Input and Output', async () => {
  const source = await generateTypes(await loadContracts(['contracts/'], { cwd: root }))
  const names = [...source.matchAll(/^export (?:interface|type|const) (\w+)/gm)].map((m) => m[1])
  expect(names).toEqual([
    'FuelConsumptionInput',
    'FuelConsumptionOutput',
    'NewsSignalsInput',
    'NewsSignalsOutput',
    'NewsSignalsEntity',
    'SupportEmailExtractorInput',
    'SupportEmailExtractorOutput',
    'TicketRouterInput',
    'TicketRouterOutput',
    'TransactionClassifierInput',
    'TransactionClassifierOutput',
    'Contracts',
    'ContractName',
    'contracts',
  ])
})

it('is byte-for-byte the same across runs and argument orders', async () => {
  const contracts = await loadContracts(['contracts/'], { cwd: root })
  const first = await generateTypes(contracts)
  const second = await generateTypes([...contracts].reverse())
  expect(second).toBe(first)
})

it('writes the golden module for a small contract, descriptions as doc comments', async () => {
  const contract = await loadContract('test/fixtures/contracts/good/minimal.contract.yaml', {
    cwd: root,
  })
  const golden = readFileSync(join(root, 'test/fixtures/contracts/types/minimal.ts'), 'utf8')
  expect(await generateTypes([contract])).toBe(golden)
})

it('produces a module that type-checks strictly and types real records', async () => {
  const dir = join(root, 'test/types/.tmp', `check-${process.pid}`)
  mkdirSync(dir, { recursive: true })
  try {
    const contracts = await loadContracts(['contracts/'], { cwd: root })
    writeFileSync(join(dir, 'contracts.ts'), await generateTypes(contracts))
    writeFileSync(
      join(dir, 'use.ts'),
      [
        "import { contracts } from './contracts.js'",
        "import type { ContractName, Contracts, TransactionClassifierInput, TransactionClassifierOutput } from './contracts.js'",
        'export const input: TransactionClassifierInput = {',
        "  request_id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', narration: 'POS TESCO', amount: 23.1, currency: 'GBP', direction: 'debit',",
        '}',
        "export const output: Contracts['transaction-classifier']['output'] = {",
        "  request_id: input.request_id, category: 'groceries', confidence: 0.9,",
        '  scores: { groceries: 0.9, dining: 0.1, transport: 0, utilities: 0, rent: 0, income: 0, transfers: 0, shopping: 0, other: 0 },',
        '}',
        "export const name: ContractName = 'ticket-router'",
        "export const protocol: 'kserve-v2' = contracts[name].protocol",
        "export const label: TransactionClassifierOutput['category'] = output.category",
        '// @ts-expect-error JPY is not one of the currencies of the contract',
        "export const wrong: TransactionClassifierInput = { ...input, currency: 'JPY' }",
        '// @ts-expect-error category is required',
        "export const partial: TransactionClassifierOutput = { request_id: 'x', confidence: 1, scores: output.scores }",
        '',
      ].join('\n'),
    )
    const program = ts.createProgram([join(dir, 'use.ts')], {
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      types: [],
    })
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
    expect(diagnostics).toEqual([])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('prefixes shared definition names so two contracts never clash', async () => {
  const make = (name: string) =>
    loadContract({
      contract: 1,
      name,
      version: '1.0.0',
      input: {
        type: 'object',
        properties: { c: { $ref: '#/$defs/Thing' } },
        $defs: { Thing: { type: 'object', properties: { v: { type: 'number' } } } },
      },
      output: true,
    })
  const source = await generateTypes([await make('alpha'), await make('beta')])
  expect(source).toContain('export interface AlphaThing {')
  expect(source).toContain('export interface BetaThing {')
})

it('turns contract names into PascalCase identifiers', () => {
  expect(pascalCase('transaction-classifier')).toBe('TransactionClassifier')
  expect(pascalCase('3d-model')).toBe('_3dModel')
})
