/**
 * Runs the support desk's triage once over the shipped inbox and prints one line per email:
 * category, urgency, order, refund, and the summary a person reads in the queue.
 *
 *   node --import tsx examples/support-emails/service/main.ts --model-url http://127.0.0.1:8000
 *
 * The model URL is the only setting: the stand-in today, the real model after the swap. Exits 1
 * when an email could not be triaged.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { createExtractor, ExtractionError } from './email-extractor.js'

const { values } = parseArgs({ options: { 'model-url': { type: 'string' } } })
const modelUrl = values['model-url'] ?? process.env.SUPPORT_LLM_URL
if (!modelUrl) {
  console.error('Give the model address: --model-url http://host:port (or SUPPORT_LLM_URL).')
  process.exit(2)
}
const inbox = readFileSync(new URL('../data/emails.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => (JSON.parse(line) as { email: string }).email)
const extractor = createExtractor({ baseUrl: modelUrl })
// Every email at once, as the desk's queue worker does; each answer streams in.
const results = await Promise.allSettled(
  inbox.map((email) => extractor.extractStreaming(email, () => undefined)),
)
let failed = 0
for (const result of results) {
  if (result.status === 'fulfilled') {
    const f = result.value
    console.log(
      `  ${f.category.padEnd(9)} ${f.urgency.padEnd(6)} ${(f.order_id ?? '-').padEnd(10)} ${f.refund_requested ? 'refund' : '      '}  ${f.summary.slice(0, 60)}`,
    )
  } else {
    failed++
    const error: unknown = result.reason
    console.log(
      `  FAILED ${error instanceof ExtractionError ? error.failure : 'error'}: ${String(error)}`,
    )
  }
}
console.log(`model ${modelUrl}: ${inbox.length - failed} of ${inbox.length} emails triaged`)
process.exit(failed === 0 ? 0 : 1)
