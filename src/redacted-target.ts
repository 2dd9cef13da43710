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

/** A URL to print: the password (or a lone user name, often a token) shown as `***`. */
export function redactedUrl(url: URL): string {
  if (url.username === '' && url.password === '') return url.href
  const copy = new URL(url.href)
  if (url.password !== '') copy.password = mask
  else copy.username = mask
  return copy.href.replace(/%2A%2A%2A/g, mask)
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
