/**
 * verify's throughput and overhead, each beside its peer in the same run:
 * - in-process: `verify --target mock` cases/s beside calling the stand-in's `predict` directly;
 * - over HTTP: `verify` against a local node:http model beside autocannon (4 connections, the
 *   same request) against the same server;
 * - overhead per case: verify's measured latency per request minus the server's own handling time.
 *
 * Run: node --import tsx test/bench/verify.bench.ts [--quick]
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { loadContract } from '../../src/contract/index.js'
import { createMock } from '../../src/mock/index.js'
import { verify } from '../../src/verify/index.js'
import { transactionBrain } from '../models/brains.js'

const quick = process.argv.includes('--quick')
const cases = quick ? 100 : 400
const contract = await loadContract(
  fileURLToPath(new URL('../../contracts/transaction-classifier.contract.yaml', import.meta.url)),
)
const example = contract.examples[0]?.input as Record<string, unknown>

// In-process: verify against the stand-in vs the stand-in's own predict loop.
const mock = createMock(contract, { seed: 1, errorRate: 0, latency: 'none' })
await verify(contract, { target: 'mock', cases: 50 }) // warm-up: compile and JIT once
let t = performance.now()
const inProcess = await verify(contract, { target: 'mock', cases })
const verifyMockRate = inProcess.cases.length / ((performance.now() - t) / 1000)
t = performance.now()
for (const c of inProcess.cases) {
  try {
    await mock.predict(c.records[0])
  } catch {
    // negative cases: the stand-in refuses them, as in the run
  }
}
const predictRate = inProcess.cases.length / ((performance.now() - t) / 1000)

// Over HTTP: a server whose own handling time it measures itself.
let own = 0
let served = 0
const server = createServer((req, res) => {
  const started = performance.now()
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    let status: number
    let answer: string
    try {
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
      if (
        contract.validateInput(input).length > 0 ||
        !/json/.test(req.headers['content-type'] ?? '')
      ) {
        status = 422
        answer = '{"errors":[]}'
      } else {
        status = 200
        answer = JSON.stringify(transactionBrain.predict(input, 'good'))
      }
    } catch {
      status = 400
      answer = '{"errors":[]}'
    }
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(answer)
    own += performance.now() - started
    served++
  })
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
await verify(contract, { target: url, cases: 50 }) // warm-up
own = 0
served = 0
t = performance.now()
const overHttp = await verify(contract, { target: url, cases, concurrency: 4 })
const httpSeconds = (performance.now() - t) / 1000
const verifyHttpRate = overHttp.cases.length / httpSeconds
const ownMean = own / served
const clientMean = overHttp.latency.mean
const peer = await autocannon({
  url: `${url}/predict`,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(example),
  connections: 4,
  duration: quick ? 2 : 5,
})
server.close()

const rows = [
  [
    'in-process stand-in',
    `verify --target mock`,
    verifyMockRate,
    'mock.predict over the same inputs',
    predictRate,
  ],
  [
    'local HTTP server',
    'verify --target URL (4 in flight)',
    verifyHttpRate,
    'autocannon, 4 connections',
    peer.requests.average,
  ],
] as const
const fmt = (n: number): string => n.toFixed(0).padStart(9)
process.stdout.write(
  `\nverify: ${cases} generated cases (+ examples, boundary, negative, perturbed) per run${quick ? ' (quick)' : ''}\n\n`,
)
process.stdout.write(
  '| target | standin | cases/s | peer | req/s | standin / peer |\n|---|---|---:|---|---:|---:|\n',
)
for (const [target, name, rate, peerName, peerRate] of rows)
  process.stdout.write(
    `| ${target} | ${name} | ${fmt(rate)} | ${peerName} | ${fmt(peerRate)} | ${(rate / peerRate).toFixed(2)} |\n`,
  )
process.stdout.write(
  `\nper case over HTTP: the server's own handling ${ownMean.toFixed(3)} ms, verify's measured latency ${clientMean.toFixed(3)} ms, client + wire overhead ${(clientMean - ownMean).toFixed(3)} ms; wall time per case ${((httpSeconds * 1000) / overHttp.cases.length).toFixed(3)} ms at 4 in flight (checks and reports included)\n`,
)
