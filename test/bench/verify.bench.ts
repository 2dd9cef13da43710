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
/** Milliseconds per call of the stand-in's own predict over the run's inputs. */
const predictMs = async (run: typeof inProcess): Promise<number> => {
  const started = performance.now()
  for (const c of run.cases) {
    try {
      await mock.predict(c.records[0])
    } catch {
      // negative cases: the stand-in refuses them, as in the run
    }
  }
  return (performance.now() - started) / run.cases.length
}
const predictRate = 1000 / (await predictMs(inProcess))

/**
 * verify's own cost per case, in-process: the time a run's extra cases take (a run of `cases`
 * minus a run of none, so the per-run work, compiling and planning the fixed cases, cancels out)
 * per extra case, minus what the stand-in's predict takes for each. Median of rounds.
 */
const overheads: number[] = []
for (let round = 0; round < (quick ? 3 : 7); round++) {
  let started = performance.now()
  const none = await verify(contract, { target: 'mock', cases: 0 })
  const noneMs = performance.now() - started
  started = performance.now()
  const full = await verify(contract, { target: 'mock', cases })
  const fullMs = performance.now() - started
  const perCase = (fullMs - noneMs) / (full.cases.length - none.cases.length)
  overheads.push(perCase - (await predictMs(full)))
}
const overheadMs = [...overheads].sort((a, b) => a - b)[Math.floor(overheads.length / 2)] ?? NaN

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
  `\nverify's overhead per case in-process (its time per extra case minus the stand-in's predict): ${overheadMs.toFixed(3)} ms, median of ${overheads.length} rounds (target < 0.5 ms: ${overheadMs < 0.5 ? 'met' : 'NOT met'})\n`,
)
process.stdout.write(
  `per case over HTTP at 4 in flight: verify ${((httpSeconds * 1000) / overHttp.cases.length).toFixed(3)} ms of wall time (checks and report included), autocannon ${(1000 / peer.requests.average).toFixed(3)} ms, so verify adds ${((httpSeconds * 1000) / overHttp.cases.length - 1000 / peer.requests.average).toFixed(3)} ms\n`,
)
process.stdout.write(
  `per case over HTTP: the server's own handling ${ownMean.toFixed(3)} ms, verify's measured latency ${clientMean.toFixed(3)} ms, client + wire overhead ${(clientMean - ownMean).toFixed(3)} ms; wall time per case ${((httpSeconds * 1000) / overHttp.cases.length).toFixed(3)} ms at 4 in flight (checks and reports included)\n`,
)
