/**
 * Why a request to a target got no answer, in words a user can act on. Node reports transport
 * failures by code (`ECONNREFUSED`, `HPE_INVALID_CONSTANT`, `DEPTH_ZERO_SELF_SIGNED_CERT`); the
 * code stays in brackets for a search, the sentence says what it means and what to try. Shared by
 * verify's two senders, so compare (which sends through them) says the same.
 */

/** The kind of failure, as results and reports count it. */
export type FailureReason = 'refused' | 'reset' | 'dns' | 'other'

/** A failure's kind and its sentence, `<what happened> (<code>)[: <what to try>]`. */
export interface RequestFailure {
  readonly reason: FailureReason
  readonly message: string
}

/** llhttp's codes for an answer that is not HTTP/1.1 as it reads it. */
const notHttp = new Set([
  'HPE_INVALID_CONSTANT',
  'HPE_INVALID_VERSION',
  'HPE_INVALID_STATUS',
  'HPE_INVALID_HEADER_TOKEN',
  'HPE_INVALID_CHUNK_SIZE',
  'HPE_INVALID_CONTENT_LENGTH',
  'HPE_INVALID_TRANSFER_ENCODING',
  'HPE_UNEXPECTED_CONTENT_LENGTH',
  'HPE_CR_EXPECTED',
  'HPE_LF_EXPECTED',
  'HPE_STRICT',
])

/** Node's and OpenSSL's codes for a certificate the client does not trust. */
const untrusted = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
])

/** What a code means, and what to try. */
interface Explained {
  readonly reason: FailureReason
  readonly what: string
  readonly advice?: string
}

/** The codes of one kind of failure, what they mean and what to try. */
interface Entry extends Explained {
  readonly codes: (code: string) => boolean
  /** The advice holds only for a plain http:// URL. */
  readonly plainOnly?: boolean
}

const is =
  (...codes: string[]) =>
  (code: string): boolean =>
    codes.includes(code)

/** Every code this module explains, first match wins. */
const entries: readonly Entry[] = [
  {
    codes: is('ECONNREFUSED'),
    reason: 'refused',
    what: 'connection refused',
    advice: 'is the model running on that port?',
  },
  {
    codes: is('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'),
    reason: 'reset',
    what: 'the connection was dropped before a full answer',
  },
  { codes: is('ENOTFOUND', 'EAI_AGAIN'), reason: 'dns', what: 'the host name does not resolve' },
  {
    codes: is('EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT'),
    reason: 'other',
    what: 'the host cannot be reached from here',
  },
  {
    codes: is('HPE_HEADER_OVERFLOW'),
    reason: 'other',
    what: "the answer's headers are larger than node accepts (16 KiB by default)",
    advice: 'raise the limit with NODE_OPTIONS=--max-http-header-size=65536',
  },
  {
    codes: (code) => notHttp.has(code),
    reason: 'other',
    what: 'the answer is not HTTP/1.1 as node reads it',
    advice: 'if that port speaks TLS, write https:// in the URL',
    plainOnly: true,
  },
  {
    codes: (code) => code === 'EPROTO' || code.startsWith('ERR_SSL_'),
    reason: 'other',
    what: 'the TLS handshake failed',
    advice: 'if that port speaks plain HTTP, write http:// in the URL',
  },
  {
    codes: (code) => untrusted.has(code),
    reason: 'other',
    what: "the target's TLS certificate is not trusted here",
    advice: 'name its CA with NODE_EXTRA_CA_CERTS=ca.pem',
  },
  {
    codes: is('CERT_HAS_EXPIRED'),
    reason: 'other',
    what: "the target's TLS certificate has expired",
  },
  {
    codes: is('ERR_TLS_CERT_ALTNAME_INVALID'),
    reason: 'other',
    what: "the target's TLS certificate is for another host name",
    advice: 'use the name it was issued for',
  },
]

/** What a code means, and what to try; undefined for a code this module does not know. */
function explain(code: string, secure: boolean): Explained | undefined {
  const entry = entries.find((e) => e.codes(code))
  if (entry === undefined) return undefined
  const { reason, what, advice } = entry
  return advice === undefined || (entry.plainOnly === true && secure)
    ? { reason, what }
    : { reason, what, advice }
}

/** `text` ended as a sentence: a full stop added unless it ends in its own `.`, `?` or `!`. */
export function asSentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`
}

/**
 * A request's failure in words: the code's meaning and advice when known, node's own message
 * otherwise, with the code in brackets.
 *
 * @example
 * describeFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), false)
 * // { reason: 'refused', message: 'connection refused (ECONNREFUSED): is the model running on that port?' }
 */
export function describeFailure(error: unknown, secure: boolean): RequestFailure {
  const rawCode = (error as { code?: unknown } | null)?.code
  const code = typeof rawCode === 'string' ? rawCode : undefined
  const message = error instanceof Error ? error.message : String(error)
  const known = code === undefined ? undefined : explain(code, secure)
  if (known)
    return {
      reason: known.reason,
      message: `${known.what} (${code})${known.advice === undefined ? '' : `: ${known.advice}`}`,
    }
  if (/socket hang up/.test(message))
    return {
      reason: 'reset',
      message: `the connection was dropped before a full answer (${code ?? message})`,
    }
  return { reason: 'other', message: `the request failed (${code ?? message})` }
}
