/**
 * Generators for every format ajv-formats checks, drawn from the rng alone (fast, no faker), so
 * `format: uuid` or `format: date-time` costs a few random numbers.
 */
import type { Rng } from './rng.js'

const HEX = '0123456789abcdef'
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789'
const WORDS = [
  'alpha',
  'bravo',
  'delta',
  'echo',
  'nova',
  'orbit',
  'pixel',
  'quartz',
  'river',
  'solar',
  'tango',
  'vector',
  'willow',
  'zephyr',
  'cedar',
  'ember',
  'harbor',
  'linen',
  'maple',
  'summit',
]
const TLDS = ['com', 'org', 'net', 'io', 'dev']

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')
const chars = (rng: Rng, alphabet: string, n: number): string => {
  let out = ''
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(rng.next() * alphabet.length)] as string
  return out
}

function date(rng: Rng): string {
  return `${rng.int(1990, 2030)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`
}

function time(rng: Rng): string {
  const frac = rng.chance(0.3) ? `.${pad(rng.int(0, 999), 3)}` : ''
  return `${pad(rng.int(0, 23))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}${frac}Z`
}

function hostname(rng: Rng): string {
  return `${rng.pick(WORDS)}${rng.chance(0.5) ? `-${rng.pick(WORDS)}` : ''}.${rng.pick(TLDS)}`
}

// Internationalised labels for iri, idn-hostname and idn-email (valid IDNA 2008 U-labels).
const IDN_WORDS = ['münchen', 'zürich', 'café', 'bücher', 'résumé', 'straßburg', 'köln']

function idnHostname(rng: Rng): string {
  return `${rng.pick(IDN_WORDS)}.${rng.pick(TLDS)}`
}

/** One hex digit's value, drawn as `HEX[Math.floor(rng.next() * 16)]` draws it. */
const nibble = (rng: Rng): number => Math.floor(rng.next() * 16)
/** Two hex digits by their byte value: one string for two digits drawn. */
const PAIRS = Array.from({ length: 256 }, (_, i) => `${HEX[i >> 4] ?? ''}${HEX[i & 15] ?? ''}`)
const pair = (rng: Rng): string => PAIRS[(nibble(rng) << 4) | nibble(rng)] as string
const hex = (rng: Rng): string => HEX[nibble(rng)] as string

/**
 * A version 4 uuid: 32 hex digits drawn in order (the 13th and 17th are drawn and replaced by
 * the version and the variant, drawn last), two digits a string.
 */
function uuid(rng: Rng): string {
  const a = pair(rng) + pair(rng) + pair(rng) + pair(rng)
  const b = pair(rng) + pair(rng)
  nibble(rng) // the 13th digit, replaced by the version
  const c = hex(rng) + pair(rng)
  nibble(rng) // the 17th digit, replaced by the variant
  const d = hex(rng) + pair(rng)
  const e = pair(rng) + pair(rng) + pair(rng) + pair(rng) + pair(rng) + pair(rng)
  const variant = HEX[8 + rng.int(0, 3)] as string
  return `${a}-${b}-4${c}-${variant}${d}-${e}`
}

function ipv6(rng: Rng): string {
  const groups: string[] = []
  for (let i = 0; i < 8; i++) groups.push(rng.int(0, 0xffff).toString(16))
  return groups.join(':')
}

function duration(rng: Rng): string {
  const r = rng.int(0, 3)
  if (r === 0) return `P${rng.int(1, 30)}D`
  if (r === 1) return `PT${rng.int(1, 59)}M`
  if (r === 2) return `P${rng.int(0, 2)}Y${rng.int(1, 11)}M${rng.int(1, 28)}DT${rng.int(0, 23)}H`
  return `PT${rng.int(1, 23)}H${rng.int(0, 59)}M${rng.int(0, 59)}S`
}

function email(rng: Rng): string {
  return `${rng.pick(WORDS)}.${rng.pick(WORDS)}${rng.int(1, 99)}@${hostname(rng)}`
}

function uri(rng: Rng): string {
  return `https://${hostname(rng)}/${rng.pick(WORDS)}/${chars(rng, ALNUM, rng.int(3, 8))}`
}

function base64(rng: Rng): string {
  const bytes = rng.int(1, 12) * 3
  let raw = ''
  for (let i = 0; i < bytes; i++) raw += String.fromCharCode(rng.int(0, 255))
  return btoa(raw) // raw holds one byte per char (0-255), so btoa is base64 of those bytes
}

/** Format name -> generator. Unknown formats are not here (ajv ignores them too). */
export const FORMAT_GENERATORS: Readonly<Record<string, (rng: Rng) => string>> = {
  date,
  time,
  'iso-time': time,
  'date-time': (rng) => `${date(rng)}T${time(rng)}`,
  'iso-date-time': (rng) => `${date(rng)}T${time(rng)}`,
  duration,
  uri,
  url: uri,
  iri: (rng) => (rng.chance(0.5) ? uri(rng) : `https://${idnHostname(rng)}/${rng.pick(IDN_WORDS)}`),
  'uri-reference': (rng) => (rng.chance(0.5) ? uri(rng) : `/${rng.pick(WORDS)}/${rng.int(1, 999)}`),
  'iri-reference': (rng) =>
    rng.chance(0.5) ? uri(rng) : `/${rng.pick(IDN_WORDS)}/${rng.int(1, 999)}`,
  'uri-template': (rng) => `https://${hostname(rng)}/{${rng.pick(WORDS)}}`,
  email,
  'idn-email': (rng) =>
    rng.chance(0.5) ? email(rng) : `${rng.pick(IDN_WORDS)}@${idnHostname(rng)}`,
  hostname,
  'idn-hostname': (rng) => (rng.chance(0.5) ? hostname(rng) : idnHostname(rng)),
  ipv4: (rng) => `${rng.int(1, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
  ipv6,
  regex: (rng) => `^[a-z]{${rng.int(1, 5)}}$`,
  uuid,
  'json-pointer': (rng) => `/${rng.pick(WORDS)}/${rng.int(0, 9)}`,
  'json-pointer-uri-fragment': (rng) => `#/${rng.pick(WORDS)}/${rng.int(0, 9)}`,
  'relative-json-pointer': (rng) => `${rng.int(0, 3)}/${rng.pick(WORDS)}`,
  byte: base64,
  binary: base64,
  int32: (rng) => String(rng.int(-2147483648, 2147483647)),
  int64: (rng) => String(rng.int(-1e15, 1e15)),
  float: (rng) => rng.float(-1000, 1000).toFixed(3),
  double: (rng) => rng.float(-1e6, 1e6).toFixed(6),
  password: (rng) => chars(rng, `${ALNUM}ABCDEFGHIJKLMNOPQRSTUVWXYZ!#%&*`, rng.int(10, 20)),
}
