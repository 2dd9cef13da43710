/**
 * A --registry URL that points at another JSON server (one that answers `{}` to everything): every
 * registry command says the answer is not a registry's and asks whether the URL is one, exit 2,
 * in one line; never `undefined@undefined`, never a TypeError.
 */
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { root, runInProcess } from '../helpers/run-cli.js'

let server: Server
let url: string

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

it('says an answer that is not a registry answer is not, for every registry command', async () => {
  const contract = 'contracts/transaction-classifier.contract.yaml'
  const commands: string[][] = [
    ['publish', contract],
    ['consume', 'transaction-classifier@^1', '--service', 'checkout'],
    ['approve', 'm@1.0.0', '--contract', 'transaction-classifier@1.2.0', '--by', 'me'],
    [
      'approve',
      'm@1.0.0',
      '--contract',
      'transaction-classifier@1.2.0',
      '--by',
      'me',
      '--report-hash',
      'a'.repeat(64),
    ],
    ['can-swap', 'm@1.0.0', '--contract', 'transaction-classifier'],
  ]
  for (const argv of commands) {
    const run = await runInProcess([...argv, '--registry', url], root, {
      STANDIN_REGISTRY_TOKEN: 'stk_test',
      STANDIN_REGISTRY_URL: '',
    })
    const name = argv[0] ?? ''
    expect([run.code, run.stdout], argv.join(' ')).toEqual([2, ''])
    expect(run.stderr, argv.join(' ')).toMatch(
      new RegExp(
        `^standin ${name}: the registry at ${url} answered (GET|PUT|POST) /api/\\S+ with JSON that is not a standin registry's answer \\([^\\n]+\\); is ${url} a standin registry\\?\\n$`,
      ),
    )
  }
})

it('says so for verify --publish too', async () => {
  const run = await runInProcess(
    [
      'verify',
      'contracts/transaction-classifier.contract.yaml',
      '--target',
      'mock',
      '--publish',
      url,
      '--model',
      'm@1.0.0',
    ],
    root,
    { STANDIN_REGISTRY_TOKEN: 'stk_test', STANDIN_REGISTRY_URL: '' },
  )
  expect(run.code).toBe(2)
  expect(run.stderr).toMatch(
    new RegExp(
      `^standin verify: could not record the verification of m@1\\.0\\.0 against transaction-classifier@1\\.2\\.0: the registry at ${url} answered POST /api/verifications with JSON that is not a standin registry's answer \\([^\\n]+\\); is ${url} a standin registry\\?\\n$`,
    ),
  )
})
