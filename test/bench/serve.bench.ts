/**
 * `standin serve` under load: 50 connections for 10 s (`--quick`: 3 s) on the
 * transaction-classifier contract, every request a different input (so no answer cache can
 * help), beside a bare node:http server answering a fixed body, measured in the same run, each
 * server in its own child process. Also the express adapter, and the time from spawning
 * `standin serve` to its first answer.
 *
 * Run: npm run build && node --import tsx test/bench/serve.bench.ts [--quick]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

const quick = process.argv.includes('--quick')
const duration = quick ? 3 : 10
const warmup = quick ? 1 : 2
const connections = 50
const root = fileURLToPath(new URL('../../', import.meta.url))
const bin = `${root}dist/bin/standin.js`
const contract = `${root}contracts/transaction-classifier.contract.yaml`

const bareScript = `
import { createServer } from 'node:http'
const body = JSON.stringify({ request_id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', category: 'groceries', confidence: 0.9 })
const server = createServer((req, res) => {
  req.resume()
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(body) })
})
server.listen(0, '127.0.0.1', () => console.log('at http://127.0.0.1:' + server.address().port))
`

const expressScript = `
import { loadContract, createMockApp } from ${JSON.stringify(`${root}dist/src/index.js`)}
const contract = await loadContract(${JSON.stringify(contract)})
const app = createMockApp([contract], { seed: 1, latency: 0, errorRate: 0 })
const server = app.listen(0, '127.0.0.1', () => console.log('at http://127.0.0.1:' + server.address().port))
`

/** Spawns a server, resolves with its URL once it prints `at http://...`. */
function launch(args: string[]): Promise<{ child: ChildProcess; url: string; started: number }> {
  const started = performance.now()
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /at (http:\/\/[\d.]+:\d+)/.exec(out)
      if (match) resolve({ child, url: match[1] as string, started })
    })
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)))
  })
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit')
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

const narrations = [
  'POS TESCO STORES',
  'TFL TRAVEL CH',
  'SALARY ACME LTD',
  'AMAZON MKTPLACE',
  'SHELL 1234',
]

/** The n-th input: a valid transaction, different on every request. */
function input(n: number): string {
  const hex = n.toString(16).padStart(12, '0').slice(-12)
  return JSON.stringify({
    request_id: `1b4e28ba-2fa1-41d2-883f-${hex}`,
    narration: `${narrations[n % narrations.length] ?? ''} ${n}`,
    amount: (n % 100000) + (n % 4) * 0.25,
    currency: 'GBP',
    direction: n % 7 === 0 ? 'credit' : 'debit',
  })
}

interface Figures {
  rps: number
  p50: number
  p99: number
  non2xx: number
  errors: number
}

async function load(url: string, seconds: number): Promise<Figures> {
  let n = 0
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/predict',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: input(n++) }),
      },
    ],
  })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

/** Resident memory of a process in MB (Linux /proc), or NaN elsewhere. */
function rssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024
  } catch {
    return Number.NaN
  }
}

async function measure(
  args: string[],
): Promise<Figures & { rssBefore: number; rssAfter: number; total: number }> {
  const server = await launch(args)
  try {
    await load(server.url, warmup)
    const rssBefore = rssMb(server.child.pid)
    const figures = await load(server.url, duration)
    return {
      ...figures,
      rssBefore,
      rssAfter: rssMb(server.child.pid),
      total: Math.round(figures.rps * duration),
    }
  } finally {
    await stop(server.child)
  }
}

/** Time from spawning `standin serve` to its first 200 answer to a prediction. */
async function firstAnswer(): Promise<number> {
  const started = performance.now()
  const child = spawn(process.execPath, [bin, 'serve', contract, '--port', '0', '--latency', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((resolve) => {
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /at (http:\/\/[\d.]+:\d+)/.exec(out)
      if (match) resolve(match[1] as string)
    })
  })
  const response = await fetch(`${url}/predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: input(1),
  })
  await response.text()
  const elapsed = performance.now() - started
  if (response.status !== 200) throw new Error(`first answer was ${response.status}`)
  await stop(child)
  return elapsed
}

const standinArgs = [
  bin,
  'serve',
  contract,
  '--port',
  '0',
  '--latency',
  '0',
  '--error-rate',
  '0',
  '--seed',
  '1',
]
const firsts = [await firstAnswer(), await firstAnswer(), await firstAnswer()].sort((a, b) => a - b)
const bare = await measure(['--input-type=module', '-e', bareScript])
const standin = await measure(standinArgs)
const express = await measure(['--input-type=module', '-e', expressScript])

const row = (name: string, f: Figures): string =>
  `| ${name.padEnd(30)} | ${f.rps.toFixed(0).padStart(7)} | ${f.p50.toFixed(1).padStart(6)} | ${f.p99.toFixed(1).padStart(6)} | ${(f.rps / bare.rps).toFixed(2).padStart(5)} | ${String(f.non2xx + f.errors).padStart(6)} |`
console.log(
  `\n${connections} connections, ${duration} s each (after ${warmup} s warm-up), a different input on every request\n`,
)
console.log(
  `| ${'server'.padEnd(30)} | ${'req/s'.padStart(7)} | ${'p50 ms'.padStart(6)} | ${'p99 ms'.padStart(6)} | ${'ratio'.padStart(5)} | ${'non-2xx'.padStart(6)} |`,
)
console.log(
  `|${'-'.repeat(32)}|${'-'.repeat(9)}|${'-'.repeat(8)}|${'-'.repeat(8)}|${'-'.repeat(7)}|${'-'.repeat(8)}|`,
)
console.log(row('bare node:http (fixed body)', bare))
console.log(row('standin serve (node:http)', standin))
console.log(row('standin createMockApp (express)', express))
console.log(
  `\nfirst answer after spawning standin serve: ${firsts.map((t) => `${t.toFixed(0)} ms`).join(', ')} (target < 300 ms)`,
)
console.log(
  `resident memory of standin serve: ${standin.rssBefore.toFixed(0)} MB after warm-up, ${standin.rssAfter.toFixed(0)} MB after ${standin.total} more requests`,
)
// The heap after a forced GC, every 100k requests through the core (in a child with --expose-gc).
const heapScript = `
import { loadContract, createHandler } from ${JSON.stringify(`${root}dist/src/index.js`)}
const contract = await loadContract(${JSON.stringify(contract)})
const handler = createHandler([contract], { latency: 0, errorRate: 0 })
const heap = []
for (let n = 0; n <= 300000; n++) {
  if (n % 100000 === 0) { gc(); heap.push((process.memoryUsage().heapUsed / 1e6).toFixed(1)) }
  handler.respond({ method: 'POST', url: '/predict', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ request_id: '1b4e28ba-2fa1-41d2-883f-' + n.toString(16).padStart(12, '0'), narration: 'POS ' + n, amount: n % 1000, currency: 'GBP', direction: 'debit' }) })
}
console.log(heap.join(' MB, ') + ' MB')
`
const heap = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', heapScript], {
  encoding: 'utf8',
})
console.log(`heap after GC at 0, 100k, 200k, 300k requests through the core: ${heap.stdout.trim()}`)
const ok =
  standin.rps >= 0.5 * bare.rps &&
  standin.p99 < 10 &&
  (firsts[0] ?? Infinity) < 300 &&
  standin.non2xx + standin.errors === 0
console.log(
  `targets (>= 50% of bare, p99 < 10 ms, first answer < 300 ms, no errors): ${ok ? 'met' : 'NOT met'}`,
)
