/* eslint-disable no-control-regex -- the battery looks for control characters on purpose */
/**
 * The hostile battery, verify side: models that never answer, drip bytes, send 500 MB, send gzip
 * bombs, redirect, nest 10,000 deep, send markup and terminal escapes, hide JSON under text/html,
 * or echo credentials. Each is a failed (or unanswered) case with its reason, the run finishes
 * within its timeouts, and every report (console, json, junit, html) is still written.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { afterEach, expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { renderConsole, renderHtml, renderJson, renderJunit } from '../../src/report/index.js'
import { verify, type VerifyResult } from '../../src/verify/index.js'
import { root } from '../helpers/run-cli.js'
import { classifierOutput } from '../helpers/classifier-output.js'

const contract = await loadContract('contracts/transaction-classifier.contract.yaml', { cwd: root })
const servers: Server[] = []
afterEach(async () => {
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

/** The request body as JSON, or undefined (verify also sends malformed JSON on purpose). */
function parsed(chunks: Buffer[]): unknown {
  try {
    return JSON.parse(Buffer.concat(chunks).toString()) as unknown
  } catch {
    return undefined
  }
}

/** A model at an ephemeral loopback port; the base URL. */
async function model(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<string> {
  const server = createServer(listener)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const good = classifierOutput

const run = (target: string, extra: Record<string, unknown> = {}): Promise<VerifyResult> =>
  verify(contract, { target, cases: 2, timeoutMs: 400, concurrency: 2, ...extra })

/** Every report renders, and none is absurdly large. */
function reports(result: VerifyResult): {
  console: string
  json: string
  junit: string
  html: string
} {
  const all = {
    console: renderConsole(result, true),
    json: renderJson(result),
    junit: renderJunit(result),
    html: renderHtml(result),
  }
  for (const [name, text] of Object.entries(all))
    expect([name, text.length < 20 * 1024 * 1024]).toEqual([name, true])
  return all
}

/** The conformance verdict messages. */
const conformance = (result: VerifyResult): string[] => [
  ...new Set(
    result.checks.find((c) => c.kind === 'conformance')?.cases.map((c) => c.message) ?? [],
  ),
]

it('models that never answer: every case times out, the run ends within its timeouts', async () => {
  const url = await model(() => undefined)
  const started = performance.now()
  const result = await run(url)
  expect(performance.now() - started).toBeLessThan(15_000)
  expect(result.verdict).toBe('failed')
  expect(result.unreachable).toBeGreaterThan(0)
  expect(conformance(result)).toContain('no answer within 400 ms')
  reports(result)
})

it('drip bytes: an answer trickling one byte at a time times out', async () => {
  const url = await model((req, res) => {
    req.resume()
    res.writeHead(200, { 'content-type': 'application/json' })
    const drip = setInterval(() => res.write(' '), 50)
    res.on('close', () => clearInterval(drip))
  })
  const result = await run(url)
  expect(conformance(result)).toContain('no answer within 400 ms')
  reports(result)
})

it('send 500 MB: verify stops reading at the cap and the case fails with the reason', async () => {
  let most = 0
  const url = await model((req, res) => {
    let written = 0
    req.resume()
    res.on('close', () => (most = Math.max(most, written)))
    res.writeHead(200, { 'content-type': 'application/json' })
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    const pump = (): void => {
      while (written < 500 * 1024 * 1024 && !res.destroyed) {
        written += chunk.length
        if (!res.write(chunk)) return void res.once('drain', pump)
      }
      res.end()
    }
    pump()
  })
  const result = await run(url, { timeoutMs: 5000 })
  expect(conformance(result)).toEqual([
    'answered 200, but the answer passes the cap of 4194304 bytes (raise maxAnswerBytes / --max-answer-size)',
  ])
  // What one answer got onto the wire before verify hung up (socket buffers included).
  expect(most).toBeLessThan(100 * 1024 * 1024)
  reports(result)
})

it('send 500 MB: a declared content-length over the cap is refused before reading', async () => {
  const url = await model((req, res) => {
    req.resume()
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': 500 * 1024 * 1024 })
    res.write('{')
  })
  const result = await run(url, { maxAnswerBytes: 1024 })
  expect(conformance(result)).toEqual([
    'answered 200, but the answer has 524288000 bytes, over the cap of 1024 (raise maxAnswerBytes / --max-answer-size)',
  ])
})

it('gzip bombs: a gzip answer is inflated only up to the cap', async () => {
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20))
  expect(bomb.length).toBeLessThan(200 * 1024)
  const url = await model((req, res) => {
    req.resume()
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
    res.end(bomb)
  })
  const result = await run(url, { timeoutMs: 5000 })
  expect(conformance(result)).toEqual([
    'answered 200, but the answer inflates past the cap of 4194304 bytes (a compression bomb, or raise maxAnswerBytes / --max-answer-size)',
  ])
  reports(result)
})

