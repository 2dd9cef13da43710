/**
 * A source URL's secrets never reach what import prints or writes: the password of
 * `http://user:pass@host/...` and the values of query parameters named like secrets
 * (`?api_key=...`) are `***` in the contract's header comment, the summary line and the
 * operation listing. The sources served are real: MLServer's test model settings (a whole V2
 * metadata response) and infinity's published OpenAPI document (see test/fixtures/SOURCE files).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { root, runInProcess } from '../helpers/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'standin-import-secrets-'))
let server: Server
let secretBase = ''
let maskedBase = ''

beforeAll(async () => {
  const metadata = readFileSync('test/fixtures/mlserver/sum-model.model-settings.json', 'utf8')
  const openapi = readFileSync('test/fixtures/infinity/openapi.json', 'utf8')
  server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(request.url?.startsWith('/openapi.json') ? openapi : metadata)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  secretBase = `http://alice:s3cr3tpass@127.0.0.1:${port}`
  maskedBase = `http://alice:***@127.0.0.1:${port}`
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  rmSync(dir, { recursive: true, force: true })
})

function expectNoSecret(...texts: string[]): void {
  for (const text of texts) {
    expect(text).not.toContain('s3cr3tpass')
    expect(text).not.toContain('k3y-value')
  }
}

it('masks the password and a secret query value of a V2 metadata URL in the written contract', async () => {
  const out = join(dir, 'sum.contract.yaml')
  const url = `${secretBase}/v2/models/sum-model?api_key=k3y-value&v=2`
  const run = await runInProcess(['import', 'kserve-v2', url, '-o', out], root)
  expect(run.code).toBe(0)
  const text = readFileSync(out, 'utf8')
  expect(text.split('\n')[0]).toBe(
    `# Imported from ${maskedBase}/v2/models/sum-model?api_key=***&v=2 by \`standin import kserve-v2\`.`,
  )
  expectNoSecret(text, run.stdout, run.stderr)
})

it('masks the password of an OpenAPI URL in the listing and in the written contract', async () => {
  const url = `${secretBase}/openapi.json?token=k3y-value`
  const listing = await runInProcess(['import', 'openapi', url], root)
  expect(listing.code).toBe(0)
  expect(listing.stdout.split('\n')[0]).toBe(
    `${maskedBase}/openapi.json?token=***: 5 of 9 operations can be imported (they take a JSON body).`,
  )
  const imported = await runInProcess(['import', 'openapi', url, '--operation', 'rerank'], root)
  expect(imported.code).toBe(0)
  expect(imported.stdout.split('\n')[0]).toBe(
    `# Imported from ${maskedBase}/openapi.json?token=*** by \`standin import openapi --operation rerank\`.`,
  )
  expectNoSecret(listing.stdout, listing.stderr, imported.stdout, imported.stderr)
})
