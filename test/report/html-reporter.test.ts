import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { expect, it } from 'vitest'
import { renderHtml } from '../../src/report/index.js'
import { launchChromium } from '../helpers/chromium.js'
import { hostile, sampleResult } from './sample-result.js'

it('escapes every value shown, so markup in inputs and answers stays text', () => {
  const html = renderHtml(sampleResult())
  const body = html.slice(0, html.indexOf('<script>'))
  expect(body).not.toContain('<script>alert')
  expect(body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;')
  expect(html).toContain('chart-data')
  expect(html).not.toMatch(/<(link|img)[^>]+(https?:)?\/\//)
})

it('names the output pointer of a failed invariance pair even when the first pair of its check passed', () => {
  const result = sampleResult()
  const checks = result.checks.map((check) =>
    check.kind === 'invariance'
      ? {
          ...check,
          cases: [
            {
              caseId: 'invariance:0:generated:1',
              baseId: 'generated:1',
              status: 'passed' as const,
              message: '',
              problems: [],
            },
            ...check.cases,
          ],
        }
      : check,
  )
  const html = renderHtml({ ...result, checks })
  expect(html).toContain('output at <code>/category</code>')
  expect(html).not.toContain('output at <code></code>')
})

it('opens in headless Chromium without console errors and draws its charts with chart.js', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-html-'))
  const file = join(dir, 'report.html')
  writeFileSync(file, renderHtml(sampleResult()))
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const errors: string[] = []
    const dialogs: string[] = []
    const requests: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url())
    })
    await page.goto(pathToFileURL(file).href)
    const charts = await page.evaluate(
      () =>
        Object.keys((window as unknown as { Chart: { instances: object } }).Chart.instances).length,
    )
    expect(await page.locator('.verdict').textContent()).toBe('FAILED')
    expect(await page.locator('body').textContent()).toContain(hostile.slice(0, 30))
    await page.screenshot({ path: '/tmp/standin-verify-report.png', fullPage: true })
    expect({ errors, dialogs, requests, charts }).toEqual({
      errors: [],
      dialogs: [],
      requests: [],
      charts: 2,
    })
  } finally {
    await browser.close()
  }
}, 30_000)
