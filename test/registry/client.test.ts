/**
 * The registry client against a real node:http server on a loopback port that answers as the
 * registry does (JSON, problem+json), and against what a registry must never be trusted to do
 * (answer forever, answer too much, answer HTML).
 */
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createRegistryClient, RegistryClientError } from '../../src/registry/index.js'
import type { RegistryProblem } from '../../src/registry/index.js'
import { standinVersion } from '../../src/version.js'
import { root, runInProcess } from '../helpers/run-cli.js'

interface Seen {
  method: string
  url: string
  authorization: string | undefined
  userAgent: string | undefined
  body: string
}
const seen: Seen[] = []
let server: Server
let base: string

function problem(
  res: ServerResponse,
  status: number,
  p: Omit<RegistryProblem, 'type' | 'title' | 'status'>,
): void {
  res.writeHead(status, { 'content-type': 'application/problem+json' })
  res.end(JSON.stringify({ type: 'about:blank', title: 'x', status, ...p }))
}

function handle(req: IncomingMessage, res: ServerResponse, body: string): void {
  const url = req.url ?? ''
  if (url === '/api/health') {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(
      JSON.stringify({ ok: true, database: 'pglite', standinVersion: '0.1.0', schemaVersion: 1 }),
    )
  } else if (url === '/api/contracts/transaction-classifier/versions/1.1.0') {
    if (req.headers.authorization === undefined)
      return problem(res, 401, {
        code: 'registry.unauthorized',
        detail: 'a bearer token is required',
      })
    if (req.headers.authorization === 'Bearer stk_weak')
      return problem(res, 403, {
        code: 'registry.forbidden',
        detail: 'the token lacks the publish role',
      })
    return problem(res, 422, {
      code: 'registry.bump-too-small',
      detail: 'the changes need a major bump, 1.0.0 -> 1.1.0 is minor.',
      problems: [{ pointer: '/output/properties/category/enum', message: 'removes "fees"' }],
    })
  } else if (url === '/api/contracts/transaction-classifier/versions/1.2.0') {
    res.writeHead(201, { 'content-type': 'application/json' })
    res.end(
      JSON.stringify({
        name: 'transaction-classifier',
        version: '1.2.0',
        digest: 'ab',
        created: true,
        echo: JSON.parse(body) as unknown,
      }),
    )
  } else if (url.startsWith('/api/can-swap?')) {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(
      JSON.stringify({
        model: { name: 'fraud model', version: '2.1.0' },
        contract: 'a&b',
        requireApproval: true,
        canSwap: false,
        rows: [],
        missing: [url],
      }),
    )
  } else if (url === '/api/contracts') {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(`[${'"x",'.repeat(100_000)}"x"]`)
  } else if (url === '/api/consumers') {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end('<html>hello</html>')
  } else if (url === '/api/audit?limit=100') {
    // never answers
  } else {
    problem(res, 404, { code: 'registry.unknown-contract', detail: 'no contract named "nope"' })
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        userAgent: req.headers['user-agent'],
        body,
      })
      handle(req, res, body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

async function failure(promise: Promise<unknown>): Promise<RegistryClientError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(RegistryClientError)
  return error as RegistryClientError
}

it('reads a JSON answer', async () => {
  const client = createRegistryClient({ url: `${base}/` })
  expect(client.url).toBe(base)
  await expect(client.health()).resolves.toEqual({
    ok: true,
    database: 'pglite',
    standinVersion: '0.1.0',
    schemaVersion: 1,
  })
})

it('sends the body as JSON and the token as a bearer token', async () => {
  const client = createRegistryClient({ url: base, token: 'stk_good' })
  const result = await client.publish('transaction-classifier', '1.2.0', {
    contract: { name: 'transaction-classifier' },
    source: 'name: x\n',
  })
  expect(result).toMatchObject({
    created: true,
    echo: { contract: { name: 'transaction-classifier' }, source: 'name: x\n' },
  })
  expect(seen.at(-1)).toMatchObject({
    method: 'PUT',
    authorization: 'Bearer stk_good',
    userAgent: `standin/${standinVersion()}`,
  })
})

it('turns a refusal into one line naming the code, and marks it refused', async () => {
  const client = createRegistryClient({ url: base, token: 'stk_good' })
  const error = await failure(client.publish('transaction-classifier', '1.1.0', { contract: {} }))
  expect(error.code).toBe('registry-client.refused')
  expect(error.refused).toBe(true)
  expect(error.status).toBe(422)
  expect(error.problem?.code).toBe('registry.bump-too-small')
  expect(error.message).toBe(
    'the registry refused transaction-classifier@1.1.0 (registry.bump-too-small): the changes need a major bump, 1.0.0 -> 1.1.0 is minor (/output/properties/category/enum: removes "fees").',
  )
})

