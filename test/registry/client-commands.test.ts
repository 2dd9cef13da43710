/**
 * The registry commands (publish, consume, approve, can-swap, verify --publish) in-process
 * against a real node:http server on a loopback port that answers as the registry's API does
 * and records what it was sent: exit codes, exact lines, and exactly what went over the wire.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { loadContract } from '../../src/index.js'
import { bundleContract, digestOf } from '../../src/registry/index.js'
import type { CanSwap, PublishRequest, VerificationRequest } from '../../src/registry/index.js'
import { root, runInProcess } from '../helpers/run-cli.js'

interface Seen {
  method: string
  url: string
  authorization: string | undefined
  body: unknown
}
const seen: Seen[] = []
let server: Server
let url: string
let canSwapAnswer: CanSwap

const json = (
  res: ServerResponse,
  status: number,
  body: unknown,
  type = 'application/json',
): void => {
  res.writeHead(status, { 'content-type': type })
  res.end(JSON.stringify(body))
}
const problem = (res: ServerResponse, status: number, code: string, detail: string): void =>
  json(
    res,
    status,
    { type: 'about:blank', title: 'x', status, code, detail },
    'application/problem+json',
  )

function answer(req: IncomingMessage, res: ServerResponse, body: unknown): void {
  const path = req.url ?? ''
  const token = req.headers.authorization
  if (req.method !== 'GET' && token !== 'Bearer stk_test')
    return problem(res, 401, 'registry.unauthorized', 'a bearer token is required')
  if (path === '/api/contracts/sibling-ref/versions/1.0.0')
    return json(res, 201, {
      name: 'sibling-ref',
      version: '1.0.0',
      digest: 'c0ffee'.repeat(10) + 'abcd',
      created: true,
    })
  if (path === '/api/contracts/transaction-classifier/versions/1.2.0')
    return problem(
      res,
      422,
      'registry.consumer-broken',
      'service "checkout" reads /category, which this version removes',
    )
  if (path === '/api/consumers/checkout/contracts/transaction-classifier') {
    const request = body as { range: string; fields: string[] }
    return json(res, 200, {
      service: 'checkout',
      contract: 'transaction-classifier',
      ...request,
      declaredAt: 'now',
      declaredBy: 'ci',
    })
  }
  if (path.startsWith('/api/can-swap?')) return json(res, 200, canSwapAnswer)
  if (path.startsWith('/api/verifications?'))
    return json(res, 200, [
      { id: 'v-failed', verdict: 'failed', reportHash: 'f'.repeat(64) },
      { id: 'v-passed', verdict: 'passed', reportHash: 'a'.repeat(64) },
    ])
  if (path === '/api/approvals') {
    const request = body as { reportHash: string; by: string }
    return json(res, 201, { id: 'ap-1', verificationId: 'v-passed', ...request, createdAt: 'now' })
  }
  if (path === '/api/verifications' && req.method === 'POST') {
    const request = body as VerificationRequest
    const verdict = (JSON.parse(request.reportText) as { verdict: 'passed' | 'failed' }).verdict
    return json(res, 201, { id: 'v-new', verdict, reportHash: request.reportHash })
  }
  problem(res, 404, 'registry.not-found', `no route ${path}`)
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = ''
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
    req.on('end', () => {
      const body: unknown = text === '' ? undefined : JSON.parse(text)
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        body,
      })
      answer(req, res, body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

const run = (argv: string[], token: string | undefined = 'stk_test') =>
  runInProcess(argv, root, {
    STANDIN_REGISTRY_URL: url,
    ...(token ? { STANDIN_REGISTRY_TOKEN: token } : {}),
  })

it('publishes a contract bundled so that it stands alone, with the file as written', async () => {
  const file = 'test/fixtures/contracts/sibling-ref/main.contract.yaml'
  const result = await run(['publish', file])
  expect(result).toEqual({
    code: 0,
    stdout: `standin publish: published sibling-ref@1.0.0 to ${url}, digest ${'c0ffee'.repeat(10)}abcd\n`,
    stderr: '',
  })
  const sent = seen.at(-1)
  expect(sent).toMatchObject({ method: 'PUT', authorization: 'Bearer stk_test' })
  const request = sent?.body as PublishRequest
  expect(request.source).toBe(readFileSync(join(root, file), 'utf8'))
  expect(JSON.stringify(request.contract)).not.toMatch(/"\$ref":"\.\//)
  // The bundled document loads on its own, from anywhere, to the same schemas.
  const alone = await loadContract(request.contract, { cwd: '/' })
  const original = await loadContract(join(root, file))
  expect(alone.input).toEqual(original.input)
  expect(alone.output).toEqual(original.output)
})

it('exits 1 with one line when the registry refuses a publish by a rule', async () => {
  const result = await run(['publish', 'contracts/transaction-classifier.contract.yaml'])
  expect(result).toEqual({
    code: 1,
    stdout: '',
    stderr:
      'standin publish: the registry refused transaction-classifier@1.2.0 (registry.consumer-broken): service "checkout" reads /category, which this version removes.\n',
  })
})

it('exits 2 naming the role and the token command when no token is given', async () => {
  const result = await run(['publish', 'contracts/transaction-classifier.contract.yaml'], '')
  expect(result.code).toBe(2)
  expect(result.stderr).toBe(
    `standin publish: the registry at ${url} needs a token with the publish role to publish contracts, and none was given (registry.unauthorized). Make one with 'standin registry token --role publish --name <who>' and give it with --token or STANDIN_REGISTRY_TOKEN.\n`,
  )
})

it('declares a consumer with the fields it reads', async () => {
  const result = await run([
    'consume',
    'transaction-classifier@^1.2',
    '--service',
    'checkout',
    '--fields',
    '/category,/confidence',
  ])
  expect(result.stdout).toBe(
    `standin consume: checkout depends on transaction-classifier@^1.2 and reads /category, /confidence (${url})\n`,
  )
  expect(seen.at(-1)?.body).toEqual({ range: '^1.2', fields: ['/category', '/confidence'] })
  const bad = await run([
    'consume',
    'transaction-classifier@^1.2',
    '--service',
    'checkout',
    '--fields',
    'category',
  ])
  expect(bad).toEqual({
    code: 2,
    stdout: '',
    stderr:
      "standin consume: --fields must be JSON pointers into one output, comma-separated, such as /category,/confidence; 'category' is not one.\n",
  })
  expect((await run(['consume', 'transaction-classifier', '--service', 'checkout'])).stderr).toBe(
    "standin consume: <name>@<range> must be written name@range, such as transaction-classifier@^1.2, not 'transaction-classifier'.\n",
  )
})

it('takes a range with spaces, as semver writes them, and refuses one that is no range before sending', async () => {
  const spaced = await run([
    'consume',
    'transaction-classifier@>=1.2.0 <2.0.0 || 3.x',
    '--service',
    'checkout',
  ])
  expect(spaced.stderr).toBe('')
  expect(seen.at(-1)?.body).toEqual({ range: '>=1.2.0 <2.0.0 || 3.x', fields: [] })
  const sent = seen.length
  expect(
    await run(['consume', 'transaction-classifier@>=1.2 <<2', '--service', 'checkout']),
  ).toEqual({
    code: 2,
    stdout: '',
    stderr:
      "standin consume: '>=1.2 <<2' in <name>@<range> is not a semver range; use one such as ^1.2, ~1.2.3 or '>=1.0.0 <2.0.0' (quoted, for its spaces).\n",
  })
  expect(seen).toHaveLength(sent)
  // A model's version is one version: no spaces there.
  expect((await run(['can-swap', 'fraud-model@2.1.0 beta'])).stderr).toBe(
    "standin can-swap: <model>@<version> must be written name@version, such as fraud-model@2.1.0, not 'fraud-model@2.1.0 beta'.\n",
  )
})

it('prints the gate, exit 1 with what is missing, exit 0 when nothing is', async () => {
  canSwapAnswer = {
    model: { name: 'fraud-model', version: '2.1.0' },
    contract: 'transaction-classifier',
    requireApproval: true,
    canSwap: false,
    rows: [
      {
        contractVersion: '1.2.0',
        consumers: ['checkout', 'ledger'],
        verification: {
          id: 'v1',
          verdict: 'passed',
          reportHash: 'ab'.repeat(32),
          createdAt: 'now',
        },
        ok: false,
      },
      { contractVersion: '1.3.0', consumers: ['ledger'], ok: false },
    ],
    missing: [
      'no approval of fraud-model@2.1.0 against transaction-classifier@1.2.0 (read by checkout, ledger)',
      'no passing verification of fraud-model@2.1.0 against transaction-classifier@1.3.0 (read by ledger)',
    ],
  }
  const no = await run([
    'can-swap',
    'fraud-model@2.1.0',
    '--contract',
    'transaction-classifier',
    '--require-approval',
  ])
  expect(no.code).toBe(1)
  expect(no.stdout).toBe(
    [
      'can fraud-model@2.1.0 serve transaction-classifier (approval required): no',
      '  contract version  read by           verification         approval',
      '  1.2.0             checkout, ledger  passed abababababab  none      missing',
      '  1.3.0             ledger            none                 none      missing',
      'missing:',
      '  no approval of fraud-model@2.1.0 against transaction-classifier@1.2.0 (read by checkout, ledger)',
      '  no passing verification of fraud-model@2.1.0 against transaction-classifier@1.3.0 (read by ledger)',
      '',
    ].join('\n'),
  )
  expect(seen.at(-1)?.url).toBe(
    '/api/can-swap?model=fraud-model%402.1.0&contract=transaction-classifier&requireApproval=true',
  )
  canSwapAnswer = { ...canSwapAnswer, canSwap: true, missing: [], rows: [] }
  expect(
    (await run(['can-swap', 'fraud-model@2.1.0', '--contract', 'transaction-classifier'])).code,
  ).toBe(0)
})

it('approves the newest passing verification when no hash is given', async () => {
  const result = await run([
    'approve',
    'fraud-model@2.1.0',
    '--contract',
    'transaction-classifier@1.2.0',
    '--by',
    'A. Jones',
    '--note',
    'ok',
  ])
  expect(result).toEqual({
    code: 0,
    stdout: [
      `standin approve: signing the newest passing verification v-passed (report sha256 ${'a'.repeat(64)})`,
      `standin approve: fraud-model@2.1.0 against transaction-classifier@1.2.0 approved by A. Jones (approval ap-1, verification v-passed, report sha256 ${'a'.repeat(64)})`,
      '',
    ].join('\n'),
    stderr: '',
  })
  expect(seen.at(-1)?.body).toEqual({
    model: { name: 'fraud-model', version: '2.1.0' },
    contract: { name: 'transaction-classifier', version: '1.2.0' },
    reportHash: 'a'.repeat(64),
    by: 'A. Jones',
    note: 'ok',
  })
})

it('records a verification with the JSON report exactly as the json reporter writes it, and keeps the verdict as the exit code', async () => {
  const dir = (await import('node:fs')).mkdtempSync(
    join((await import('node:os')).tmpdir(), 'standin-verify-publish-'),
  )
  const report = join(dir, 'report.json')
  const result = await runInProcess(
    [
      'verify',
      'contracts/transaction-classifier.contract.yaml',
      '--target',
      'mock',
      '-n',
      '5',
      '--reporter',
      `json:${report}`,
      '--publish',
      url,
      '--model',
      'fraud-model@2.1.0',
      '--token',
      'stk_test',
    ],
    root,
  )
  expect(result.code).toBe(0)
  const request = seen.at(-1)?.body as VerificationRequest
  expect(request.reportText).toBe(readFileSync(report, 'utf8'))
  const hash = createHash('sha256').update(request.reportText).digest('hex')
  expect(request.reportHash).toBe(hash)
  expect(request.html).toMatch(/^<!doctype html>/i)
  expect(request.model).toEqual({ name: 'fraud-model', version: '2.1.0' })
  expect(request.contract).toEqual({ name: 'transaction-classifier', version: '1.2.0' })
  const bundled = await bundleContract('contracts/transaction-classifier.contract.yaml', {
    cwd: root,
  })
  expect(request.contractDigest).toBe(digestOf(bundled.document))
  expect(result.stderr).toBe(
    `standin verify: recorded verification v-new (passed) of fraud-model@2.1.0 against transaction-classifier@1.2.0 at ${url}, report sha256 ${hash}\n`,
  )
  const missing = await runInProcess([
    'verify',
    'contracts/transaction-classifier.contract.yaml',
    '--target',
    'mock',
    '--publish',
    url,
  ])
  expect(missing.stderr).toBe(
    'standin verify: --publish needs --model <name>@<version>: the model version the registry records this result for.\n',
  )
})

it('checks the --publish URL and the token before running any check', async () => {
  const dir = (await import('node:fs')).mkdtempSync(
    join((await import('node:os')).tmpdir(), 'standin-verify-publish-'),
  )
  const report = join(dir, 'report.json')
  const verify = (extra: string[], env: Record<string, string>) =>
    runInProcess(
      [
        'verify',
        'contracts/transaction-classifier.contract.yaml',
        '--target',
        'mock',
        '--reporter',
        `json:${report}`,
        '--model',
        'm@1.0.0',
        ...extra,
      ],
      root,
      env,
    )
  const badUrl = await verify(['--publish', 'ftp://x'], { STANDIN_REGISTRY_TOKEN: 'stk_test' })
  expect(badUrl).toEqual({
    code: 2,
    stdout: '',
    stderr:
      "standin verify: the registry URL must be an http:// or https:// URL such as http://127.0.0.1:4400, not 'ftp://x'; fix --publish.\n",
  })
  const noToken = await verify(['--publish', url], { STANDIN_REGISTRY_TOKEN: '' })
  expect(noToken).toEqual({
    code: 2,
    stdout: '',
    stderr:
      "standin verify: --publish needs a token with the verify role: give --token or STANDIN_REGISTRY_TOKEN (make one with 'standin registry token --role verify --name <who>').\n",
  })
  // Refused before the run: no report was written.
  expect((await import('node:fs')).existsSync(report)).toBe(false)
})
