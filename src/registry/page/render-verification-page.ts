import type { Verification } from '../api-types.js'
import { badge, link, nameVersion, page, piece, raw, routes, text } from './html.js'
import type { Piece } from './html.js'

/** Characters of the stored report shown on the page (the whole is at the API). */
const shownReportChars = 200_000

/**
 * A verification's page (`GET /verifications/{id}`): what was verified against what, the
 * verdict, the report's hash (what an approval signs), seed and standin version, a link to the
 * stored HTML report, and the JSON report itself.
 *
 * @example
 * const html = renderVerificationPage(await registry.verification(id))
 */
export function renderVerificationPage(v: Verification): string {
  const facts: [string, Piece][] = [
    ['model', raw(nameVersion(v.model))],
    ['contract', link(routes.contract(v.contract.name), raw(nameVersion(v.contract)))],
    ['verdict', badge(v.verdict)],
    ['report hash (sha256)', raw(`<code>${text(v.reportHash)}</code>`)],
    ['seed', String(v.seed)],
    ['standin version', v.standinVersion],
    ['recorded', v.createdAt],
    ['by', v.createdBy],
    ['HTML report', v.hasHtml ? link(routes.report(v.id), 'open the report') : 'not stored'],
    ['can swap?', link(routes.canSwap(v.model, v.contract.name), 'see the gate for this model')],
  ]
  const list = facts.map(([k, value]) => `<dt>${text(k)}</dt><dd>${piece(value)}</dd>`).join('\n')
  const sections = [`<dl>\n${list}\n</dl>`]
  if (v.report !== undefined) {
    const json = JSON.stringify(v.report, null, 2)
    const cut = json.length > shownReportChars
    sections.push(
      `<h2 id="report">JSON report</h2>`,
      `<pre>${text(cut ? json.slice(0, shownReportChars) : json)}</pre>`,
      cut
        ? `<p>The report is cut at ${shownReportChars.toLocaleString('en')} characters; the whole is at ${link(`/api/verifications/${encodeURIComponent(v.id)}`, 'the API').html}.</p>`
        : '',
    )
  }
  return page(`Verification ${v.id}`, sections.join('\n'))
}
