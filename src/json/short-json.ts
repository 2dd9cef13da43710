/**
 * Text cut to `max` characters, an ellipsis where it was cut: a message from a file's content
 * stays a line.
 *
 * @example
 * cutText('x'.repeat(1000), 5) // 'xxxx…'
 */
export function cutText(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/**
 * A value as messages and reports show it: its JSON, cut to `max` characters. A value from a
 * request or a file may be of any size; a message names it without carrying it all.
 *
 * @example
 * shortJson('x'.repeat(1000), 12) // '"xxxxxxxx...'
 * shortJson(undefined) // 'nothing'
 */
export function shortJson(value: unknown, max = 200): string {
  let text: string | undefined
  try {
    text = JSON.stringify(value)
  } catch {
    return '(a value nested too deep to show)'
  }
  if (text === undefined) return 'nothing'
  return text.length > max ? `${text.slice(0, max - 3)}...` : text
}
