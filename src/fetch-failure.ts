/**
 * Why a `fetch` failed, in words. Node's fetch rejects with `fetch failed` and hides the reason
 * in a chain of causes (`connect ECONNREFUSED 127.0.0.1:4400`); a port the Fetch standard blocks
 * (9, 6000, 10080 and others) comes back as a bare `bad port`, said here in full.
 */

/** The innermost cause of an error (fetch hides the reason under `cause`). */
function innermost(error: unknown): unknown {
  let current: unknown = error
  for (let i = 0; i < 5; i++) {
    const cause = (current as { cause?: unknown } | null | undefined)?.cause
    if (cause === undefined || cause === null) break
    current = cause
  }
  return current
}

/**
 * OpenSSL's codes for a TLS handshake answered by something that does not speak TLS: the first
 * bytes of `HTTP/1.1 400 Bad Request` read as a TLS record.
 */
const plainHttpCodes = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_RECORD_LAYER_FAILURE',
  'ERR_SSL_UNKNOWN_PROTOCOL',
])

/**
 * True when an https call was answered in plain HTTP (the server does not speak TLS).
 *
 * @example
 * answeredPlainHttp(await fetch('https://127.0.0.1:4400/').catch((e) => e)) // true on a plain-http server
 */
export function answeredPlainHttp(error: unknown): boolean {
  const code = (innermost(error) as { code?: unknown } | null | undefined)?.code
  return typeof code === 'string' && plainHttpCodes.has(code)
}

/**
 * The innermost cause of a failed fetch, on one line.
 *
 * @example
 * fetchFailure(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:4400') }))
 * // 'connect ECONNREFUSED 127.0.0.1:4400'
 */
export function fetchFailure(error: unknown): string {
  if (answeredPlainHttp(error)) return 'the server answered plain HTTP, not HTTPS: use http://'
  const current = innermost(error)
  const message = (current instanceof Error ? current.message : String(current))
    .replace(/\s+/g, ' ')
    .trim()
  if (message === 'bad port')
    return 'fetch refuses this port: the Fetch standard blocks some ports, such as 9, 6000 and 10080; use another'
  return message || 'no reason given'
}

/**
 * The ports the Fetch standard blocks ("bad ports", https://fetch.spec.whatwg.org/#port-blocking):
 * browsers, node's fetch and every client built on them refuse to connect to them.
 */
const blockedPorts = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102,
  103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465,
  512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993,
  995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668,
  6669, 6679, 6697, 10080,
])

/** True for a port fetch refuses to connect to. */
export function isFetchBlockedPort(port: number): boolean {
  return blockedPorts.has(port)
}

/**
 * The warning a server on a port fetch refuses deserves (it runs, but a browser, msw or a
 * service calling it with fetch cannot reach it), or undefined.
 *
 * @example
 * fetchBlockedWarning('standin serve', 6000) // 'standin serve: warning: port 6000 is one fetch refuses ...'
 */
export function fetchBlockedWarning(who: string, port: number): string | undefined {
  if (!isFetchBlockedPort(port)) return undefined
  return `${who}: warning: port ${port} is one fetch refuses (the Fetch standard blocks it): browsers and clients that call it with fetch cannot reach this server. Pick another --port.\n`
}
