/**
 * The json report's JSON Schema (`standin/report.schema.json`, generated from `VerifyResult` at
 * build time, every object closed) accepts real reports: every bundled contract verified against
 * its stand-in, a run against a broken model, the hand-built sample with every kind of check,
 * and the file the CLI writes. A field the code writes but the type does not declare fails here.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { createAjv } from '../../src/contract/index.js'
import { renderJson } from '../../src/report/index.js'
import { verify } from '../../src/verify/index.js'
import type { VerifyResult } from '../../src/verify/index.js'
import { root, runBin } from '../helpers/run-cli.js'
import { bundledContracts } from '../serve/bundled.js'
import { sampleResult } from './sample-result.js'

const schema = JSON.parse(
  readFileSync(join(root, 'dist/src/report/report.schema.json'), 'utf8'),
) as Record<string, unknown>
const validate = createAjv('draft-07').compile(schema)

function expectValid(result: VerifyResult | string): void {
  const report: unknown = JSON.parse(typeof result === 'string' ? result : renderJson(result))
  const valid = validate(report)
  expect(validate.errors ?? []).toEqual([])
  expect(valid).toBe(true)
}

it('names itself and closes every object it describes', () => {
  expect(schema.$id).toBe('https://standin.dev/schemas/report-1.schema.json')
  const definitions = schema.definitions as Record<string, Record<string, unknown>>
  expect(definitions.VerifyResult?.additionalProperties).toBe(false)
  expect(definitions.CaseResult?.required).toEqual(
    expect.arrayContaining(['id', 'kind', 'description', 'records', 'exchange']),
  )
})

it('accepts the report of every bundled contract verified against its stand-in', async () => {
  for (const contract of await bundledContracts())
    expectValid(await verify(contract, { target: 'mock', cases: 10, seed: 1 }))
})

it('accepts the report of a run against a broken model, and the hand-built sample', async () => {
  const [contract] = await bundledContracts()
  const broken = await verify(contract!, {
    target: (input: unknown) => ({ echoed: input, score: 'high' }),
    cases: 5,
    seed: 2,
  })
  expect(broken.verdict).toBe('failed')
  expectValid(broken)
  expectValid(sampleResult())
})

it('accepts the file the CLI writes with --reporter json:FILE', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'standin-json-')), 'report.json')
  const run = await runBin([
    'verify',
    'contracts/ticket-router.contract.yaml',
    '--target',
    'mock',
    '--cases',
    '5',
    '--reporter',
    `json:${file}`,
  ])
  expect(run.code).toBe(0)
  expectValid(readFileSync(file, 'utf8'))
})

it('refuses a report with a field the format does not have', () => {
  const report = JSON.parse(renderJson(sampleResult())) as Record<string, unknown>
  expect(validate({ ...report, extra: true })).toBe(false)
})
