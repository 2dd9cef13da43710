/**
 * The news-signals story, unattended:
 *
 *   npm run build && node --import tsx examples/news-signals/run.ts [--broken]
 *
 * After verify, the signals service runs over the shipped feed twice with nothing changed but
 * the model's URL: first the stand-in, then the real model.
 */
import { runStory, swapService } from '../shared/run-story.js'

await runStory({
  name: 'news-signals',
  title:
    'news-signals: the data team hands over a contract; engineering ships the signals service against\n' +
    'the stand-in (standin serve, node:http); the real model (gazetteer + ridge sentiment + logistic\n' +
    'events on 420 labelled articles, TF Serving v1 REST) arrives, verify gates it, one URL swaps it in.',
  contract: 'contracts/news-signals.contract.yaml',
  tests: 'examples/news-signals/service',
  urlVariable: 'NEWS_MODEL_URL',
  verifyArgs: ['--cases', '60'],
  brokenFails: ['conformance'],
  after: swapService('service', ['examples/news-signals/service/main.ts', '--limit', '40']),
})
