/**
 * The Host header guard of a stand-in bound to loopback. A web page can point a name it controls
 * at 127.0.0.1 (DNS rebinding) and then read the stand-in as same-origin; its requests still carry
 * that name in Host. So a loopback server answers only Host names that cannot be rebound:
 * `localhost` and its subdomains (RFC 6761 section 6.3), IP literals, and the names the user allows.
 * Browser-safe (no node:net): the msw adapter shares this core.
 */

const ipv4 = /^\d{1,3}(?:\.\d{1,3}){3}$/
const ipv6 = /^\[[0-9a-f:.]+(?:%[0-9a-z._~-]+)?\]$/i

/** The host name of a Host header value (port and a trailing dot dropped, lower-case). */
export function hostName(value: string): string {
  const host = value.trim().toLowerCase()
  const name = host.startsWith('[')
    ? host.slice(0, host.indexOf(']') + 1)
    : host.replace(/:\d*$/, '')
  return name.endsWith('.') ? name.slice(0, -1) : name
}

/** True for the loopback interfaces: `localhost`, 127.0.0.0/8 and ::1. */
export function isLoopback(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '')
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
}

/**
 * A predicate on the Host header: `allowed` holds extra names, or `host:port` pairs, to accept
 * besides localhost and IP literals. A request without Host (HTTP/1.0) passes: browsers always send it.
 */
export function hostGuard(allowed: readonly string[]): (host: string | undefined) => boolean {
  const extra = new Set(allowed.map((h) => h.trim().toLowerCase()))
  const allows = (host: string): boolean => {
    const name = hostName(host)
    return (
      name === 'localhost' ||
      name.endsWith('.localhost') ||
      ipv4.test(name) ||
      ipv6.test(name) ||
      extra.has(name) ||
      extra.has(host.trim().toLowerCase())
    )
  }
  // Clients send one or two Host values: each is judged once (a bounded number kept).
  const judged = new Map<string, boolean>()
  return (host) => {
    if (host === undefined) return true
    let verdict = judged.get(host)
    if (verdict === undefined) {
      verdict = allows(host)
      if (judged.size < 64 && host.length <= 256) judged.set(host, verdict)
    }
    return verdict
  }
}
