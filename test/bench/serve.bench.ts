/**
 * `standin serve` under load (wrk when installed, else autocannon): 50 connections for 10 s (`--quick`: 3 s) on the
 * transaction-classifier contract, every request a different input (so no answer cache can
 * help), beside a bare node:http server answering a fixed body, measured in the same run, each
 * server in its own child process. Also the express adapter, beside a bare express app of the
 * same express, and the time from spawning `standin serve` to its first answer.
 *
 * Run: npm run build && node --import tsx test/bench/serve.bench.ts [--quick] [--no-pin] [--first-only]
 * (`--first-only`: only the first answer after spawning, beside the bare server's; no load.)
 */
import { spawn, spawnSync, type ChildProcess, type ChildProcessByStdio } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

const quick = process.argv.includes('--quick')
/** Only the time from spawning to the first answer: no load runs, no heap check. */
const firstOnly = process.argv.includes('--first-only')
const duration = quick ? 3 : 10
const warmup = quick ? 1 : 2
/** Each server's `duration` is split into this many rounds, interleaved with the others'. */
const rounds = quick ? 3 : 5
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

/**
 * The second peer: a model server written by hand for this one contract with node:http, as an
 * engineer would write a quick stand-in without standin. It reads the body (size-capped),
 * parses it, validates it with ajv compiled from the contract's input schema (422 when invalid),
 * and answers a seeded output it builds itself: the id echoed, nine scores summing to 1, the
 * category their argmax, the confidence its score. No output check, no hints engine, no
 * protocols: the cost of doing the job and nothing else.
 */
const handScript = `
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
const require = createRequire(${JSON.stringify(`${root}package.json`)})
const Ajv = require('ajv/dist/2020.js').default
const addFormats = require('ajv-formats').default
const { parse } = require('yaml')
const contract = parse(readFileSync(${JSON.stringify(contract)}, 'utf8'))
const ajv = new Ajv({ strict: false })
addFormats(ajv)
const validate = ajv.compile(contract.input)
const classes = contract.output.$defs.Category.enum
let a = 1, b = 2, c = 3, d = 4
const random = () => { const t = (a + b + d++) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = ((c << 21) | (c >>> 11)) + t | 0; return (t >>> 0) / 4294967296 }
const server = createServer((req, res) => {
  const chunks = []
  let size = 0
  req.on('data', (chunk) => { size += chunk.length; if (size <= 1048576) chunks.push(chunk) })
  req.on('end', () => {
    let input
    try { input = JSON.parse(Buffer.concat(chunks).toString('utf8')) } catch { input = undefined }
    if (size > 1048576 || !validate(input)) { res.writeHead(422, { 'content-length': '0' }); res.end(); return }
    const raw = classes.map(() => random())
    let sum = 0
    for (const x of raw) sum += x
    const scores = {}
    let best = 0
    for (let i = 0; i < classes.length; i++) { scores[classes[i]] = raw[i] / sum; if (raw[i] > raw[best]) best = i }
    const body = JSON.stringify({ request_id: input.request_id, category: classes[best], confidence: raw[best] / sum, scores, model_version: 'v1' })
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
    res.end(body)
  })
})
server.listen(0, '127.0.0.1', () => console.log('at http://127.0.0.1:' + server.address().port))
`

/**
 * The express adapter's peer: an express app of the same express answering a fixed body, so
 * that express's own cost per request (its router, its request and response objects) is seen.
 */
const bareExpressScript = `
import { createRequire } from 'node:module'
const express = createRequire(${JSON.stringify(`${root}package.json`)})('express')
const body = JSON.stringify({ request_id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', category: 'groceries', confidence: 0.9 })
const app = express()
app.disable('x-powered-by')
app.use((req, res) => {
  req.resume()
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(body) })
})
const server = app.listen(0, '127.0.0.1', () => console.log('at http://127.0.0.1:' + server.address().port))
`

const expressScript = `
import { loadContract, createMockApp } from ${JSON.stringify(`${root}dist/src/index.js`)}
const contract = await loadContract(${JSON.stringify(contract)})
const app = createMockApp([contract], { seed: 1, latency: 0, errorRate: 0 })
const server = app.listen(0, '127.0.0.1', () => console.log('at http://127.0.0.1:' + server.address().port))
`

