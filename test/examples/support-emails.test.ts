/**
 * The support-emails story end to end, as CI runs it: the service's tests pass on the stand-in
 * (the official openai client, streaming), the local OpenAI-compatible model passes verify and
 * the runner exits 0; the broken model (JSON in a markdown fence) fails verify on conformance and
 * streaming, and the runner still exits 0 (verify did its job).
 */
import { expect, it } from 'vitest'
import { reportsExist, spawnStory } from './spawn-story.js'

it('runs the support-emails story: service tests on the stand-in, the local LLM server verified, reports written', async () => {
  const run = await spawnStory('support-emails')
  expect(run.output).toContain('story passed')
  expect(run.code, run.output).toBe(0)
  expect(reportsExist('support-emails', 'verify')).toBe(true)
}, 180_000)

it('shows verify failing the broken support-emails model, and the runner accepting that', async () => {
  const run = await spawnStory('support-emails', ['--broken'])
  expect(run.output).toContain('verify failed the broken model, as it should')
  expect(run.code, run.output).toBe(0)
  expect(reportsExist('support-emails', 'verify-broken')).toBe(true)
}, 180_000)
