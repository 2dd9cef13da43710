/**
 * Reads an answer's body up to a byte cap: a registry (or anything at its address) that sends
 * more is cut off, never buffered whole.
 */

/** What reading gave: the text, or `undefined` when the body went past the cap. */
export async function readCapped(
  response: Response,
  maxBytes: number,
): Promise<string | undefined> {
  const length = Number(response.headers.get('content-length') ?? NaN)
  if (length > maxBytes) {
    await response.body?.cancel().catch(() => undefined)
    return undefined
  }
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      return undefined
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}
