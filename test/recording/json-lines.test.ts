import { Readable } from 'node:stream'
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { jsonLines } from '../../src/recording/json-lines.js'
import type { JsonLine } from '../../src/recording/json-lines.js'

/** The bytes of `text` cut at the given offsets, as a stream of Buffers. */
function chunked(text: string, cuts: readonly number[]): Readable {
  const bytes = Buffer.from(text, 'utf8')
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  const pieces: Buffer[] = []
  let start = 0
  for (const cut of [...at, bytes.length]) {
    if (cut > start) pieces.push(bytes.subarray(start, cut))
    start = Math.max(start, cut)
  }
  return Readable.from(pieces)
}

async function all(stream: Readable, limit?: number): Promise<JsonLine[]> {
  const out: JsonLine[] = []
  for await (const line of jsonLines(stream, limit)) out.push(line)
  return out
}

it('numbers lines from 1, skips blank ones, reads CRLF endings and a last line without one', async () => {
  const text = '{"a":1}\r\n\n   \n[2]\nnot json\n"é€😀"'
  expect(await all(chunked(text, [1, 9, 12, 20, 33, 35]))).toEqual([
    { line: 1, value: { a: 1 }, json: true },
    { line: 4, value: [2], json: true },
    { line: 5, value: undefined, json: false },
    { line: 6, value: 'é€😀', json: true },
  ])
})

it('reports a line longer than the limit as not JSON, without keeping it, and goes on', async () => {
  const long = `"${'x'.repeat(100)}"`
  const text = `1\n${long}\n2\n${long}`
  for (const cuts of [[], [3], [3, 40, 80], [50]])
    expect(await all(chunked(text, cuts), 50)).toEqual([
      { line: 1, value: 1, json: true },
      { line: 2, value: undefined, json: false },
      { line: 3, value: 2, json: true },
      { line: 4, value: undefined, json: false },
    ])
})

it('gives the same lines however the bytes are cut into chunks', async () => {
  const value = fc.oneof(
    fc.string({ unit: 'grapheme' }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
  )
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.oneof(fc.dictionary(fc.string(), value), value), { maxLength: 20 }),
      fc.array(fc.nat(), { maxLength: 12 }),
      fc.boolean(),
      async (values, cuts, crlf) => {
        const text = values.map((v) => JSON.stringify(v)).join(crlf ? '\r\n' : '\n')
        const lines = await all(chunked(text, cuts))
        expect(lines).toEqual(values.map((value, i) => ({ line: i + 1, value, json: true })))
      },
    ),
  )
})
