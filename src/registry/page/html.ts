/**
 * The few pieces every registry page is made of. Every value goes through `htmlEscape`; every
 * link is one of the registry's own routes, built here from encoded path segments, so no value a
 * user published (a description, a note, a `javascript:` URL) can ever become a link target.
 */
import { htmlEscape } from '../../report/index.js'
import type { NameVersion } from '../api-types.js'

/** Escaped text. */
export const text = (value: unknown): string => htmlEscape(value)

/** Marks a string as already-built HTML, so the template helpers do not escape it again. */
export interface Html {
  readonly html: string
}

/** Trusted HTML built by these helpers. */
export const raw = (html: string): Html => ({ html })

/** One piece of a page: HTML built here, or a value to escape. */
export type Piece = Html | string | number | undefined

/** A piece as HTML: a value is escaped, undefined is empty. */
export function piece(value: Piece): string {
  if (value === undefined) return ''
  return typeof value === 'object' ? value.html : htmlEscape(value)
}

const seg = encodeURIComponent

/** The registry's own routes: the only places a page links to. */
export const routes = {
  overview: (): string => '/',
  contract: (name: string): string => `/contracts/${seg(name)}`,
  version: (name: string, version: string): string =>
    `/api/contracts/${seg(name)}/versions/${seg(version)}`,
  verification: (id: string): string => `/verifications/${seg(id)}`,
  report: (id: string): string => `/api/verifications/${seg(id)}/report.html`,
  canSwap: (model: NameVersion, contract: string): string =>
    `/can-swap?${new URLSearchParams({ model: `${model.name}@${model.version}`, contract }).toString()}`,
}

/** A link to one of `routes`; the label is escaped. */
export function link(href: string, label: Piece): Html {
  return raw(`<a href="${htmlEscape(href)}">${piece(label)}</a>`)
}

/** `name@version`, escaped. */
export function nameVersion(nv: NameVersion): string {
  return htmlEscape(`${nv.name}@${nv.version}`)
}

/** A table with a header row; an empty body says so in one cell. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly Piece[])[],
  empty: string,
): string {
  const head = `<tr>${headers.map((h) => `<th scope="col">${htmlEscape(h)}</th>`).join('')}</tr>`
  const body =
    rows.length === 0
      ? `<tr><td colspan="${headers.length}" class="empty">${htmlEscape(empty)}</td></tr>`
      : rows
          .map((row) => `<tr>${row.map((cell) => `<td>${piece(cell)}</td>`).join('')}</tr>`)
          .join('\n')
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`
}

/** A badge for a verdict or a cell state: the class is one of a fixed set, the text escaped. */
export function badge(state: string): Html {
  const known = [
    'passed',
    'approved',
    'failed',
    'none',
    'yes',
    'no',
    'breaking',
    'compatible',
    'patch',
  ]
  const cls = known.includes(state) ? state : 'none'
  return raw(`<span class="badge ${cls}">${htmlEscape(state)}</span>`)
}

/** The first 12 hex digits of a digest or hash, the whole in a title. */
export function shortHash(hash: string): Html {
  return raw(`<code title="${htmlEscape(hash)}">${htmlEscape(hash.slice(0, 12))}</code>`)
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1b1f24;background:#fafbfc}
header{background:#1b1f24;color:#fff;padding:10px 24px}
header a{color:#fff;margin-right:16px;text-decoration:none;font-weight:600}
main{padding:16px 24px;max-width:1200px}
h1{font-size:22px;margin:8px 0 16px}h2{font-size:17px;margin:28px 0 8px}
table{border-collapse:collapse;width:100%;background:#fff;margin-bottom:8px}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f3f6}td.empty{color:#57606a;font-style:italic}
code,pre{font-family:ui-monospace,monospace;font-size:12px}
pre{background:#fff;border:1px solid #d0d7de;padding:8px;overflow:auto;max-height:480px;white-space:pre-wrap;word-break:break-all}
.badge{display:inline-block;padding:0 6px;border-radius:8px;font-size:12px;font-weight:600}
.passed,.yes,.compatible{background:#dafbe1;color:#116329}.approved{background:#ddf4ff;color:#0550ae}
.failed,.no,.breaking{background:#ffebe9;color:#a40e26}.none,.patch{background:#eaeef2;color:#57606a}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px}dt{font-weight:600}dd{margin:0}
.missing li{color:#a40e26}
`

/** A whole page: the registry's navigation, the title, the body. No script, no outside resource. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${htmlEscape(title)} · standin registry</title>
<style>${STYLE}</style>
</head>
<body>
<header><nav>${link(routes.overview(), 'standin registry').html}${link('/api/openapi.json', 'API').html}</nav></header>
<main>
<h1>${htmlEscape(title)}</h1>
${body}
</main>
</body>
</html>
`
}
