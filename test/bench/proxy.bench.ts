/**
 * The proxy's overhead: the same model bare and behind `standin proxy` (validating, and also
 * recording), at a constant 1,000 requests per second (an open model: each request leaves on
 * schedule, its latency counted from then), every request a different valid input. The three
 * targets are measured in interleaved rounds in one run, each server in its own process (latency
 * counted from each request's slot, or from when it left if the client fell behind); the
 * table gives p50 and p99 side by side and the latency the proxy adds at p50 (target: ≤ 1 ms).
 *
 * Run: npm run build && node --import tsx test/bench/proxy.bench.ts [--quick]
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { Agent, request } from 'node:http'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const quick = process.argv.includes('--quick')
const rate = 1000
const seconds = quick ? 3 : 10
const rounds = quick ? 3 : 5
const root = fileURLToPath(new URL('../../', import.meta.url))
const bin = `${root}dist/bin/standin.js`
const contract = `${root}contracts/transaction-classifier.contract.yaml`

const bareScript = `
import { createServer } from 'node:http'
const scores = { groceries: 0.9, dining: 0.02, transport: 0.01, utilities: 0.01, rent: 0.01, income: 0.01, transfers: 0.01, shopping: 0.02, other: 0.01 }
const server = createServer((req, res) => {
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', () => {
    const input = JSON.parse(Buffer.concat(chunks).toString())
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ request_id: input.request_id, category: 'groceries', confidence: 0.9, scores }))
  })
})
server.listen(0, '127.0.0.1', () => console.log('at http://127.0.0.1:' + server.address().port))
`

function launch(args: string[], pattern: RegExp): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = pattern.exec(out)
      if (match) resolve({ child, url: match[1] as string })
    })
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)))
  })
}

function body(i: number): string {
  return JSON.stringify({
    request_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    narration: `POS TESCO STORES ${i % 9973}`,
    amount: Math.round((i % 5000) * 1.37) / 100,
    currency: 'GBP',
    direction: 'debit',
  })
}

/** Sends `rate` requests per second for `ms` to `url`, on schedule; resolves to the latencies. */
async function constantRate(url: string, ms: number, offset: number): Promise<number[]> {
  const target = new URL(url)
  const agent = new Agent({ keepAlive: true, maxSockets: 256 })
  const interval = 1000 / rate
  const total = Math.floor(ms / interval)
  const latencies: number[] = []
  const pending: Promise<void>[] = []
  const t0 = performance.now()
  for (let k = 0; k < total; k++) {
    const due = t0 + k * interval
    const wait = due - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    const payload = body(offset + k)
    // From its slot when the client fell behind (no coordinated omission), else from when it left.
    const start = Math.min(due, performance.now())
    pending.push(
      new Promise<void>((resolve) => {
        const req = request(
          {
            hostname: target.hostname,
            port: target.port,
            path: '/predict',
            method: 'POST',
            agent,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(payload),
            },
          },
          (res) => {
            res.resume()
            res.on('end', () => {
              latencies.push(performance.now() - start)
              resolve()
            })
          },
        )
        req.on('error', () => resolve())
        req.end(payload)
      }),
    )
  }
  await Promise.all(pending)
  agent.destroy()
  return latencies
}

function pct(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))] ?? NaN
}

const tmp = mkdtempSync(join(tmpdir(), 'standin-proxy-bench-'))
const bare = await launch(['--input-type=module', '-e', bareScript], /at (http:\/\/[\d.]+:\d+)/)
const proxy = await launch(
  [bin, 'proxy', contract, '--target', bare.url, '--port', '0', '--quiet'],
  /on (http:\/\/[\d.]+:\d+)/,
)
const recording = await launch(
  [
    bin,
    'proxy',
    contract,
    '--target',
    bare.url,
    '--port',
    '0',
    '--quiet',
    '--record',
    join(tmp, 'traffic.jsonl'),
  ],
  /on (http:\/\/[\d.]+:\d+)/,
)
const targets = [
  { name: 'bare model', url: bare.url },
  { name: 'through standin proxy', url: proxy.url },
  { name: 'through standin proxy --record', url: recording.url },
]
const samples = new Map<string, number[]>(targets.map((t) => [t.name, []]))
// Warm-up: one second each.
for (const t of targets) await constantRate(t.url, 1000, 0)
let offset = 1_000_000
for (let r = 0; r < rounds; r++)
  for (const t of targets) {
    const got = await constantRate(t.url, (seconds * 1000) / rounds, offset)
    offset += got.length
    samples.get(t.name)?.push(...got)
  }
for (const c of [bare.child, proxy.child, recording.child]) c.kill()

const baseline = samples.get('bare model') ?? []
const b50 = pct(baseline, 0.5)
const b99 = pct(baseline, 0.99)
console.log(
  `\n${rate} requests/s for ${seconds} s per target, ${rounds} interleaved rounds (latency in ms)\n`,
)
console.log('| target | requests | p50 | p99 | added at p50 | added at p99 | p50 ratio |')
console.log('|---|---|---|---|---|---|---|')
for (const t of targets) {
  const values = samples.get(t.name) ?? []
  const p50 = pct(values, 0.5)
  const p99 = pct(values, 0.99)
  console.log(
    `| ${t.name} | ${values.length} | ${p50.toFixed(3)} | ${p99.toFixed(3)} | ${(p50 - b50).toFixed(3)} | ${(p99 - b99).toFixed(3)} | ${(p50 / b50).toFixed(2)}× |`,
  )
}
const added = pct(samples.get('through standin proxy') ?? [], 0.5) - b50
console.log(
  `\nadded latency at p50: ${added.toFixed(3)} ms (target ≤ 1 ms): ${added <= 1 ? 'met' : 'NOT met'}`,
)