/**
 * On Linux with two or more cores and `taskset`, the servers run pinned to core 1 and this
 * process (the load generator) to core 0, so that client and server do not take turns on one
 * core: the quiet-machine set-up that the p99 target is stated for. `--no-pin` turns it off.
 */
const pinned =
  !process.argv.includes('--no-pin') &&
  availableParallelism() >= 2 &&
  spawnSync('taskset', ['-cp', '0', String(process.pid)], { stdio: 'ignore' }).status === 0

/** Spawns a node process, pinned to core 1 when `pinned`. */
function spawnNode(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ChildProcessByStdio<null, Readable, null> {
  return pinned
    ? spawn('taskset', ['-c', '1', process.execPath, ...args], {
        stdio: ['ignore', 'pipe', 'inherit'],
        env,
      })
    : spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env })
}

/** Spawns a server, resolves with its URL once it prints `at http://...`. */
function launch(args: string[]): Promise<{ child: ChildProcess; url: string; started: number }> {
  const started = performance.now()
  const child = spawnNode(args)
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
  /** The server's CPU time per answered request, in µs (Linux /proc), or NaN elsewhere. */
  cpuUs: number
}

/**
 * wrk (C, one thread) when it is installed, else autocannon. On one core autocannon itself tops
 * out near 20k req/s, below what a bare node:http server answers, so with it the bare server is
 * measured at the client's limit and every ratio to it comes out too kind; the bench says which
 * client it used. `--autocannon` forces autocannon.
 */
const useWrk =
  !process.argv.includes('--autocannon') &&
  spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined

/** wrk's script: the same varied inputs as `input(n)`. */
const wrkScript = join(mkdtempSync(join(tmpdir(), 'standin-bench-')), 'post.lua')
writeFileSync(
  wrkScript,
  `local n = 0
local narrations = { ${narrations.map((x) => JSON.stringify(x)).join(', ')} }
request = function()
  local hex = string.format('%012x', n)
  local direction = 'debit'
  if n % 7 == 0 then direction = 'credit' end
  local body = string.format('{"request_id":"1b4e28ba-2fa1-41d2-883f-%s","narration":"%s %d","amount":%s,"currency":"GBP","direction":"%s"}',
    hex, narrations[n % #narrations + 1], n, tostring((n % 100000) + (n % 4) * 0.25), direction)
  n = n + 1
  return wrk.format('POST', '/predict', { ['content-type'] = 'application/json' }, body)
end
`,
)

/** A wrk latency figure (`812.00us`, `1.20ms`, `2.00s`) in ms. */
function wrkMs(text: string | undefined): number {
  const match = /^([\d.]+)(us|ms|s)$/.exec(text ?? '')
  if (!match) return Number.NaN
  const value = Number(match[1])
  return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value
}

/** Runs wrk (pinned to core 0 when `pinned`) and reads its report. */
function loadWithWrk(
  url: string,
  seconds: number,
): Promise<Omit<Figures, 'cpuUs'> & { count: number }> {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', wrkScript, url]
  const child = pinned ? spawn('taskset', ['-c', '0', 'wrk', ...args]) : spawn('wrk', args)
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', () => {
      const count = Number(/(\d+) requests in/.exec(out)?.[1])
      const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
        out,
      )
      resolve({
        count,
        rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]),
        p50: wrkMs(/ 50%\s+(\S+)/.exec(out)?.[1]),
        p99: wrkMs(/ 99%\s+(\S+)/.exec(out)?.[1]),
        non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
        errors: errors ? errors.slice(1).reduce((n, x) => n + Number(x), 0) : 0,
      })
    })
  })
}

