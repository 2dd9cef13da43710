/**
 * A count and its noun, for messages: `1 value`, `2 values`, `0 contracts`.
 *
 * @example
 * plural(3, 'warning') // '3 warnings'
 */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
