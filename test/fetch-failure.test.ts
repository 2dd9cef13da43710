import { once } from 'node:events'
import { createServer as createHttpServer } from 'node:http'
import { createServer, type AddressInfo } from 'node:net'
import { expect, it } from 'vitest'
import { fetchFailure, isFetchBlockedPort } from '../src/fetch-failure.js'
import { runBin, runInProcess } from './helpers/run-cli.js'

const failed = (url: string): Promise<unknown> =>
  fetch(url).then(
    () => undefined,
    (error: unknown) => error,
  )

it('says the innermost cause of a real fetch failure, and a port fetch blocks in full', async () => {
  // Port 9 (discard) is on the Fetch standard's list of bad ports: node's fetch refuses it unsent.
  expect(fetchFailure(await failed('http://127.0.0.1:9/'))).toBe(
    'fetch refuses this port: the Fetch standard blocks some ports, such as 9, 6000 and 10080; use another',
  )
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as AddressInfo).port
  await new Promise((resolve) => server.close(resolve))
  expect(fetchFailure(await failed(`http://127.0.0.1:${port}/`))).toBe(
    `connect ECONNREFUSED 127.0.0.1:${port}`,
  )
  expect(fetchFailure(new Error(' spaced \n out '))).toBe('spaced out')
  expect(fetchFailure(new Error(''))).toBe('no reason given')
})

it('standin publish to a registry on a blocked port says why, not "bad port"', async () => {
  const run = await runInProcess([
    'publish',
    'contracts/transaction-classifier.contract.yaml',
    '--registry',
    'http://127.0.0.1:6000',
  ])
  expect(run.code).toBe(2)
  expect(run.stderr).toBe(
    "standin publish: cannot reach the registry at http://127.0.0.1:6000 (fetch refuses this port: the Fetch standard blocks some ports, such as 9, 6000 and 10080; use another). Start it with 'standin registry serve', or point --registry (STANDIN_REGISTRY_URL) at it.\n",
  )
})

it("knows exactly the ports node's own fetch refuses, 1 to 10100", async () => {
  const refused: number[] = []
  for (let start = 1; start <= 10_100; start += 500) {
    const ports = Array.from({ length: 500 }, (_, i) => start + i).filter((p) => p <= 10_100)
    const answers = await Promise.all(
      ports.map(async (port) => {
        const error = await failed(`http://127.0.0.1:${port}/`)
        return fetchFailure(error).startsWith('fetch refuses this port') ? port : undefined
      }),
    )
    for (const port of answers) if (port !== undefined) refused.push(port)
  }
  const listed = Array.from({ length: 10_100 }, (_, i) => i + 1).filter(isFetchBlockedPort)
  expect(refused).toEqual(listed)
}, 60_000)

it('standin serve on a port fetch refuses says so on stderr, and serves', async () => {
  const run = await runBin(
    ['serve', 'contracts/transaction-classifier.contract.yaml', '--port', '6679'],
    { timeoutMs: 3000 },
  )
  expect(run.stdout).toContain('standin serving 1 contract at http://127.0.0.1:6679')
  expect(run.stderr).toContain(
    'standin serve: warning: port 6679 is one fetch refuses (the Fetch standard blocks it): browsers and clients that call it with fetch cannot reach this server. Pick another --port.\n',
  )
})

it('says an https call answered in plain HTTP is one, with the http:// URL to give, not OpenSSL text', async () => {
  const server = createHttpServer((_req, res) => res.end('{}')).listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as AddressInfo).port
  try {
    const error = await failed(`https://127.0.0.1:${port}/`)
    expect(fetchFailure(error)).toBe('the server answered plain HTTP, not HTTPS: use http://')
    const run = await runInProcess(
      ['can-swap', 'm@1.0.0', '--contract', 'x', '--registry', `https://127.0.0.1:${port}`],
      undefined,
      { STANDIN_REGISTRY_URL: '' },
    )
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `standin can-swap: the registry at https://127.0.0.1:${port} answered plain HTTP, not HTTPS: give http://127.0.0.1:${port} in --registry (STANDIN_REGISTRY_URL).\n`,
    })
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
})
