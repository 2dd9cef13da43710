/**
 * A target as the user typed it, for a message that refuses it. `user:password@host` is a
 * password even where the text is no URL, so whatever stands before an `@` is masked.
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
