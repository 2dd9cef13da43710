/**
 * The registry's pages in Debian's Chromium, rendered from what a real registry holds (PGlite and
 * PostgreSQL): contracts, consumers, verifications, approvals and the audit log written through
 * the real HTTP API with hostile values in every free-text field. Every value shows as text, no
 * script runs, no dialog opens, no request leaves the page's origin, every link is one of the
 * registry's routes and leads to a page.
 */
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { parse } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createRegistryClient,
  digestOf,
  openStore,
  renderCanSwapPage,
  renderContractPage,
  renderOverviewPage,
  renderVerificationPage,
  startRegistry,
} from '../../src/registry/index.js'
import type { RegistryOverview, VersionDiff } from '../../src/registry/index.js'
import { launchChromium } from '../helpers/chromium.js'
import { root, runInProcess } from '../helpers/run-cli.js'
import { backends } from './backends.js'
import { HOSTILE } from './page-fixtures.js'

let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
}, 60_000)

afterAll(async () => {
  await browser.close()
})

/** Opens `url`, and checks the page as a hostile-value page must be. */
async function openSafely(url: string): Promise<{ text: string; links: string[]; title: string }> {
  const page = await browser.newPage()
  const dialogs: string[] = []
  const errors: string[] = []
  const away: string[] = []
  const origin = new URL(url).origin
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('request', (r) => {
    if (!r.url().startsWith(origin)) away.push(r.url())
  })
  const response = await page.goto(url)
  expect(response?.status(), url).toBe(200)
  const seen = await page.evaluate(() => ({
    scripts: document.scripts.length,
    handlers: Array.from(document.querySelectorAll('*')).flatMap((el) =>
      Array.from(el.attributes)
        .filter((a) => a.name.startsWith('on'))
        .map((a) => a.name),
    ),
    images: document.images.length,
    text: document.body.innerText,
    links: Array.from(document.querySelectorAll('a')).map((a) => a.getAttribute('href') ?? ''),
    title: document.title,
  }))
  await page.close()
  expect(dialogs).toEqual([])
  expect(errors).toEqual([])
  expect(away).toEqual([])
  expect(seen.scripts).toBe(0)
  expect(seen.handlers).toEqual([])
  expect(seen.images).toBe(0)
  for (const link of seen.links) {
    expect(link).toMatch(/^\/(?!\/)/)
    expect(new URL(link, url).origin).toBe(origin)
  }
  return seen
}

/** Opens a stored HTML report: it may hold anything, and the registry's CSP keeps it inert. */
async function openStored(url: string): Promise<void> {
  const page = await browser.newPage()
  const dialogs: string[] = []
  const away: string[] = []
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  page.on('request', (r) => {
    if (!r.url().startsWith(new URL(url).origin)) away.push(r.url())
  })
  const response = await page.goto(url)
  expect(response?.status(), url).toBe(200)
  expect(response?.headers()['content-security-policy']).toContain("default-src 'none'")
  await page.waitForTimeout(200)
  await page.close()
  expect(dialogs).toEqual([])
  expect(away).toEqual([])
}

