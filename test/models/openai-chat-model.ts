/**
 * The openai-chat test model: the support-email story's rule-based extractor
 * (examples/support-emails/model) on a real node:http server, with one injectable LLM defect.
 * Each defect breaks exactly one promise of the support-email-extractor contract.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  extractorHandler,
  type ExtractorFaults,
} from '../../examples/support-emails/model/extractor-handler.js'
import type { RunningModel } from './serve-model.js'

/** The LLM defects, the check each must fail, and what it is. */
export const chatDefects = {
  good: { fails: [], what: 'a correct model' },
  'invalid-json': {
    fails: ['conformance'],
    what: 'answers JSON content with a trailing comma (non-streamed answers)',
  },
  'content-violation': {
    fails: ['conformance'],
    what: 'answers a category outside the enum inside the content (non-streamed answers)',
  },
  'stream-cut': { fails: ['streaming'], what: 'drops every stream mid-value' },
  'slow-first-token': { fails: ['tokenLatency'], what: 'sends the first token of a stream late' },
  'rate-limited': {
    fails: ['failureRate'],
    what: 'answers every 5th request 429, beyond the promised failure rate',
  },
} as const

/** An LLM defect name. */
export type ChatDefect = keyof typeof chatDefects

const faults: Record<ChatDefect, ExtractorFaults> = {
  good: {},
  'invalid-json': { invalidJson: true },
  'content-violation': { violation: true },
  'stream-cut': { cutStreams: true },
  'slow-first-token': { firstTokenMs: 600 },
  'rate-limited': { rateLimitEvery: 5 },
}

/** Starts the extractor with `defect` on 127.0.0.1 and a free port. */
export async function startChatModel(defect: ChatDefect): Promise<RunningModel> {
  const handle = extractorHandler(faults[defect])
  let served = 0
  const server = createServer((req, res) => {
    served++
    handle(req, res).catch(() => res.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    served: () => served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
