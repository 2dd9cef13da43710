import type { Millis } from './contract-types.js'

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000 }

/**
 * Parses a contract duration (`50ms`, `2s`, `1.5m`, or a bare number of milliseconds) into
 * milliseconds. Returns `undefined` for anything else (the format schema reports it).
 *
 * @example
 * parseDuration('2s') // 2000
 */
export function parseDuration(value: unknown): Millis | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined
  if (typeof value !== 'string') return undefined
  const match = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m)$/.exec(value)
  if (!match) return undefined
  return Number(match[1]) * (UNIT_MS[match[2] ?? 'ms'] ?? 1)
}
