/**
 * verify against hostile models, as a user runs it: the built CLI in a child process, writing
 * every report. Proof for issue 11: peak memory against a model sending 10 MB answers stays
 * under 300 MB (measured in the child), and credentials never reach any output.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { root, runBin } from '../helpers/run-cli.js'

const servers: Server[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections()
          s.close(() => resolve())
        }),
    ),
  )
})

async function model(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<string> {
  const server = createServer(listener)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'standin-hostile-'))
  dirs.push(dir)
  return dir
}

const contract = 'contracts/transaction-classifier.contract.yaml'
const reporterFlags = (dir: string): string[] => [
  '--reporter',
  'console',
  '--reporter',
  `json:${join(dir, 'report.json')}`,
  '--reporter',
  `junit:${join(dir, 'report.xml')}`,
  '--reporter',
  `html:${join(dir, 'report.html')}`,
]

/** Runs the CLI's `main` in a child process and reads its peak resident memory, in MB. */
function verifyInChild(
  argv: readonly string[],
  killAfterMs = 60_000,
): Promise<{ code: number; peakMb: number; stdout: string }> {
  const script = `
    import { main } from ${JSON.stringify(`${root}dist/src/cli/main.js`)}
    let out = ''
    const code = await main(JSON.parse(process.argv[1]), {
      stdout: (t) => void (out += t), stderr: (t) => process.stderr.write(t),
      cwd: ${JSON.stringify(root)}, env: { NO_COLOR: '1' }, isTTY: false,
    })
    process.stdout.write(JSON.stringify({ code, peakMb: process.resourceUsage().maxRSS / 1024, stdout: out }))
  `
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', script, JSON.stringify(argv)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      try {
        resolve(JSON.parse(stdout) as { code: number; peakMb: number; stdout: string })
      } catch {
        reject(new Error(`child exited ${code}: ${stderr}`))
      }
    })
  })
}

/**
 * A model whose every answer is `size` bytes of `kind`, streamed without a content-length:
 * `json` pads with spaces, `arrays` with `[0],` (about 32 bytes each once decoded).
 */
function bigAnswers(size: number, kind: 'json' | 'html' | 'arrays') {
  const piece =
    kind === 'json'
      ? Buffer.alloc(1024 * 1024, 0x20)
      : kind === 'arrays'
        ? Buffer.from('[0],'.repeat(256 * 1024))
        : Buffer.alloc(1024 * 1024, 0x61)
  return (req: IncomingMessage, res: ServerResponse): void => {
    req.resume()
    res.writeHead(200, { 'content-type': kind === 'html' ? 'text/html' : 'application/json' })
    if (kind === 'json') res.write('{"pad":"')
    if (kind === 'arrays') res.write('{"pad":[')
    let left = size
    const pump = (): void => {
      while (left > 0 && !res.destroyed) {
        left -= piece.length
        if (!res.write(piece)) return void res.once('drain', pump)
      }
      res.end(kind === 'json' ? '"}' : kind === 'arrays' ? '[0]]}' : '')
    }
    pump()
  }
}

it('10 MB answers: verify stays under 300 MB and writes every report (JSON answers, default cap)', async () => {
  const url = await model(bigAnswers(10 * 1024 * 1024, 'json'))
  const dir = tempDir()
  const run = await verifyInChild([
    'verify',
    contract,
    '--target',
    url,
    '--cases',
    '30',
    ...reporterFlags(dir),
  ])
  expect(run.code).toBe(1)
  expect(run.peakMb).toBeLessThan(300)
  expect(run.stdout).toContain('the answer passes the cap of 4194304 bytes')
  for (const file of ['report.json', 'report.xml', 'report.html'])
    expect(readFileSync(join(dir, file), 'utf8').length).toBeLessThan(5 * 1024 * 1024)
})

it('10 MB answers: with the cap raised, 10 MB HTML pages keep only bounded copies (under 300 MB)', async () => {
  const url = await model(bigAnswers(10 * 1024 * 1024, 'html'))
  const dir = tempDir()
  const run = await verifyInChild([
    'verify',
    contract,
    '--target',
    url,
    '--cases',
    '30',
    '--max-answer-size',
    '16mb',
    ...reporterFlags(dir),
  ])
  expect(run.code).toBe(1)
  expect(run.peakMb).toBeLessThan(300)
  expect(run.stdout).toContain('answered 200 with text/html that is not JSON')
  expect(readFileSync(join(dir, 'report.json'), 'utf8').length).toBeLessThan(5 * 1024 * 1024)
})

it('answers under the cap: 2 MB answers that decode to 20 MB each are not all held until judging (under 600 MB; 2 GB before)', async () => {
  const url = await model(bigAnswers(2 * 1024 * 1024, 'arrays'))
  const dir = tempDir()
  const run = await verifyInChild(
    ['verify', contract, '--target', url, '--cases', '5', ...reporterFlags(dir)],
    150_000,
  )
  expect(run.code).toBe(1)
  expect(run.peakMb).toBeLessThan(600)
  expect(run.stdout).toContain('/pad')
  expect(readFileSync(join(dir, 'report.json'), 'utf8').length).toBeLessThan(5 * 1024 * 1024)
}, 180_000)

it('credentials: the CLI sends user:pass@ as Basic auth and no output shows it or a secret header', async () => {
  const seen: (string | undefined)[] = []
  const url = await model((req, res) => {
    seen.push(req.headers.authorization)
    req.resume()
    res.writeHead(403, { 'content-type': 'application/json' })
    res.end(
      JSON.stringify({
        error: `denied ${req.headers.authorization ?? ''} ${String(req.headers['x-api-key'])}`,
      }),
    )
  })
  const dir = tempDir()
  const run = await runBin([
    'verify',
    contract,
    '--target',
    url.replace('http://', 'http://bob:hunter2-secret@'),
    '--cases',
    '2',
    '--header',
    'x-api-key: k-0123456789',
    ...reporterFlags(dir),
  ])
  const token = Buffer.from('bob:hunter2-secret').toString('base64')
  expect(seen[0]).toBe(`Basic ${token}`)
  expect(run.code).toBe(1)
  expect(run.stdout).toContain(`against ${url.replace('http://', 'http://bob:***@')}/`)
  const outputs = {
    stdout: run.stdout,
    stderr: run.stderr,
    json: readFileSync(join(dir, 'report.json'), 'utf8'),
    junit: readFileSync(join(dir, 'report.xml'), 'utf8'),
    html: readFileSync(join(dir, 'report.html'), 'utf8'),
  }
  for (const [name, text] of Object.entries(outputs))
    for (const secret of ['hunter2-secret', token, 'k-0123456789'])
      expect([name, secret, text.includes(secret)]).toEqual([name, secret, false])
})