describe.each(backends)('the registry page on $name', (backend) => {
  let store: Awaited<ReturnType<typeof openStore>>
  let registry: Awaited<ReturnType<typeof startRegistry>>
  let pages: Server
  let pagesUrl: string

  beforeAll(async () => {
    store = await openStore(await backend.fresh())
    const token = await store.createToken(`bot ${HOSTILE}`, 'admin', 'test')
    registry = await startRegistry({ store, port: 0, log: () => undefined })
    const client = createRegistryClient({ url: registry.url, token })
    const document = parse(
      readFileSync(join(root, 'contracts/transaction-classifier.contract.yaml'), 'utf8'),
    ) as Record<string, unknown>
    const contract = { ...document, description: HOSTILE, owner: HOSTILE }
    await client.publish('transaction-classifier', '1.2.0', { contract, source: HOSTILE })
    await client.publish('transaction-classifier', '1.3.0', {
      contract: { ...contract, version: '1.3.0', description: `${HOSTILE} v2` },
    })
    await client.consume(HOSTILE, 'transaction-classifier', {
      range: '^1.2',
      fields: [`/${HOSTILE}`, '/category'],
    })
    const folder = mkdtempSync(join(tmpdir(), 'standin-page-'))
    const report = join(folder, 'report.json')
    const verified = await runInProcess([
      'verify',
      'contracts/transaction-classifier.contract.yaml',
      '--target',
      'mock',
      '-n',
      '3',
      '--reporter',
      `json:${report}`,
    ])
    expect(verified.code, verified.stderr).toBe(0)
    // The registry records runs against a model, not the stand-in: shown as one against a URL.
    const reportText = readFileSync(report, 'utf8').replace('"kind": "mock"', '"kind": "url"')
    rmSync(folder, { recursive: true, force: true })
    const { createHash } = await import('node:crypto')
    const reportHash = createHash('sha256').update(reportText).digest('hex')
    const model = { name: HOSTILE, version: '2.1.0' }
    const contractVersion = { name: 'transaction-classifier', version: '1.2.0' }
    await client.recordVerification({
      contract: contractVersion,
      model,
      reportText,
      reportHash,
      html: `<!doctype html><p>${HOSTILE}</p>`,
      contractDigest: digestOf(contract),
    })
    await client.approve({
      model,
      contract: contractVersion,
      reportHash,
      by: HOSTILE,
      note: HOSTILE,
    })

    // The page routes, rendered by src/registry/page from what the real registry answers.
    pages = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://x')
        const parts = url.pathname.split('/').map((p) => decodeURIComponent(p))
        let html: string | undefined
        if (url.pathname === '/') {
          const overview: RegistryOverview = {
            contracts: await client.contracts(),
            consumers: await client.consumers(),
            verifications: await client.verifications(),
            approvals: await store.approvals({ limit: 50 }),
            audit: await client.audit(50),
            matrices: await store.matrices(20),
          }
          html = renderOverviewPage(overview)
        } else if (parts[1] === 'contracts' && parts.length === 3) {
          const detail = await client.contract(parts[2] ?? '')
          const versions = detail.versions.map((v) => v.version)
          const diffs: VersionDiff[] = []
          for (let i = 0; i + 1 < versions.length; i++)
            diffs.push(await client.diff(detail.name, versions[i + 1] ?? '', versions[i] ?? ''))
          html = renderContractPage(detail, diffs)
        } else if (parts[1] === 'verifications' && parts.length === 3) {
          html = renderVerificationPage(await client.verification(parts[2] ?? ''))
        } else if (url.pathname === '/can-swap') {
          html = renderCanSwapPage(
            await client.canSwap(
              url.searchParams.get('model') ?? '',
              url.searchParams.get('contract') ?? '',
              true,
            ),
          )
        } else if (url.pathname.startsWith('/api/')) {
          const upstream = await fetch(`${registry.url}${req.url ?? ''}`)
          res.writeHead(upstream.status, {
            'content-type': upstream.headers.get('content-type') ?? 'text/plain',
          })
          res.end(Buffer.from(await upstream.arrayBuffer()))
          return
        }
        res.writeHead(html === undefined ? 404 : 200, {
          'content-type': 'text/html; charset=utf-8',
        })
        res.end(html ?? 'not found')
      })().catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' })
        res.end(String(error))
      })
    })
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve))
    pagesUrl = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`
  }, 240_000)

  afterAll(async () => {
    await new Promise((resolve) => pages.close(resolve))
    await registry.close()
    await store.close()
  })

  it('shows every hostile value as text on the overview, and every link leads to a page', async () => {
    const overview = await openSafely(`${pagesUrl}/`)
    expect(overview.title).toBe('Contract registry · standin registry')
    for (const shown of [HOSTILE, `/${HOSTILE}`, `${HOSTILE}@2.1.0`, `bot ${HOSTILE}`])
      expect(overview.text).toContain(shown)
    const targets = [...new Set(overview.links)]
    expect(targets).toEqual(expect.arrayContaining(['/', '/contracts/transaction-classifier']))
    for (const link of targets.filter((l) => !l.startsWith('/api/')))
      await openSafely(`${pagesUrl}${link}`)
    // The stored HTML report is shown as stored, under the registry's CSP: nothing in it runs.
    const reports = targets.filter((l) => l.endsWith('/report.html'))
    expect(reports).toHaveLength(1)
    for (const link of reports) await openStored(`${registry.url}${link}`)
  }, 120_000)

  it('shows the contract with its diff, the verification and the gate', async () => {
    const contract = await openSafely(`${pagesUrl}/contracts/transaction-classifier`)
    expect(contract.text).toContain('1.2.0 → 1.3.0')
    expect(contract.text).toContain(`/${HOSTILE}, /category`)
    const gate = await openSafely(
      `${pagesUrl}/can-swap?${new URLSearchParams({ model: `${HOSTILE}@2.1.0`, contract: 'transaction-classifier' }).toString()}`,
    )
    expect(gate.title).toBe(`Can swap ${HOSTILE}@2.1.0? no · standin registry`)
    expect(gate.text).toContain(
      `no passing verification of ${HOSTILE}@2.1.0 against transaction-classifier@1.3.0 (read by ${HOSTILE})`,
    )
  }, 120_000)

  it("opens the registry's own pages in Chromium as safely", async () => {
    const detail = await store.verifications({ limit: 1 })
    for (const path of [
      '/',
      '/contracts/transaction-classifier',
      `/verifications/${encodeURIComponent(detail[0]?.id ?? '')}`,
    ]) {
      const shown = await openSafely(`${registry.url}${path}`)
      expect(shown.text).toContain('transaction-classifier')
    }
  }, 120_000)
})
