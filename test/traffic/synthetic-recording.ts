/**
 * Writes a large recording of the transaction classifier fast (for the bounded-memory test and
 * the drift benchmark): varied inputs and outputs, one JSON line each, through a write stream.
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'

const categories = [
  'groceries',
  'dining',
  'transport',
  'utilities',
  'rent',
  'income',
  'transfers',
  'shopping',
  'other',
]
const currencies = ['GBP', 'EUR', 'USD', 'CHF', 'PLN', 'SEK']

/** Writes `lines` exchanges to `file`; `shift` moves the input mix (more USD, larger amounts). */
export async function writeSyntheticRecording(
  file: string,
  lines: number,
  shift = false,
): Promise<void> {
  const out = createWriteStream(file)
  out.write(
    `${JSON.stringify({ standin: 'recording', format: 1, contract: { name: 'transaction-classifier', version: '1.2.0', protocol: 'json' }, startedAt: '2026-01-01T00:00:00.000Z', sampleRate: 1, redacted: [] })}\n`,
  )
  let state = 12345
  const next = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    return state / 4294967296
  }
  for (let i = 0; i < lines; i++) {
    const c = Math.floor(next() * categories.length)
    const amount = Math.round(next() * next() * 500 * (shift ? 20 : 1) * 100) / 100
    const currency =
      shift && next() < 0.7 ? 'USD' : (currencies[Math.floor(next() * currencies.length)] ?? 'GBP')
    const top = 0.5 + next() * 0.5
    const scores: Record<string, number> = {}
    for (const [k, name] of categories.entries()) scores[name] = k === c ? top : (1 - top) / 8
    const line = {
      time: new Date(1767225600000 + i * 10).toISOString(),
      latencyMs: Math.round((2 + next() * 8) * 100) / 100,
      method: 'POST',
      path: '/predict',
      status: 200,
      outcome: 'answered',
      inputs: [
        {
          request_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          narration: `CARD PAYMENT ${i % 977}`,
          amount,
          currency,
          direction: next() < 0.9 ? 'debit' : 'credit',
        },
      ],
      outputs: [
        {
          request_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          category: categories[c],
          confidence: top,
          scores,
        },
      ],
      violations: [],
    }
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}
