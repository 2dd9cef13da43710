/**
 * The JSON type of a value as messages name it, with its article: `null`, `an array`,
 * `an object`, `a string`, `a number`, `a boolean` (JSON has numbers, not integers: RFC 8259
 * section 6).
 *
 * @example
 * `"id" must be a string, got ${typeName(42)}` // '"id" must be a string, got a number'
 */
export function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  return /^[aeiou]/.test(typeof value) ? `an ${typeof value}` : `a ${typeof value}`
}
