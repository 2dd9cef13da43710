import type { CanSwap } from '../api-types.js'
import { badge, link, nameVersion, page, raw, routes, shortHash, table, text } from './html.js'

/**
 * The swap gate's answer as a page (`GET /can-swap?model&contract`): yes or no, one row per
 * contract version a consumer depends on, and every missing piece.
 *
 * @example
 * const html = renderCanSwapPage(await registry.canSwap('fraud-model@2.1.0', 'transaction-classifier', true))
 */
export function renderCanSwapPage(c: CanSwap): string {
  const verdict = c.canSwap ? 'yes' : 'no'
  const sections = [
    `<p>Can ${nameVersion(c.model)} replace what serves ${link(routes.contract(c.contract), c.contract).html} for its consumers? ${badge(verdict).html}${c.requireApproval ? ' (an approval is required)' : ''}</p>`,
    table(
      ['contract version', 'read by', 'verification', 'approval', 'ok'],
      c.rows.map((row) => [
        row.contractVersion,
        row.consumers.length === 0 ? '(latest; no consumer declared)' : row.consumers.join(', '),
        row.verification
          ? raw(
              `${badge(row.verification.verdict).html} ${link(routes.verification(row.verification.id), raw(shortHash(row.verification.reportHash).html)).html} ${text(row.verification.createdAt)}`,
            )
          : 'none',
        row.approval ? `${row.approval.by}, ${row.approval.createdAt}` : 'none',
        badge(row.ok ? 'yes' : 'no'),
      ]),
      'No contract version to check: nothing is published under this name.',
    ),
  ]
  if (c.missing.length > 0)
    sections.push(
      `<h2 id="missing">Missing</h2>`,
      `<ul class="missing">\n${c.missing.map((m) => `<li>${text(m)}</li>`).join('\n')}\n</ul>`,
    )
  return page(`Can swap ${c.model.name}@${c.model.version}? ${verdict}`, sections.join('\n'))
}
