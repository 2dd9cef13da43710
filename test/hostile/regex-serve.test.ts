import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, expect, it } from 'vitest'
import { binPath } from '../helpers/run-cli.js'

// ReDoS in a request: `^(a+)+$` backtracks exponentially in V8 on "aaaa…!", so one request
// against a backtracking engine freezes the stand-in for every client. standin runs patterns on
// request data in re2js (linear time): the hostile request is refused promptly, and a normal
// request sent meanwhile is answered promptly too.

const dir = mkdtempSync(join(tmpdir(), 'standin-redos-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const children: ChildProcessWithoutNullStreams[] = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

writeFileSync(
  join(dir, 'redos.contract.yaml'),
  [
    'contract: 1',
    'name: redos',
    'version: 1.0.0',
    'input:',
    '  type: object',
    '  required: [x]',
    '  properties:',
    "    x: { type: string, pattern: '^(a+)+$' }",
    'output:',
    '  type: object',
    '  required: [ok]',
    '  properties: { ok: { type: boolean } }',
    'examples:',
    '  - name: three a',
    '    input: { x: aaa }',
    '    output: { ok: true }',
    '',
  ].join('\n'),
)

function serve(): Promise<{ url: string; route: string }> {
  const child = spawn(
    process.execPath,
    [binPath, 'serve', 'redos.contract.yaml', '--port', '0', '--latency', '0'],
    {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
    },
  )
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1]
      const route = /POST (\/\S+)/.exec(stdout)?.[1]
      if (url && route) resolve({ url, route })
    })
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)))
  })
}

const post = async (url: string, body: unknown): Promise<{ status: number; ms: number }> => {
  const start = performance.now()
  const answer = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  })
  await answer.arrayBuffer()
  return { status: answer.status, ms: performance.now() - start }
}

it('refuses {"x":"aaaa…!"} against ^(a+)+$ promptly, and answers a normal request meanwhile (class: ReDoS in a request)', async () => {
  const { url, route } = await serve()
  // Warm up, and measure the usual time of a normal request.
  const usual = await post(`${url}${route}`, { x: 'aaa' })
  expect(usual.status).toBe(200)
  // 30 a's take V8 minutes; 50,000 (inside serve's 100,000-character string limit) take re2js a
  // few milliseconds.
  const hostile = post(`${url}${route}`, { x: `${'a'.repeat(50_000)}!` })
  const normal = post(`${url}${route}`, { x: 'aaaa' })
  const [bad, good] = await Promise.all([hostile, normal])
  expect(bad.status).toBe(422)
  expect(good.status).toBe(200)
  // Generous bounds for a loaded 2-core machine; a backtracking engine would not answer at all.
  expect(bad.ms).toBeLessThan(5_000)
  expect(good.ms).toBeLessThan(5_000)
}, 60_000)
