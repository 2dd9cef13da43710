import type { ContractDetail, VersionDiff } from '../api-types.js'
import { fields } from './render-overview-page.js'
import { badge, link, page, routes, shortHash, table, text } from './html.js'

/**
 * A contract's page (`GET /contracts/{name}`): its versions, newest first, each with the diff
 * from the version before it, and the services that consume it with the fields they read.
 *
 * @example
 * const html = renderContractPage(await registry.contract('transaction-classifier'), diffs)
 */
export function renderContractPage(d: ContractDetail, diffs: readonly VersionDiff[]): string {
  const sections = [
    `<h2 id="versions">Versions</h2>`,
    table(
      ['version', 'digest', 'published', 'by'],
      d.versions.map((v) => [
        link(routes.version(d.name, v.version), v.version),
        shortHash(v.digest),
        v.publishedAt,
        v.publishedBy,
      ]),
      'No version is published.',
    ),
    `<h2 id="consumers">Consumers</h2>`,
    table(
      ['service', 'range', 'fields read', 'declared', 'by'],
      d.consumers.map((c) => [c.service, c.range, fields(c.fields), c.declaredAt, c.declaredBy]),
      'No service declares that it consumes this contract.',
    ),
    `<h2 id="diffs">Changes between versions</h2>`,
    diffs.length === 0
      ? '<p>One version only: nothing to compare.</p>'
      : diffs.map(diff).join('\n'),
  ]
  return page(d.name, sections.join('\n'))
}

function diff(v: VersionDiff): string {
  const bump =
    v.required === 'none'
      ? 'no change to the interface'
      : `needs a ${v.required} bump; this one is ${v.actual === 'down' ? 'a step down' : v.actual}`
  return [
    `<h3 id="diff-${text(v.to)}">${text(v.from)} → ${text(v.to)} <small>(${text(bump)})</small></h3>`,
    table(
      ['impact', 'where', 'change'],
      v.changes.map((c) => [badge(c.impact), c.pointer, c.message]),
      'No change.',
    ),
  ].join('\n')
}
