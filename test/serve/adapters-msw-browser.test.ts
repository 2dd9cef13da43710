/**
 * msw in the browser: `standin/browser` (dist/browser/standin.js, as shipped) bundled into a page
 * with msw's `setupWorker`, served from loopback and opened in headless Chromium. The service
 * worker answers every case with exactly what the node:http server answers for the same seed,
 * and the page loads each bundled contract from its data, since a browser reads no files.
 */
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { build } from 'esbuild'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { parse } from 'yaml'
import { launchChromium } from '../helpers/chromium.js'
import { root } from '../helpers/run-cli.js'
import { adapterCases, options } from './adapter-cases.js'
import type { Answer } from './bundled.js'

const { contracts, cases, expected } = await adapterCases()
const base = 'http://models.browser.test/ml'

const pageScript = `
import { setupWorker } from 'msw/browser'
import { loadContract, mswHandlers } from ${JSON.stringify(join(root, 'dist/browser/standin.js'))}

window.standinStart = async (data, options) => {
  const contracts = await Promise.all(data.map((d) => loadContract(d)))
  const worker = setupWorker(...mswHandlers(contracts, options))
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } })
  return contracts.map((c) => c.name + '@' + c.version)
}
window.standinSend = async (url, method, headers, body) => {
  const response = await fetch(url, { method, headers, body })
  const text = await response.text()
  return { status: response.status, contentType: response.headers.get('content-type'), body: text === '' ? '' : JSON.parse(text) }
}
window.standinLoadFile = () => loadContract('contracts/transaction-classifier.contract.yaml').then(
  () => 'loaded',
  (error) => error.name + ': ' + error.message,
)
`

let server: Server
let browser: Browser
let page: Page
const pageErrors: string[] = []

beforeAll(async () => {
  const bundled = await build({
    stdin: { contents: pageScript, resolveDir: root, sourcefile: 'page.js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  })
  const files: Record<string, { type: string; body: string | Uint8Array }> = {
    '/': {
      type: 'text/html',
      body: '<!doctype html><script type="module" src="/page.js"></script>',
    },
    '/page.js': { type: 'text/javascript', body: bundled.outputFiles[0]!.contents },
    '/mockServiceWorker.js': {
      type: 'text/javascript',
      body: readFileSync(join(root, 'node_modules/msw/lib/mockServiceWorker.js')),
    },
  }
  server = createServer((req, res) => {
    const file = files[req.url ?? '']
    res.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain' })
    res.end(file?.body ?? 'not found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  browser = await launchChromium()
  page = await browser.newPage()
  page.on('pageerror', (e) => pageErrors.push(e.message))
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
  await page.waitForFunction(() => 'standinStart' in window)
  const data = contracts.map(
    (c) => parse(readFileSync(join(root, c.file ?? ''), 'utf8')) as unknown,
  )
  const served = await page.evaluate(
    ([d, o]) =>
      (
        window as unknown as { standinStart: (d: unknown, o: unknown) => Promise<string[]> }
      ).standinStart(d, o),
    [data, { ...options, baseUrl: base }] as const,
  )
  expect(served).toEqual(contracts.map((c) => `${c.name}@${c.version}`))
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
})

function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string,
): Promise<Answer> {
  return page.evaluate(
    ([u, m, h, b]) =>
      (
        window as unknown as {
          standinSend: (...a: unknown[]) => Promise<Answer>
        }
      ).standinSend(u, m, h, b),
    [url, method, headers, body] as const,
  )
}

cases.forEach((c, i) => {
  it(`gives the node:http server's answer for ${c.name} through msw's service worker in Chromium`, async () => {
    expect(
      await send(`${base}${c.request.path}`, c.request.method, c.request.headers, c.body),
    ).toEqual(expected[i])
    expect(pageErrors).toEqual([])
  })
})

it('says, when a page asks it to read a file, that the browser reads none and what to pass instead', async () => {
  const message = await page.evaluate(() =>
    (window as unknown as { standinLoadFile: () => Promise<string> }).standinLoadFile(),
  )
  expect(message).toMatch(/^ContractError: /)
  expect(message).toContain('standin/browser reads no files')
  expect(message).toContain('pass loadContract the contract itself')
})