it('says which role a write needs and how to make a token, when none was given', async () => {
  const error = await failure(
    createRegistryClient({ url: base }).publish('transaction-classifier', '1.1.0', {
      contract: {},
    }),
  )
  expect(error.code).toBe('registry-client.unauthorized')
  expect(error.refused).toBe(false)
  expect(error.message).toBe(
    `the registry at ${base} needs a token with the publish role to publish contracts, and none was given (registry.unauthorized). Make one with 'standin registry token --role publish --name <who>' and give it with --token or STANDIN_REGISTRY_TOKEN.`,
  )
})

it('says which role a token lacks', async () => {
  const client = createRegistryClient({ url: base, token: 'stk_weak' })
  const error = await failure(client.publish('transaction-classifier', '1.1.0', { contract: {} }))
  expect(error.code).toBe('registry-client.forbidden')
  expect(error.message).toBe(
    "the token given lacks the role to publish contracts: it needs the publish (or admin) role (registry.forbidden). Make one with 'standin registry token --role publish --name <who>' and give it with --token or STANDIN_REGISTRY_TOKEN.",
  )
})

it('names a 404 as not found', async () => {
  const error = await failure(createRegistryClient({ url: base }).contract('nope'))
  expect(error.code).toBe('registry-client.not-found')
  expect(error.message).toBe(
    `the registry at ${base} could not show nope (registry.unknown-contract): no contract named "nope".`,
  )
})

it('encodes query values', async () => {
  const answer = await createRegistryClient({ url: base }).canSwap('fraud model@2.1.0', 'a&b', true)
  expect(answer.missing).toEqual([
    '/api/can-swap?model=fraud+model%402.1.0&contract=a%26b&requireApproval=true',
  ])
})

it('cuts off an answer larger than the cap', async () => {
  const error = await failure(createRegistryClient({ url: base, maxAnswerBytes: 1000 }).contracts())
  expect(error.code).toBe('registry-client.bad-answer')
  expect(error.message).toBe(
    `the registry at ${base} sent an answer larger than 1000 bytes to GET /api/contracts; is that URL a standin registry?`,
  )
})

it('refuses an answer that is not JSON', async () => {
  const error = await failure(createRegistryClient({ url: base }).consumers())
  expect(error.message).toBe(
    `the registry at ${base} answered GET /api/consumers with something that is not JSON (text/html); is that URL a standin registry?`,
  )
})

it('gives up on a registry that does not answer in time', async () => {
  const error = await failure(createRegistryClient({ url: base, timeoutMs: 300 }).audit())
  expect(error.code).toBe('registry-client.unreachable')
  expect(error.message).toBe(
    `the registry at ${base} did not answer within 0.3 s. Check that it runs and is not overloaded.`,
  )
})

it('names the reason a registry cannot be reached', async () => {
  const closed = createServer()
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
  const port = (closed.address() as AddressInfo).port
  await new Promise((resolve) => closed.close(resolve))
  const error = await failure(createRegistryClient({ url: `http://127.0.0.1:${port}` }).health())
  expect(error.code).toBe('registry-client.unreachable')
  expect(error.message).toBe(
    `cannot reach the registry at http://127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port}). Start it with 'standin registry serve', or point the url option at it.`,
  )
  // The command line names its own flag: verify's --publish, the registry commands' --registry.
  const run = await runInProcess([
    'verify',
    'contracts/transaction-classifier.contract.yaml',
    '-t',
    'mock',
    '-n',
    '3',
    '--publish',
    `http://127.0.0.1:${port}`,
    '--model',
    'fraud-model@2.1.0',
    '--token',
    'stk_test',
  ])
  expect(run.code).toBe(2)
  expect(run.stderr).toMatch(
    /Start it with 'standin registry serve', or point --publish at it\.\n$/,
  )
  const consume = await runInProcess(
    ['consume', 'transaction-classifier@^1.2', '--service', 'checkout', '--token', 'stk_test'],
    root,
    { STANDIN_REGISTRY_URL: `http://127.0.0.1:${port}` },
  )
  expect(consume.stderr).toMatch(/or point --registry \(STANDIN_REGISTRY_URL\) at it\.\n$/)
})

it('refuses a URL it cannot call, and one carrying a password', () => {
  expect(() => createRegistryClient({ url: 'ftp://x' })).toThrow(
    "the registry URL must be an http:// or https:// URL such as http://127.0.0.1:4400, not 'ftp://x'; fix the url option.",
  )
  expect(() => createRegistryClient({ url: 'http://me:secret@x' })).toThrow(
    'the registry URL must not carry a user or password (http://x): give the token with --token or STANDIN_REGISTRY_TOKEN.',
  )
  expect(() => createRegistryClient({ url: base, token: 'stk_a\nb' })).toThrow(/printable ASCII/)
})
