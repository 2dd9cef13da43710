/**
 * Placeholder page renderers, until the page module (src/registry/page/, the client branch) is
 * merged: the same four names and signatures, plain HTML with every value escaped, no script.
 * The lead switches the server's import to src/registry/page/ at merge and deletes this file.
 */
import { htmlEscape } from '../../report/index.js'
import type {
  CanSwap,
  ContractDetail,
  RegistryOverview,
  Verification,
  VersionDiff,
} from '../api-types.js'

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${htmlEscape(title)} · standin registry</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}</style>
</head><body><h1>${htmlEscape(title)}</h1>
${body}
</body></html>
`
}

function table(head: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${htmlEscape(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${htmlEscape(c ?? '')}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`
}

/** `GET /`: contracts, consumers, verifications, approvals, the audit log. */
export function renderOverviewPage(o: RegistryOverview): string {
  return page(
    'Contract registry',
    `<h2>Contracts</h2>${table(
      ['name', 'latest', 'versions', 'description', 'consumers'],
      o.contracts.map((c) => [c.name, c.latest, c.versions, c.description, c.consumers]),
    )}<h2>Consumers</h2>${table(
      ['service', 'contract', 'range', 'fields'],
      o.consumers.map((c) => [c.service, c.contract, c.range, c.fields.join(', ')]),
    )}<h2>Verifications</h2>${table(
      ['model', 'contract', 'verdict', 'report hash', 'at'],
      o.verifications.map((v) => [
        `${v.model.name}@${v.model.version}`,
        `${v.contract.name}@${v.contract.version}`,
        v.verdict,
        v.reportHash,
        v.createdAt,
      ]),
    )}<h2>Approvals</h2>${table(
      ['model', 'contract', 'by', 'note', 'at'],
      o.approvals.map((a) => [
        `${a.model.name}@${a.model.version}`,
        `${a.contract.name}@${a.contract.version}`,
        a.by,
        a.note,
        a.createdAt,
      ]),
    )}<h2>Audit log</h2>${table(
      ['at', 'actor', 'action', 'subject'],
      o.audit.map((a) => [a.at, a.actor, a.action, a.subject]),
    )}`,
  )
}

/** `GET /contracts/{name}`: versions, consumers, and the diff between consecutive versions. */
export function renderContractPage(d: ContractDetail, diffs: VersionDiff[]): string {
  return page(
    d.name,
    `<h2>Versions</h2>${table(
      ['version', 'digest', 'published', 'by'],
      d.versions.map((v) => [v.version, v.digest, v.publishedAt, v.publishedBy]),
    )}<h2>Consumers</h2>${table(
      ['service', 'range', 'fields'],
      d.consumers.map((c) => [c.service, c.range, c.fields.join(', ')]),
    )}<h2>Diffs</h2>${diffs
      .map(
        (diff) =>
          `<h3>${htmlEscape(diff.from)} → ${htmlEscape(diff.to)} (${htmlEscape(diff.required)})</h3>${table(
            ['impact', 'pointer', 'change'],
            diff.changes.map((c) => [c.impact, c.pointer, c.message]),
          )}`,
      )
      .join('')}`,
  )
}

/** `GET /verifications/{id}`. */
export function renderVerificationPage(v: Verification): string {
  return page(
    `${v.model.name}@${v.model.version} against ${v.contract.name}@${v.contract.version}`,
    table(
      ['id', 'verdict', 'report hash', 'seed', 'standin', 'at', 'by'],
      [[v.id, v.verdict, v.reportHash, v.seed, v.standinVersion, v.createdAt, v.createdBy]],
    ),
  )
}

/** `GET /can-swap?model&contract`. */
export function renderCanSwapPage(c: CanSwap): string {
  return page(
    `Can ${c.model.name}@${c.model.version} serve ${c.contract}? ${c.canSwap ? 'yes' : 'no'}`,
    `${table(
      ['contract version', 'consumers', 'verification', 'approval', 'ok'],
      c.rows.map((r) => [
        r.contractVersion,
        r.consumers.join(', '),
        r.verification ? `${r.verification.verdict} ${r.verification.id}` : '',
        r.approval ? `${r.approval.by} ${r.approval.createdAt}` : '',
        r.ok ? 'yes' : 'no',
      ]),
    )}<ul>${c.missing.map((m) => `<li>${htmlEscape(m)}</li>`).join('')}</ul>`,
  )
}
