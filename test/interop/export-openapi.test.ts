/**
 * `standin export openapi`: one OpenAPI 3.1 document for every bundled contract, each on its
 * protocol's paths, which @readme/openapi-parser validates, with standin's keys as extensions.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { validate } from '@readme/openapi-parser'
import { parse } from 'yaml'
import { afterAll, expect, it } from 'vitest'
import { runInProcess } from '../helpers/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'standin-export-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it('writes one valid OpenAPI 3.1 document for contracts on every protocol', async () => {
  const file = join(dir, 'openapi.yaml')
  const run = await runInProcess([
    'export',
    'openapi',
    'contracts',
    '--out',
    file,
    '--title',
    'Models',
    '--version',
    '2.0.0',
  ])
  expect(run.stdout).toBe(`Wrote ${file}: OpenAPI 3.1 for 5 contracts.\n`)
  expect(run.code).toBe(0)
  const document = parse(readFileSync(file, 'utf8')) as {
    openapi: string
    info: { title: string; version: string }
    paths: Record<
      string,
      Record<string, { operationId?: string; 'x-standin-contract'?: { protocol: string } }>
    >
  }
  expect(document.openapi).toBe('3.1.0')
  expect(document.info).toMatchObject({ title: 'Models', version: '2.0.0' })
  const infer = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, op]) => op['x-standin-contract'] !== undefined)
      .map(
        ([method, op]) =>
          `${method.toUpperCase()} ${path} ${op.operationId ?? ''} ${op['x-standin-contract']?.protocol ?? ''}`,
      ),
  )
  const routerVersion = (
    parse(readFileSync('contracts/ticket-router.contract.yaml', 'utf8')) as { version: string }
  ).version
  expect(infer.sort()).toEqual([
    'POST /invocations fuel-consumption mlflow',
    'POST /predict transaction-classifier json',
    'POST /v1/chat/completions support-email-extractor openai-chat',
    'POST /v1/models/news-signals:predict news-signals v1',
    'POST /v2/models/ticket-router/infer ticket-router kserve-v2',
    `POST /v2/models/ticket-router/versions/${routerVersion}/infer ticket-router_2 kserve-v2`,
  ])
  expect(
    await validate(structuredClone(document) as unknown as Parameters<typeof validate>[0]),
  ).toMatchObject({ valid: true })
  const text = readFileSync(file, 'utf8')
  // x-standin hints ride along in the schemas, errors in each protocol's shape.
  expect(text).toContain('argmaxOf: /scores')
  expect(text).toContain('application/problem+json')
  expect(text).toContain('error_code')
  // openai-chat: the output travels as JSON text in the message content.
  expect(text).toContain('contentMediaType: application/json')
})

it('prints JSON on standard output and refuses a format it does not write', async () => {
  const run = await runInProcess([
    'export',
    'openapi',
    'contracts/transaction-classifier.contract.yaml',
  ])
  expect(run.code).toBe(0)
  expect((JSON.parse(run.stdout) as { openapi: string }).openapi).toBe('3.1.0')
  const other = await runInProcess(['export', 'asyncapi', 'contracts'])
  expect(other.stderr).toBe(
    "standin export: <openapi> must be 'openapi', not 'asyncapi'. Run 'standin export --help' for usage.\n",
  )
  expect(other.code).toBe(2)
})
