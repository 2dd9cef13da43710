/**
 * Whether a header a user gives (verify's --header, the library's `headers`) can go on the wire,
 * told without its value: a header is often a credential, and a message lands in CI logs.
 */
import { validateHeaderName, validateHeaderValue } from 'node:http'

/**
 * Why `name: value` cannot be sent, in words that never show the value; undefined when it can.
 *
 * @example
 * headerProblem('x-team', '日本') // 'the value of header "x-team" holds characters HTTP cannot carry ...'
 */
export function headerProblem(name: string, value: string): string | undefined {
  try {
    validateHeaderName(name)
  } catch {
    return `${JSON.stringify(name)} is not an HTTP header name (letters, digits and !#$%&'*+-.^_\`|~ only, no spaces)`
  }
  try {
    validateHeaderValue(name, value)
  } catch {
    return `the value of header "${name}" holds characters HTTP cannot carry (visible ASCII, spaces and tabs only; no line breaks): encode it, for example as base64`
  }
  return undefined
}
