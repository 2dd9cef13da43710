/**
 * The ticket-router story, unattended:
 *
 *   npm run build && node --import tsx examples/ticket-router/run.ts [--broken]
 */
import { runStory } from '../shared/run-story.js'

await runStory({
  name: 'ticket-router',
  title:
    'ticket-router: a help-desk router with retries, a timeout and a fallback queue, tested against\n' +
    'the stand-in (nock) with injected latency and errors; then the real router (logistic regression\n' +
    'and least squares on 366 tickets, KServe v2 Open Inference Protocol) verified before the swap.',
  contract: 'contracts/ticket-router.contract.yaml',
  tests: 'examples/ticket-router/service',
  verifyArgs: ['--cases', '80'],
  brokenFails: ['conformance'],
  after: async ({ broken, modelUrl, run }) => {
    if (broken) {
      console.log(
        '  the broken router failed verify: no stress test, the help desk stays on the stand-in',
      )
      return true
    }
    const code = await run('stress test at the promised rate and above', process.execPath, [
      '--import',
      'tsx',
      'examples/ticket-router/stress.ts',
      modelUrl,
      '--seconds',
      '6',
    ])
    return code === 0
  },
})
