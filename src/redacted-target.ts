/**
 * Targets shown and sent without their secrets. A target as the user typed it, for a message
 * that refuses it: `user:password@host` is a password even where the text is no URL, so whatever
 * stands before an `@` is masked. A URL's credentials travel as a Basic `authorization` header
 * (node:http and fetch would neither send nor hide them) and never as part of a printed URL.
 */

/** The mask shown in place of a secret. */
export const mask = '***'

/**
 * The text with anything before an `@` (after a scheme) shown as `***`.
 *
 * @example
 * redactedTarget('ci:s3cret@host:80') // '***@host:80'
 */
export function redactedTarget(text: string): string {
  return text.replace(
    /^([a-z][a-z0-9+.-]*:\/\/)?[^@/]*@/i,
    (_match, scheme?: string) => `${scheme ?? ''}${mask}@`,
  )
}

/**
 * Query parameters whose value is a secret by their name: `token`, `access_token`, `api_key`,
 * `apikey`, `key`, `sig` (Azure SAS), `X-Amz-Signature`, `X-Amz-Credential`, `secret`, `password`.
 */
const secretQueryName = /token|key|sig|secret|passw|pwd|credential|auth/i

/** The query text with the value of each secret-named parameter shown as `***`. */
function redactedQuery(search: string): string {
  return search.replace(/([?&])([^=&#]*)=([^&#]*)/g, (whole, lead: string, name: string) =>
    secretQueryName.test(safeDecode(name)) ? `${lead}${name}=${mask}` : whole,
  )
}

/**
 * A URL to print: the password (or a lone user name, often a token) and the values of query
 * parameters named like secrets (`?api_key=...`, `&sig=...`) shown as `***`.
 *
 * @example
 * redactedUrl(new URL('http://ci:s3cret@host/m?token=abc&v=2')) // 'http://ci:***@host/m?token=***&v=2'
 */
export function redactedUrl(url: URL): string {
  const copy = new URL(url.href)
  copy.search = redactedQuery(url.search)
  if (url.password !== '') copy.password = mask
  else if (url.username !== '') copy.username = mask
  return copy.href.replace(/%2A%2A%2A/g, mask)
}

/**
 * A source as messages and written files show it: an http(s) URL with its secrets masked (as
 * `redactedUrl`), anything else (a file path, which may hold an `@`) as given.
 *
 * @example
 * redactedSource('http://ci:s3cret@host/v2/models/iris') // 'http://ci:***@host/v2/models/iris'
 */
export function redactedSource(source: string): string {
  if (!/^https?:\/\//i.test(source)) return source
  try {
    return redactedUrl(new URL(source))
  } catch {
    return redactedTarget(source)
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** The target URL without its credentials, the Basic header they make, and the secret texts. */
export function splitCredentials(url: URL): {
  readonly url: URL
  readonly authorization?: string
  readonly secrets: readonly string[]
} {
  if (url.username === '' && url.password === '') return { url, secrets: [] }
  const user = safeDecode(url.username)
  const password = safeDecode(url.password)
  const token = Buffer.from(`${user}:${password}`, 'utf8').toString('base64')
  const bare = new URL(url.href)
  bare.username = ''
  bare.password = ''
  const secrets = [token, url.password, password, ...(password === '' ? [url.username, user] : [])]
  return { url: bare, authorization: `Basic ${token}`, secrets }
}
