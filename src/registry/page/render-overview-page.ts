import type { AuditEntry, RegistryOverview, SwapMatrix } from '../api-types.js'
import { badge, link, nameVersion, page, raw, routes, shortHash, table, text } from './html.js'
import type { Html, Piece } from './html.js'

/**
 * The registry's front page (`GET /`): contracts and their versions, consumers and the fields
 * they read, verifications (with their HTML reports), approvals, the can-swap matrix of model
 * versions by contract versions, and the audit log.
 *
 * @example
 * const html = renderOverviewPage({ contracts: [], consumers: [], verifications: [], approvals: [], audit: [], matrices: [] })
 */
export function renderOverviewPage(o: RegistryOverview): string {
  const sections = [
    `<h2 id="contracts">Contracts</h2>`,
    contractsTable(o),
    `<h2 id="consumers">Consumers</h2>`,
    consumersTable(o),
    `<h2 id="can-swap">Can swap: model versions by contract versions</h2>`,
    o.matrices.length === 0
      ? '<p>No verification is recorded yet.</p>'
      : o.matrices.map(matrix).join('\n'),
    `<h2 id="verifications">Verifications</h2>`,
    verificationsTable(o),
    `<h2 id="approvals">Approvals</h2>`,
    approvalsTable(o),
    `<h2 id="audit">Audit log</h2>`,
    table(
      ['#', 'when', 'who', 'action', 'subject', 'detail'],
      o.audit.map((entry) => auditRow(entry)),
      'Nothing written yet.',
    ),
  ]
  return page('Contract registry', sections.join('\n'))
}

/** Each published contract, with its latest version. */
function contractsTable(o: RegistryOverview): string {
  return table(
    ['contract', 'latest', 'versions', 'protocol', 'consumers', 'owner', 'description', 'updated'],
    o.contracts.map((c) => [
      link(routes.contract(c.name), c.name),
      link(routes.version(c.name, c.latest), c.latest),
      c.versions,
      c.protocol,
      c.consumers,
      c.owner,
      c.description,
      c.updatedAt,
    ]),
    'No contract is published yet: standin publish <contract>.',
  )
}

/** Each service, the contract range it depends on and the fields it reads. */
function consumersTable(o: RegistryOverview): string {
  return table(
    ['service', 'contract', 'range', 'fields read', 'declared', 'by'],
    o.consumers.map((c) => [
      c.service,
      link(routes.contract(c.contract), c.contract),
      c.range,
      fields(c.fields),
      c.declaredAt,
      c.declaredBy,
    ]),
    'No consumer is declared yet: standin consume <name>@<range> --service <svc>.',
  )
}

/** Each recorded verification, with its verdict and HTML report. */
function verificationsTable(o: RegistryOverview): string {
  return table(
    ['verification', 'model', 'contract', 'verdict', 'report hash', 'HTML report', 'when', 'by'],
    o.verifications.map((v) => [
      link(routes.verification(v.id), v.id),
      raw(nameVersion(v.model)),
      link(routes.contract(v.contract.name), raw(nameVersion(v.contract))),
      badge(v.verdict),
      shortHash(v.reportHash),
      v.hasHtml ? link(routes.report(v.id), 'report') : '–',
      v.createdAt,
      v.createdBy,
    ]),
    'No verification is recorded yet: standin verify ... --publish <registry> --model <name>@<version>.',
  )
}

/** Each sign-off, with the verification it signs. */
function approvalsTable(o: RegistryOverview): string {
  return table(
    ['model', 'contract', 'by', 'note', 'verification', 'report hash', 'when'],
    o.approvals.map((a) => [
      raw(nameVersion(a.model)),
      raw(nameVersion(a.contract)),
      a.by,
      a.note,
      link(routes.verification(a.verificationId), a.verificationId),
      shortHash(a.reportHash),
      a.createdAt,
    ]),
    'No approval is recorded yet: standin approve <model>@<version> --contract <name>@<version> --by <who>.',
  )
}

/** The fields a consumer reads: each pointer in code; none means the whole output. */
export function fields(list: readonly string[]): Html {
  if (list.length === 0) return raw('<em>the whole output</em>')
  return raw(list.map((f) => `<code>${text(f)}</code>`).join(', '))
}

function auditRow(entry: AuditEntry): Piece[] {
  return [
    entry.id,
    entry.at,
    entry.actor,
    entry.action,
    entry.subject,
    entry.detail === undefined
      ? undefined
      : raw(`<code>${text(JSON.stringify(entry.detail).slice(0, 500))}</code>`),
  ]
}

function matrix(m: SwapMatrix): string {
  const head = `<tr><th scope="col">model \\ ${link(routes.contract(m.contract), m.contract).html}</th>${m.contractVersions
    .map((v) => `<th scope="col">${text(v)}</th>`)
    .join('')}</tr>`
  const rows = m.models.map((model, i) => {
    const cells = m.contractVersions
      .map((_, j) => `<td>${badge(m.cells[i]?.[j] ?? 'none').html}</td>`)
      .join('')
    return `<tr><th scope="row">${link(routes.canSwap(model, m.contract), raw(nameVersion(model))).html}</th>${cells}</tr>`
  })
  return `<table class="matrix">\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`
}
