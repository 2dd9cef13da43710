/**
 * The support-email extractor served as an OpenAI-compatible chat-completions endpoint on
 * 127.0.0.1 (see extractor-handler.ts for the wire).
 *
 *   node --import tsx examples/support-emails/model/server.ts [--port 8000] [--broken]
 *
 * `--broken` ships a classic chat-template bug: the JSON comes wrapped in a markdown code fence
 * (```json ... ```), which no JSON parser takes.
 */
import { listen, parseServeArgs } from '../../shared/http.js'
import { extractorHandler } from './extractor-handler.js'

const args = parseServeArgs(process.argv.slice(2))
await listen('support-email extractor', args.port, extractorHandler({ fence: args.broken }))
