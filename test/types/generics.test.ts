/**
 * The types `standin types` writes plug into the library's generics: a contract loaded as
 * `loadContract<Contracts['name']>` types `createMock`'s `predict`, and `verify` and
 * `contractTests` check an in-process target against the contract. Misuse must not compile:
 * each `@ts-expect-error` below fails the program if the line it covers compiles.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { expect, it } from 'vitest'
import { loadContracts } from '../../src/contract/index.js'
import { generateTypes } from '../../src/types/index.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

const use = `
import { contractTests, createMock, createMockApp, loadContract, mswHandlers, nockModel, verify } from '../../../../src/index.js'
import type { Contract, MockModel } from '../../../../src/index.js'
import type { Contracts, TransactionClassifierInput, TransactionClassifierOutput } from './contracts.js'

type Classifier = Contracts['transaction-classifier']
declare const input: TransactionClassifierInput
declare const describe: (name: string, body: () => void) => void
declare const it: (name: string, body: () => Promise<void>) => void

export async function typed(): Promise<TransactionClassifierOutput['category']> {
  const contract = await loadContract<Classifier>('contracts/transaction-classifier.contract.yaml')
  const mock: MockModel<Classifier> = createMock(contract, { seed: 7 })
  const output: TransactionClassifierOutput = await mock.predict(input)
  const batch: TransactionClassifierOutput[] = await mock.predictBatch([input, input])
  const example: TransactionClassifierInput | undefined = contract.examples[0]?.input
  // @ts-expect-error: not an input of the contract
  await mock.predict({ narration: 42 })
  // @ts-expect-error: the output has no such field
  void output.no_such_field
  // A service function checked against the contract at compile time.
  const service = (record: TransactionClassifierInput): TransactionClassifierOutput => mock.predictSync(record)
  await verify(contract, { target: service })
  await verify(contract, { target: mock })
  await verify(contract, { target: 'mock' })
  // @ts-expect-error: a function that takes another input
  await verify(contract, { target: (record: { text: string }) => record })
  // @ts-expect-error: a function that answers another output
  await verify(contract, { target: (_record: TransactionClassifierInput) => ({ category: 7 }) })
  contractTests(contract, service, { describe, it })
  // @ts-expect-error: contractTests checks its target the same way
  contractTests(contract, (record: { text: string }) => record, { describe, it })
  // The adapters take typed contracts as they are.
  mswHandlers(contract, { baseUrl: 'http://models.internal' })
  nockModel(contract, 'http://models.internal')
  createMockApp([contract])
  const loose: Contract = contract
  void loose
  void batch
  void example
  return output.category
}

export async function untyped(): Promise<unknown> {
  // Without types, everything stays unknown and anything goes in.
  const contract = await loadContract('contracts/transaction-classifier.contract.yaml')
  await verify(contract, { target: (record: unknown) => record })
  return createMock(contract).predict({ anything: 1 })
}
`

it('carries generated types from loadContract to createMock, verify and contractTests', async () => {
  const dir = join(root, 'test', 'types', '.tmp', 'generics')
  mkdirSync(dir, { recursive: true })
  try {
    const contracts = await loadContracts(['contracts/transaction-classifier.contract.yaml'], {
      cwd: root,
    })
    writeFileSync(join(dir, 'contracts.ts'), await generateTypes(contracts))
    writeFileSync(join(dir, 'use.ts'), use)
    const program = ts.createProgram([join(dir, 'use.ts')], {
      strict: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      skipLibCheck: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      types: ['node'],
    })
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map(
        (d) =>
          `${d.file ? `${d.file.fileName.slice(root.length)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      )
    expect(diagnostics).toEqual([])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}, 60_000)
