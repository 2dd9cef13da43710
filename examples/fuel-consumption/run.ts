/**
 * The fuel-consumption story, unattended:
 *
 *   npm run build && node --import tsx examples/fuel-consumption/run.ts [--broken]
 */
import { runStory } from '../shared/run-story.js'

await runStory({
  name: 'fuel-consumption',
  title:
    'fuel-consumption: a voyage planner smoke-tested on shipped voyage data against the stand-in\n' +
    '(express app from createMockApp, driven by supertest); then the real regression (600 voyage legs,\n' +
    'MLflow scoring protocol) verified, and the HTML report written for the marine superintendent.',
  contract: 'contracts/fuel-consumption.contract.yaml',
  tests: 'examples/fuel-consumption/service',
  verifyArgs: ['--cases', '80'],
  brokenFails: ['conformance', 'examples', 'directional: higher waves burn more fuel'],
})