async function loadWithAutocannon(
  url: string,
  seconds: number,
): Promise<Omit<Figures, 'cpuUs'> & { count: number }> {
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
    count: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

/** Loads a server for `seconds`, and measures the CPU time it spent per request meanwhile. */
async function load(
  server: { url: string; child: ChildProcess },
  seconds: number,
): Promise<Figures> {
  const before = cpuMs(server.child.pid)
  const { count, ...figures } = useWrk
    ? await loadWithWrk(server.url, seconds)
    : await loadWithAutocannon(server.url, seconds)
  return { ...figures, cpuUs: ((cpuMs(server.child.pid) - before) * 1000) / count }
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

/** A server under test, started once and loaded in every round. */
interface Running {
  readonly name: string
  readonly server: Awaited<ReturnType<typeof launch>>
  readonly rounds: Figures[]
  /** Resident memory after the warm-up and after the last round, in MB. */
  rssBefore: number
  rssAfter: number
}

/** Median of numbers (the mean of the middle two for an even count). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2
}

/**
 * Loads every server in turn, round after round, so that all of them see the same moments of a
 * shared machine (another tenant, a thermal dip): a ratio is taken between neighbours in time.
 */
async function measureInRounds(
  servers: readonly { name: string; args: string[] }[],
): Promise<Running[]> {
  const running: Running[] = []
  try {
    for (const { name, args } of servers)
      running.push({ name, server: await launch(args), rounds: [], rssBefore: NaN, rssAfter: NaN })
    for (const r of running) {
      await load(r.server, warmup)
      r.rssBefore = rssMb(r.server.child.pid)
    }
    for (let round = 0; round < rounds; round++)
      for (const r of running) r.rounds.push(await load(r.server, duration / rounds))
    for (const r of running) r.rssAfter = rssMb(r.server.child.pid)
    return running
  } finally {
    await Promise.all(running.map((r) => stop(r.server.child)))
  }
}

/** Time from spawning a server to its first 200 answer to a prediction, wall and CPU (ms). */
async function firstAnswer(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ wall: number; cpu: number }> {
  const started = performance.now()
  const child = spawnNode(args, env)
  const url = await new Promise<string>((resolve) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
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
  const wall = performance.now() - started
  if (response.status !== 200) throw new Error(`first answer was ${response.status}`)
  const cpu = cpuMs(child.pid)
  // Stopped by SIGTERM as a user's Ctrl-C would: standin writes its code cache as it exits.
  await stop(child)
  return { wall, cpu }
}

/**
 * CPU time a process has used in ms, or NaN off Linux: the sum of its threads' run time in
 * nanoseconds (/proc/<pid>/task/<tid>/schedstat; node's threads all live until it exits), else
 * user + system time in 10 ms ticks (/proc/<pid>/stat).
 */
function cpuMs(pid: number | undefined): number {
  try {
    let ns = 0
    for (const task of readdirSync(`/proc/${pid}/task`))
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0])
    if (Number.isFinite(ns) && ns > 0) return ns / 1e6
  } catch {
    // No schedstat: ticks below.
  }
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return Number.NaN
  }
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
const serveFirstArgs = [bin, 'serve', contract, '--port', '0', '--latency', '0']
// The peer: the same spawn-to-first-answer for the bare server, i.e. what node itself costs here.
const bareArgs = ['--input-type=module', '-e', bareScript]
/**
 * standin keeps its compiled code in a cache between runs (src/cli/code-cache.ts on Node 20,
 * Node's compile cache on 22.1+). Cold: the first start ever, an empty cache folder each time.
 * Warm: every later start, from a cache the first of them wrote. Rounds interleave the three.
 */
const cacheRoot = mkdtempSync(join(tmpdir(), 'standin-bench-cache-'))
const cacheEnv = (name: string): NodeJS.ProcessEnv => ({
  ...process.env,
  STANDIN_CACHE_DIR: join(cacheRoot, name),
  NODE_COMPILE_CACHE: join(cacheRoot, name, 'node'),
})
await firstAnswer(serveFirstArgs, cacheEnv('warm'))
const starts = { cold: [] as Figure[], warm: [] as Figure[], bare: [] as Figure[] }
type Figure = { wall: number; cpu: number }
for (let round = 0; round < 5; round++) {
  starts.cold.push(await firstAnswer(serveFirstArgs, cacheEnv(`cold-${round}`)))
  starts.warm.push(await firstAnswer(serveFirstArgs, cacheEnv('warm')))
  starts.bare.push(await firstAnswer(bareArgs))
}
rmSync(cacheRoot, { recursive: true, force: true })
/** Best wall time and median CPU time of some starts. */
const startFigures = (figures: readonly Figure[]): Figure => ({
  wall: Math.min(...figures.map((f) => f.wall)),
  cpu: median(figures.map((f) => f.cpu)),
})
const bareStart = startFigures(starts.bare)
const startLine = (name: string, figures: readonly Figure[]): string => {
  const f = startFigures(figures)
  return `  ${name.padEnd(38)} ${f.wall.toFixed(0).padStart(4)} ms wall (ratio ${(f.wall / bareStart.wall).toFixed(2)}), ${f.cpu.toFixed(0).padStart(4)} ms CPU (ratio ${(f.cpu / bareStart.cpu).toFixed(2)})`
}
const firstRatio = startFigures(starts.warm).wall / bareStart.wall
console.log(
  `\nfirst answer after spawning (best wall, median CPU of 5 interleaved rounds; CPU: all threads, from /proc; the machine's other tenants do not count; target < 2x bare's, warm):`,
)
console.log(startLine('standin serve, cold (no code cache yet)', starts.cold))
console.log(startLine('standin serve, warm (code cache)', starts.warm))
console.log(startLine('bare node:http', starts.bare))
// --first-only: the first answer alone (no load), judged on its own target.
if (firstOnly) {
  console.log(`target (first answer < 2x bare's, warm): ${firstRatio < 2 ? 'met' : 'NOT met'}`)
  process.exit(0)
}
const measured = await measureInRounds([
  { name: 'bare node:http (fixed body)', args: bareArgs },
  { name: 'standin serve (node:http)', args: standinArgs },
  { name: 'hand-written model (node:http)', args: ['--input-type=module', '-e', handScript] },
  { name: 'standin createMockApp (express)', args: ['--input-type=module', '-e', expressScript] },
  { name: 'bare express app (fixed body)', args: ['--input-type=module', '-e', bareExpressScript] },
])
const [bare, standin, hand, viaExpress, bareExpress] = measured as [
  Running,
  Running,
  Running,
  Running,
  Running,
]
/** A server's figures over its rounds: median req/s and p50, the worst round's p99. */
const summary = (r: Running) => ({
  rps: median(r.rounds.map((f) => f.rps)),
  p50: median(r.rounds.map((f) => f.p50)),
  p99: Math.max(...r.rounds.map((f) => f.p99)),
  cpuUs: median(r.rounds.map((f) => f.cpuUs)),
  failures: r.rounds.reduce((n, f) => n + f.non2xx + f.errors, 0),
  total: Math.round(r.rounds.reduce((n, f) => n + f.rps * (duration / rounds), 0)),
})
/** The ratio to the bare server, round by round (neighbours in time), and its median. */
const ratios = (r: Running): number[] =>
  r.rounds.map((f, i) => f.rps / (bare.rounds[i]?.rps ?? NaN))
/**
 * The same ratio from the servers' CPU time per request (bare's over this one's): what the req/s
 * ratio is when each server has a core to itself and the client is never the limit. Other
 * tenants of a shared machine move it far less than they move req/s.
 */
const cpuRatios = (r: Running): number[] =>
  r.rounds.map((f, i) => (bare.rounds[i]?.cpuUs ?? NaN) / f.cpuUs)

/** Figures in a list, each with `digits` decimals. */
const fixed = (xs: readonly number[], digits = 2): string =>
  xs.map((x) => x.toFixed(digits)).join(', ')

const row = (r: Running): string => {
  const f = summary(r)
  return `| ${r.name.padEnd(31)} | ${f.rps.toFixed(0).padStart(7)} | ${f.p50.toFixed(1).padStart(6)} | ${f.p99.toFixed(1).padStart(6)} | ${median(ratios(r)).toFixed(2).padStart(5)} | ${f.cpuUs.toFixed(1).padStart(10)} | ${median(cpuRatios(r)).toFixed(2).padStart(9)} | ${String(f.failures).padStart(7)} |`
}
console.log(
  `\nclient: ${useWrk ? 'wrk' : "autocannon (wrk not found: the bare server is measured at the client's limit, so the req/s ratios are too kind)"}; ${pinned ? 'servers pinned to core 1, load generator to core 0; ' : 'not pinned; '}${connections} connections, ${duration} s per server in ${rounds} interleaved rounds (after ${warmup} s warm-up each), a different input on every request\n`,
)
console.log(
  `| ${'server'.padEnd(31)} | ${'req/s'.padStart(7)} | ${'p50 ms'.padStart(6)} | ${'p99 ms'.padStart(6)} | ${'ratio'.padStart(5)} | ${'CPU µs/req'.padStart(10)} | ${'CPU ratio'.padStart(9)} | ${'non-2xx'.padStart(7)} |`,
)
console.log(
  `|${'-'.repeat(33)}|${'-'.repeat(9)}|${'-'.repeat(8)}|${'-'.repeat(8)}|${'-'.repeat(7)}|${'-'.repeat(12)}|${'-'.repeat(11)}|${'-'.repeat(9)}|`,
)
for (const r of measured) console.log(row(r))
console.log(
  `(req/s and p50: median of the rounds; p99: the worst round; ratio: median of the round-by-round ratios to the bare server, here ${fixed(ratios(standin))} for standin serve; CPU ratio: bare's CPU time per request over the server's, median of the rounds, here ${fixed(cpuRatios(standin))} for standin serve)`,
)
/** standin serve against the hand-written model server, round by round: req/s and CPU. */
const handRps = median(standin.rounds.map((f, i) => f.rps / (hand.rounds[i]?.rps ?? NaN)))
const handCpu = median(standin.rounds.map((f, i) => (hand.rounds[i]?.cpuUs ?? NaN) / f.cpuUs))
console.log(
  `standin serve / the hand-written model server (parse, validate, build, no output check): ${handRps.toFixed(2)} by req/s, ${handCpu.toFixed(2)} by CPU per request; the hand-written one is itself ${median(cpuRatios(hand)).toFixed(2)} of bare by CPU`,
)
/** The express adapter against a bare express app, round by round, by CPU per request. */
const expressCpu = median(
  viaExpress.rounds.map((f, i) => (bareExpress.rounds[i]?.cpuUs ?? NaN) / f.cpuUs),
)
console.log(
  `standin createMockApp / a bare express app answering a fixed body: ${expressCpu.toFixed(2)} by CPU per request; the bare express app is itself ${median(cpuRatios(bareExpress)).toFixed(2)} of bare node:http`,
)
console.log(
  `resident memory of standin serve: ${standin.rssBefore.toFixed(0)} MB after warm-up, ${standin.rssAfter.toFixed(0)} MB after ${summary(standin).total} more requests`,
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
// Judged on the lower of the two ratios: neither a slow client nor a busy neighbour passes it;
// p99 on the worst round. Each target is said on its own.
const lower = Math.min(median(ratios(standin)), median(cpuRatios(standin)))
/**
 * How steady the machine was: bare's req/s from its slowest round to its fastest. A server that
 * does the same work every round moves only with the machine, so this is the noise every other
 * figure carries; a p99 target the bare server misses too says the same of the host.
 */
const bareRps = bare.rounds.map((f) => f.rps)
const spread = Math.max(...bareRps) / Math.min(...bareRps)
console.log(
  `machine: bare node:http's req/s moved by ${((spread - 1) * 100).toFixed(0)}% between its rounds (${fixed(bareRps, 0)}); its worst p99 ${summary(bare).p99.toFixed(1)} ms${summary(bare).p99 >= 10 ? ': bare misses the p99 target too, so on this host that target judges the machine more than the server' : ''}`,
)
const verdict = (met: boolean): string => (met ? 'met' : 'NOT met')
console.log(
  [
    'targets:',
    `  >= 0.6 of bare's req/s by both ratios: ${lower.toFixed(2)} (${verdict(lower >= 0.6)})`,
    `  p99 < 10 ms at ${connections} connections, in every round: ${fixed(
      standin.rounds.map((f) => f.p99),
      1,
    )} ms (${verdict(summary(standin).p99 < 10)}); bare's own: ${fixed(
      bare.rounds.map((f) => f.p99),
      1,
    )} ms`,
    `  first answer < 2x bare's, warm: ${firstRatio.toFixed(2)} (${verdict(firstRatio < 2)})`,
    `  no errors: ${summary(standin).failures} (${verdict(summary(standin).failures === 0)})`,
  ].join('\n'),
)
