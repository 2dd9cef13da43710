/**
 * The transaction-categorizer story, unattended:
 *
 *   npm run build && node --import tsx examples/transaction-categorizer/run.ts [--broken]
 */
import { runStory } from '../shared/run-story.js'

await runStory({
  name: 'transaction-categorizer',
  title:
    'transaction-categorizer: a budgeting service built against the stand-in (msw), then the real\n' +
    'classifier (logistic regression on 452 labelled narrations, json protocol) verified before the swap.',
  contract: 'contracts/transaction-classifier.contract.yaml',
  tests: 'examples/transaction-categorizer/service',
  verifyArgs: ['--cases', '80'],
  brokenFails: ['invariance: casing does not change the category'],
})
