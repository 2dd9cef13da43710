/**
 * Secrets out of every output: credentials in a target URL travel as a Basic `authorization`
 * header and never as part of a printed URL; secret headers (given by the user, or secret by
 * name: authorization, cookie, x-api-key, openai-organization, openai-project, ...) show as `***`; and every secret value is replaced
 * wherever else it appears in a result (a model may echo a token in its answer).
 */

/** Header names whose values are secret whoever set them. */
const secretName =
  /^(?:authorization|proxy-authorization|cookie|set-cookie|openai-organization|openai-project)$|api[-_]?key|token|secret|passw(?:or)?d|session|credential|auth/i

import { mask } from '../redacted-target.js'

export { mask }

/** Secrets shorter than this are masked where they are named, but not searched for in free text. */
const minSearched = 4

/** True when a header's value is secret by its name. */
export function isSecretHeader(name: string): boolean {
  return secretName.test(name)
}

/** `headers` with every secret value (by name, or named in `secret`) shown as `***`. */
export function maskHeaders(
  headers: Readonly<Record<string, string>>,
  secret: Readonly<Record<string, string>>,
): Record<string, string> {
  const given = new Set(Object.keys(secret).map((k) => k.toLowerCase()))
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [
      k,
      given.has(k.toLowerCase()) || isSecretHeader(k) ? mask : v,
    ]),
  )
}

/** The secret texts in header values: each whole value, and its credentials after the scheme. */
export function headerSecrets(
  headers: Readonly<Record<string, string>>,
  secret: Readonly<Record<string, string>>,
): string[] {
  const given = new Set(Object.keys(secret).map((k) => k.toLowerCase()))
  return Object.entries(headers).flatMap(([k, v]) => {
    if (!given.has(k.toLowerCase()) && !isSecretHeader(k)) return []
    const after = /^\S+\s+(\S.*)$/.exec(v)?.[1]
    return after === undefined ? [v] : [v, after]
  })
}

/**
 * A copy of `value` with every occurrence of each secret (in strings and keys) replaced by `***`.
 * Values nested deeper than `maxDepth` are replaced by a note (results are bounded before this).
 */
export function redactSecrets<T>(value: T, secrets: readonly string[], maxDepth = 200): T {
  const searched = [...new Set(secrets.filter((s) => s.length >= minSearched))].sort(
    (a, b) => b.length - a.length,
  )
  if (searched.length === 0) return value
  const clean = (text: string): string => {
    let out = text
    for (const s of searched) if (out.includes(s)) out = out.split(s).join(mask)
    return out
  }
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === 'string') return clean(node)
    if (typeof node !== 'object' || node === null) return node
    if (depth > maxDepth) return '(nested too deep to show)'
    if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1))
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(node))
      Object.defineProperty(out, clean(k), {
        value: walk(v, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      })
    return out
  }
  return walk(value, 0) as T
}
