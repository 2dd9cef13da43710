/**
 * `standin types` over sides that import files written with draft-07's `definitions` (SchemaStore's
 * tsconfig.json and github-workflow.json are so): json-schema-to-typescript refuses a node that
 * holds both `definitions` and `$defs`, so the bundle must not leave both in one node.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ts from 'typescript'
import { afterAll, expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { generateTypes } from '../../src/types/index.js'
import { runInProcess } from '../helpers/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'standin-definitions-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const write = (name: string, value: unknown): string => {
  writeFileSync(join(dir, name), JSON.stringify(value))
  return name
}

/** TypeScript's diagnostics for the generated module and `use` beside it (strict). */
function diagnostics(source: string, use: string): string[] {
  writeFileSync(join(dir, 'contracts.ts'), source)
  writeFileSync(join(dir, 'use.ts'), use)
  const program = ts.createProgram([join(dir, 'use.ts')], {
    strict: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    types: [],
  })
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
}

it('writes types for a side that refers to a file with definitions', async () => {
  write('s.json', {
    type: 'object',
    properties: { a: { $ref: '#/definitions/n' } },
    definitions: { n: { type: 'string' } },
  })
  const file = write('imports.contract.json', {
    contract: 1,
    name: 'imports',
    version: '1.0.0',
    input: { $ref: './s.json' },
    output: true,
  })
  const run = await runInProcess(['types', file, '--out', '-'], dir)
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  expect(
    diagnostics(
      run.stdout,
      "import type { ImportsInput } from './contracts.js'\nexport const a: ImportsInput = { a: 'x' }\n// @ts-expect-error a is a string\nexport const b: ImportsInput = { a: 1 }\n",
    ),
  ).toEqual([])
})

it('writes types for a side with definitions of its own that also imports a file', async () => {
  write('o.json', { type: 'object', properties: { b: { type: 'integer' } } })
  const contract = await loadContract(
    {
      contract: 1,
      name: 'both',
      version: '1.0.0',
      input: {
        type: 'object',
        properties: { a: { $ref: '#/definitions/n' }, o: { $ref: './o.json' } },
        definitions: { n: { type: 'string' }, o: { type: 'boolean' } },
      },
      output: true,
    },
    { cwd: dir },
  )
  const source = await generateTypes([contract])
  expect(
    diagnostics(
      source,
      "import type { BothInput } from './contracts.js'\nexport const v: BothInput = { a: 'x', o: { b: 1 } }\n// @ts-expect-error o.b is a number\nexport const w: BothInput = { o: { b: 'x' } }\n",
    ),
  ).toEqual([])
})

const item = (properties: Record<string, unknown>): unknown => ({
  type: 'object',
  properties: { item: { $ref: '#/$defs/Item' } },
  $defs: { Item: { type: 'object', required: Object.keys(properties), properties } },
})

it('puts the side in the name of a definition both sides name alike but define apart', async () => {
  const contract = await loadContract({
    contract: 1,
    name: 'dup',
    version: '1.0.0',
    input: item({ sku: { type: 'string' } }),
    output: item({ score: { type: 'number' } }),
  })
  const source = await generateTypes([contract])
  expect([...source.matchAll(/^export interface (\w+)/gm)].map((m) => m[1])).toEqual([
    'DupInput',
    'DupInputItem',
    'DupOutput',
    'DupOutputItem',
    'Contracts',
  ])
  expect(
    diagnostics(
      source,
      [
        "import type { DupInput, DupOutput } from './contracts.js'",
        "export const i: DupInput = { item: { sku: 'a' } }",
        'export const o: DupOutput = { item: { score: 1 } }',
        '// @ts-expect-error the input item has no score',
        'export const wrong: DupInput = { item: { score: 1 } }',
        '',
      ].join('\n'),
    ),
  ).toEqual([])
})

it('declares a definition both sides import from one file once', async () => {
  write('shared.json', {
    type: 'object',
    properties: { n: { type: 'number' } },
    additionalProperties: { type: 'string' },
  })
  const side = { type: 'object', properties: { s: { $ref: './shared.json' } } }
  const contract = await loadContract(
    { contract: 1, name: 'same', version: '1.0.0', input: side, output: side },
    { cwd: dir },
  )
  const source = await generateTypes([contract])
  expect(source.match(/^export interface SameShared /gm)).toHaveLength(1)
  expect(
    diagnostics(
      source,
      [
        "import type { SameInput, SameOutput } from './contracts.js'",
        "export const i: SameInput = { s: { n: 1, label: 'x' } }",
        'export const o: SameOutput = i',
        '',
      ].join('\n'),
    ),
  ).toEqual([])
})
