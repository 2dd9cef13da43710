/**
 * CORS: off by default (a preflight gets 405 saying how to turn it on), on with `cors`: the real
 * server answers preflights for served routes and marks answers to allowed origins, and a page
 * in headless Chromium on another origin can call it only then.
 */
import { request } from 'node:http'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Contract } from '../../src/contract/index.js'
import { startServer, type ServeOptions } from '../../src/serve/index.js'
import { launchChromium } from '../helpers/chromium.js'
import { bundledContract } from './bundled.js'

interface Raw {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function send(url: string, method: string, headers: Record<string, string>, body?: string) {
  return new Promise<Raw>((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
      )
    })
    req.on('error', reject)
    req.end(body)
  })
}

let contract: Contract
const input = JSON.stringify({
  request_id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  narration: 'POS TESCO STORES 3345 LONDON',
  amount: 23.1,
  currency: 'GBP',
  direction: 'debit',
})
const preflight = {
  origin: 'http://localhost:5173',
  'access-control-request-method': 'POST',
  'access-control-request-headers': 'content-type, x-standin-scenario',
}

beforeAll(async () => {
  contract = await bundledContract('transaction-classifier')
})

async function withServer(options: ServeOptions, use: (url: string) => Promise<void>) {
  const server = await startServer([contract], { port: 0, latency: 0, errorRate: 0, ...options })
  try {
    await use(server.url)
  } finally {
    await server.close()
  }
}

it('refuses a preflight with 405 when CORS is off, saying how to turn it on, and marks no answer', async () => {
  await withServer({}, async (url) => {
    const refused = await send(`${url}/predict`, 'OPTIONS', preflight)
    expect(refused.status).toBe(405)
    expect(refused.headers['access-control-allow-origin']).toBeUndefined()
    expect((JSON.parse(refused.body) as { detail: string }).detail).toContain('serve with --cors')
    const answered = await send(
      `${url}/predict`,
      'POST',
      { origin: preflight.origin, 'content-type': 'application/json' },
      input,
    )
    expect(answered.status).toBe(200)
    expect(answered.headers['access-control-allow-origin']).toBeUndefined()
  })
})

it('answers preflights for served routes and marks every answer when CORS is on for any origin', async () => {
  await withServer({ cors: true }, async (url) => {
    const ok = await send(`${url}/predict`, 'OPTIONS', preflight)
    expect(ok.status).toBe(204)
    expect(ok.body).toBe('')
    expect(ok.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'content-type, x-standin-scenario',
      'access-control-max-age': '600',
    })
    // A header list that is not a list of tokens is not echoed.
    const odd = await send(`${url}/predict`, 'OPTIONS', {
      ...preflight,
      'access-control-request-headers': 'content-type, <script>',
    })
    expect(odd.headers['access-control-allow-headers']).toBe('content-type, x-standin-scenario')
    for (const [method, headers, body, status] of [
      ['POST', { 'content-type': 'application/json' }, input, 200],
      ['POST', { 'content-type': 'application/json' }, '{"narration": 1}', 422],
      ['GET', {}, undefined, 405],
    ] as const) {
      const answer = await send(
        `${url}/predict`,
        method,
        { origin: preflight.origin, ...headers },
        body,
      )
      expect(answer.status).toBe(status)
      expect(answer.headers['access-control-allow-origin']).toBe('*')
    }
    // Not a served path: still a 404, preflight or not.
    expect((await send(`${url}/nope`, 'OPTIONS', preflight)).status).toBe(404)
    // No Origin, no CORS headers: a plain client sees the same answer as with CORS off.
    const plain = await send(
      `${url}/predict`,
      'POST',
      { 'content-type': 'application/json' },
      input,
    )
    expect(plain.headers['access-control-allow-origin']).toBeUndefined()
  })
})

it('allows only the listed origins when given a list, and varies on Origin', async () => {
  await withServer({ cors: ['http://localhost:5173'] }, async (url) => {
    const allowed = await send(`${url}/predict`, 'OPTIONS', preflight)
    expect(allowed.status).toBe(204)
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:5173')
    expect(allowed.headers.vary).toBe('origin, access-control-request-headers')
    const other = await send(`${url}/predict`, 'OPTIONS', {
      ...preflight,
      origin: 'https://evil.test',
    })
    expect(other.status).toBe(405)
    const post = await send(
      `${url}/predict`,
      'POST',
      { origin: 'http://localhost:5173', 'content-type': 'application/json' },
      input,
    )
    expect(post.headers['access-control-allow-origin']).toBe('http://localhost:5173')
    expect(post.headers.vary).toBe('origin')
  })
})

describeBrowser()

function describeBrowser(): void {
  let page: Server
  let pageUrl = ''
  beforeAll(async () => {
    page = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<!doctype html><title>app</title>')
    })
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve))
    pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/`
  })
  afterAll(() => new Promise((resolve) => page.close(resolve)))

  it('lets a page in Chromium on another origin call the stand-in only with CORS on', async () => {
    const browser = await launchChromium()
    try {
      const tab = await browser.newPage()
      await tab.goto(pageUrl)
      const call = (url: string) =>
        tab.evaluate(
          async ([u, body]) => {
            try {
              const response = await fetch(`${u}/predict`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', 'x-standin-scenario': 'error' },
                body,
              })
              return `${response.status}`
            } catch (error) {
              return String(error)
            }
          },
          [url, input] as const,
        )
      await withServer({}, async (url) => {
        expect(await call(url)).toMatch(/^TypeError: Failed to fetch/)
      })
      await withServer({ cors: true }, async (url) => {
        // The scenario header went through the preflight: the forced error came back.
        expect(await call(url)).toBe('500')
      })
    } finally {
      await browser.close()
    }
  })
}
