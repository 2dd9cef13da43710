/**
 * The support-emails story, unattended:
 *
 *   npm run build && node --import tsx examples/support-emails/run.ts [--broken]
 *
 * After verify, the triage service runs over the shipped inbox twice with nothing changed but
 * the model's URL: first the stand-in, then the real (local, rule-based) model.
 */
import { runStory, swapService } from '../shared/run-story.js'

await runStory({
  name: 'support-emails',
  title:
    'support-emails: the support desk extracts structured fields from inbound emails through an LLM\n' +
    'behind an OpenAI-compatible endpoint; engineering builds and tests the triage service (official\n' +
    'openai client, streaming) against the stand-in; a local OpenAI-compatible server (a deterministic\n' +
    'rule-based extractor: no weights can be downloaded here) arrives, verify gates it, one URL swaps it in.',
  contract: 'contracts/support-email-extractor.contract.yaml',
  tests: 'examples/support-emails/service',
  urlVariable: 'SUPPORT_LLM_URL',
  verifyArgs: ['--cases', '30'],
  brokenFails: ['conformance', 'streaming'],
  after: swapService('triage', ['examples/support-emails/service/main.ts']),
})