it('gzip bombs: a small gzip answer is read like a plain one', async () => {
  const url = await model((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const input = parsed(chunks)
      const answer = (one: unknown) => ({
        ...good,
        request_id: (one as Record<string, unknown> | undefined)?.request_id,
      })
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
      res.end(gzipSync(JSON.stringify(Array.isArray(input) ? input.map(answer) : answer(input))))
    })
  })
  const result = await run(url)
  expect(conformance(result)).toEqual([''])
})

it('redirect: a 3xx is not followed and fails with where it pointed', async () => {
  const url = await model((req, res) => {
    req.resume()
    res.writeHead(302, { location: 'http://elsewhere.example/predict' })
    res.end()
  })
  const result = await run(url)
  expect(conformance(result)).toEqual([
    'rejected a valid input: answered 302, a redirect to http://elsewhere.example/predict; verify does not follow redirects (they could carry credentials elsewhere): point --target at the final URL',
  ])
})

it('nest 10,000 deep: the answer is refused by depth and every report is written', async () => {
  const deep = '['.repeat(10_000) + ']'.repeat(10_000)
  const url = await model((req, res) => {
    req.resume()
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(deep)
  })
  const result = await run(url)
  expect(conformance(result)).toEqual(['answered 200, but the answer nests deeper than 64 levels'])
  const text = reports(result)
  expect(text.console).toContain('(the answer nests deeper than 64 levels)')
})

it('nest 10,000 deep: an in-process model returning a 10,000-deep value still gets its reports', async () => {
  let deep: unknown = []
  for (let i = 0; i < 10_000; i++) deep = [deep]
  const result = await verify(contract, { target: () => deep, cases: 2, timeoutMs: 400 })
  expect(result.verdict).toBe('failed')
  const text = reports(result)
  expect(text.json).toContain('"bodyProblem": "the answer nests too deep to show"')
})

it('markup and terminal escapes: reports escape what a model sends', async () => {
  const hostile = '<script>alert(1)</script>\u001b[2J\u001b]0;pwned\u0007\u202eevil'
  const url = await model((req, res) => {
    req.resume()
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ ...good, category: hostile, [hostile]: hostile }))
  })
  const result = await run(url)
  expect(result.verdict).toBe('failed')
  const text = reports(result)
  // The console keeps its own colours, but nothing the model sent can move the cursor.
  expect(text.console.replace(/\u001b\[\d+(?:;\d+)*m/g, '')).not.toMatch(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/,
  )
  expect(text.html).not.toContain('<script>alert(1)')
  expect(text.junit).not.toContain('<script>')
  expect(text.junit).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/)
})

it('JSON under text/html: a 200 holding valid JSON fails conformance for its content type', async () => {
  const url = await model((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const input = (parsed(chunks) ?? {}) as { request_id: string }
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(JSON.stringify({ ...good, request_id: input.request_id }))
    })
  })
  const result = await run(url)
  expect(conformance(result)).toEqual([
    'answered 200, but the answer holds JSON but its content type is "text/html", not application/json',
  ])
})

it('credentials: user:pass@ is sent as Basic authorization and redacted, with secret headers, from every report', async () => {
  const seen: (string | undefined)[] = []
  const url = await model((req, res) => {
    seen.push(req.headers.authorization)
    req.resume()
    res.writeHead(401, { 'content-type': 'application/json' })
    // A model that echoes what it was sent (as some error pages do).
    res.end(
      JSON.stringify({
        error: `bad auth ${req.headers.authorization ?? ''} key ${String(req.headers['x-api-key'])} cookie ${String(req.headers.cookie)}`,
      }),
    )
  })
  const withCredentials = url.replace('http://', 'http://alice:s3cr3t-pass@')
  const result = await run(withCredentials, {
    headers: { 'x-api-key': 'key-abcdef-123', cookie: 'session=cookie-value-xyz' },
  })
  const token = Buffer.from('alice:s3cr3t-pass').toString('base64')
  expect(seen[0]).toBe(`Basic ${token}`)
  expect(result.target.description).toBe(url.replace('http://', 'http://alice:***@') + '/')
  const outputs = { ...reports(result), raw: JSON.stringify(result) }
  for (const [name, text] of Object.entries(outputs))
    for (const secret of ['s3cr3t-pass', token, 'key-abcdef-123', 'cookie-value-xyz'])
      expect([name, secret, text.includes(secret)]).toEqual([name, secret, false])
  expect(outputs.json).toContain('bad auth Basic *** key *** cookie ***')
})
