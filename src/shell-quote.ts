/**
 * Quotes a word for a POSIX shell: as it is when it holds only characters no shell treats
 * specially, else in single quotes (each `'` written as `'\''`). The replay and curl lines
 * standin prints are pasted into shells.
 *
 * @example
 * shellQuote('mock') // 'mock'
 * shellQuote(`{"a": "it's"}`) // `'{"a": "it'\''s"}'`
 */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:@=-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`
}
