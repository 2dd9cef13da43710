/**
 * The registry's page renderers on their own: every value escaped, every link one of the
 * registry's own routes, no script, for hand-picked hostile values and for any string
 * (fast-check, seed printed on failure).
 */
import fc from 'fast-check'
import { expect, it } from 'vitest'
import {
  renderCanSwapPage,
  renderContractPage,
  renderOverviewPage,
  renderVerificationPage,
} from '../../src/registry/index.js'
import { HOSTILE, hostileData } from './page-fixtures.js'

const TAGS = new Set(
  'html head meta title style body header nav main h1 h2 h3 small a table thead tbody tr th td p ul li dl dt dd pre code em span'.split(
    ' ',
  ),
)

function pages(evil: string): string[] {
  const d = hostileData(evil)
  return [
    renderOverviewPage(d.overview),
    renderContractPage(d.detail, d.diffs),
    renderVerificationPage(d.verification),
    renderCanSwapPage(d.canSwap),
  ]
}

/** Every tag the page opens is one the renderers write; every attribute one they set. */
function checkMarkup(html: string): void {
  const body = html.replace(/<style>[\s\S]*?<\/style>/, '')
  for (const m of body.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    expect(TAGS.has(m[1] ?? ''), m[0]).toBe(true)
    const attrs = [...(m[2] ?? '').replace(/"[^"]*"/g, '""').matchAll(/\s([a-z-]+)=/g)].map(
      (a) => a[1],
    )
    for (const a of attrs)
      expect(
        ['href', 'class', 'title', 'id', 'scope', 'colspan', 'lang', 'charset', 'name', 'content'],
        m[0],
      ).toContain(a)
  }
  for (const m of body.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^\/(?!\/)/)
  expect(body).not.toMatch(/<script/i)
  expect(body).not.toMatch(/href="javascript:/i)
}

it('escapes a script, quotes and a javascript: URL on every page, and links only to its own routes', () => {
  for (const html of pages(HOSTILE)) {
    checkMarkup(html)
    expect(html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(2)&gt;javascript:alert(3)&amp;amp;',
    )
  }
})

it('puts a hostile name into a link only as an encoded path segment', () => {
  const html = renderOverviewPage(hostileData().overview)
  expect(html).toContain(
    `<a href="/contracts/${encodeURIComponent(HOSTILE).replace(/'/g, '&#39;')}">`,
  )
  const canSwap = renderCanSwapPage(hostileData('javascript:alert(1)').canSwap)
  expect(canSwap).toContain('<a href="/contracts/javascript%3Aalert(1)">javascript:alert(1)</a>')
})

it('shows the overview: contracts, consumers and their fields, verifications with reports, approvals, audit, matrix', () => {
  const html = renderOverviewPage(hostileData('x').overview)
  for (const heading of [
    'Contracts',
    'Consumers',
    'Can swap: model versions by contract versions',
    'Verifications',
    'Approvals',
    'Audit log',
  ])
    expect(html).toContain(`>${heading}</h2>`)
  expect(html).toContain('<code>/category</code>')
  expect(html).toContain('<a href="/api/verifications/x/report.html">report</a>')
  expect(html).toContain('<span class="badge approved">approved</span>')
  expect(html).toContain('<a href="/can-swap?model=x%40x&amp;contract=x">x@x</a>')
})

it('says what is missing on an empty registry', () => {
  const html = renderOverviewPage({
    contracts: [],
    consumers: [],
    verifications: [],
    approvals: [],
    audit: [],
    matrices: [],
  })
  expect(html).toContain('No contract is published yet: standin publish &lt;contract&gt;.')
  expect(html).toContain('<p>No verification is recorded yet.</p>')
})

it('shows a diff with its advice, and the can-swap answer with what is missing', () => {
  const d = hostileData('y')
  expect(renderContractPage(d.detail, d.diffs)).toContain(
    'y → y <small>(needs a major bump; this one is minor)</small>',
  )
  const gate = renderCanSwapPage(d.canSwap)
  expect(gate).toContain('<title>Can swap y@y? no · standin registry</title>')
  expect(gate).toContain('<ul class="missing">\n<li>y</li>\n</ul>')
})

it('escapes any string in any field (fast-check)', () => {
  const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000)
  console.log(`fast-check seed ${seed}`)
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (evil) => {
      for (const html of pages(evil)) checkMarkup(html)
    }),
    { seed, numRuns: 150 },
  )
})
