/**
 * Why a `fetch` failed, in words. Node's fetch rejects with `fetch failed` and hides the reason
 * in a chain of causes (`connect ECONNREFUSED 127.0.0.1:4400`); a port the Fetch standard blocks
 * (9, 6000, 10080 and others) comes back as a bare `bad port`, said here in full.
 */

/**
 * The innermost cause of a failed fetch, on one line.
 *
 * @example
 * fetchFailure(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:4400') }))
 * // 'connect ECONNREFUSED 127.0.0.1:4400'
 */
export function fetchFailure(error: unknown): string {
  let current: unknown = error
  for (let i = 0; i < 5; i++) {
    const cause = (current as { cause?: unknown } | null | undefined)?.cause
    if (cause === undefined || cause === null) break
    current = cause
  }
  const message = (current instanceof Error ? current.message : String(current))
    .replace(/\s+/g, ' ')
    .trim()
  if (message === 'bad port')
    return 'fetch refuses this port: the Fetch standard blocks some ports, such as 9, 6000 and 10080; use another'
  return message || 'no reason given'
}
