/**
 * The four JSON Schema 2020-12 formats ajv-formats lacks: `iri`, `iri-reference` (RFC 3987),
 * `idn-hostname` (RFC 5890) and `idn-email` (RFC 6531). Each is the ASCII format after mapping
 * what internationalisation adds: non-ASCII characters of an IRI are percent-encoded (RFC 3987
 * §3.1), an IDN label becomes its punycode A-label (WHATWG URL's UTS #46 mapping, no network).
 */
import { fullFormats } from 'ajv-formats/dist/formats.js'

type Check = (value: string) => boolean

const asCheck = (format: unknown): Check => {
  if (typeof format === 'function') return format as Check
  if (format instanceof RegExp) return (value) => format.test(value)
  if (format && typeof format === 'object' && 'validate' in format) return asCheck(format.validate)
  return () => true
}

const uri = asCheck(fullFormats.uri)
const uriReference = asCheck(fullFormats['uri-reference'])
const hostname = asCheck(fullFormats.hostname)
const email = asCheck(fullFormats.email)

// Control characters, and the non-characters and specials IRIs exclude (RFC 3987 ucschar).
// eslint-disable-next-line no-control-regex
const NOT_IRI = /[\u0000-\u0020\u007f-\u009f\ud800-\udfff\ufdd0-\ufdef\ufff0-\uffff]/u

function toUri(iri: string): string | undefined {
  if (NOT_IRI.test(iri)) return undefined
  return iri.replace(/[^\x20-\x7e\t\n\r]/gu, (c) => encodeURIComponent(c))
}

function toAsciiHostname(value: string): string | undefined {
  if (value === '' || /[\s/?#@:%\\[\]]/u.test(value)) return undefined
  if (!/[^\x20-\x7e\t\n\r]/u.test(value)) return value
  try {
    return new URL(`http://${value}/`).hostname
  } catch {
    return undefined
  }
}

/** The checks, by format name, for ajv's `addFormat`. */
export const idnFormats: Readonly<Record<string, Check>> = {
  iri: (value) => {
    const mapped = toUri(value)
    return mapped !== undefined && uri(mapped)
  },
  'iri-reference': (value) => {
    const mapped = toUri(value)
    return mapped !== undefined && uriReference(mapped)
  },
  'idn-hostname': (value) => {
    const ascii = toAsciiHostname(value)
    return ascii !== undefined && hostname(ascii)
  },
  'idn-email': (value) => {
    const at = value.lastIndexOf('@')
    if (at <= 0) return false
    const local = value.slice(0, at)
    const domain = toAsciiHostname(value.slice(at + 1))
    if (domain === undefined || NOT_IRI.test(local)) return false
    // RFC 6531 allows any UTF-8 in the local part where RFC 5321 allows atext.
    return email(`${local.replace(/[^\x20-\x7e\t\n\r]/gu, 'a')}@${domain}`)
  },
}
