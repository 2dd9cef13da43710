/**
 * Writes a large recording of the transaction classifier fast (for the bounded-memory test and
 * the drift benchmark): varied inputs and outputs, one JSON line each, through a write stream.
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { categories, currencies } from '../helpers/transaction-vocabulary.js'

/** Lines joined per write: big chunks keep a million-line file to a few seconds. */
const linesPerChunk = 4096

/**
 * Writes `lines` exchanges to `file`; `shift` moves the input mix (more USD, larger amounts).
 * Lines are built from templates (every value is a number or a fixed word, so no escaping is
 * needed) and written `linesPerChunk` at a time. With `distinctChunks`, only that many chunks
 * are built and the rest of the file repeats them (the same distribution, written at the disk's
 * speed: for tests of size, not of statistics).
 */
export async function writeSyntheticRecording(
  file: string,
  lines: number,
  shift = false,
  distinctChunks = Infinity,
): Promise<void> {
  const out = createWriteStream(file, { highWaterMark: 4 * 1024 * 1024 })
  out.write(
    `${JSON.stringify({ standin: 'recording', format: 1, contract: { name: 'transaction-classifier', version: '1.2.0', protocol: 'json' }, startedAt: '2026-01-01T00:00:00.000Z', sampleRate: 1, redacted: [] })}\n`,
  )
  let state = 12345
  const next = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    return state / 4294967296
  }
  let chunk: string[] = []
  const built: string[] = []
  for (let i = 0; i < lines; i++) {
    const cached =
      built.length >= distinctChunks
        ? built[Math.floor(i / linesPerChunk) % built.length]
        : undefined
    if (cached !== undefined && i % linesPerChunk === 0 && lines - i >= linesPerChunk) {
      if (!out.write(cached)) await once(out, 'drain')
      i += linesPerChunk - 1
      continue
    }
    const c = Math.floor(next() * categories.length)
    const amount = Math.round(next() * next() * 500 * (shift ? 20 : 1) * 100) / 100
    const currency =
      shift && next() < 0.7 ? 'USD' : (currencies[Math.floor(next() * currencies.length)] ?? 'GBP')
    const top = Math.round((0.5 + next() * 0.5) * 1e4) / 1e4
    const rest = Math.round(((1 - top) / 8) * 1e6) / 1e6
    const scores = categories.map((name, k) => `"${name}":${k === c ? top : rest}`).join(',')
    const latency = Math.round((2 + next() * 8) * 100) / 100
    const direction = next() < 0.9 ? 'debit' : 'credit'
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
    const time = new Date(1767225600000 + i * 10).toISOString()
    chunk.push(
      `{"time":"${time}","latencyMs":${latency},"method":"POST","path":"/predict","status":200,"outcome":"answered",` +
        `"inputs":[{"request_id":"${id}","narration":"CARD PAYMENT ${i % 977}","amount":${amount},"currency":"${currency}","direction":"${direction}"}],` +
        `"outputs":[{"request_id":"${id}","category":"${categories[c] ?? 'other'}","confidence":${top},"scores":{${scores}}}],"violations":[]}\n`,
    )
    if (chunk.length === linesPerChunk) {
      const text = chunk.join('')
      if (built.length < distinctChunks) built.push(text)
      if (!out.write(text)) await once(out, 'drain')
      chunk = []
    }
  }
  out.end(chunk.join(''))
  await once(out, 'finish')
}
