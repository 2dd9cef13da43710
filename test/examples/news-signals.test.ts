/**
 * The news-signals story end to end, as CI runs it: the good model passes verify and the runner exits
 * 0; the broken model fails verify and the runner still exits 0 (verify did its job).
 */
import { expect, it } from 'vitest'
import { reportsExist, spawnStory } from './spawn-story.js'

it('runs the news-signals story: service tests on the stand-in, the real model verified, reports written', async () => {
  const run = await spawnStory('news-signals')
  expect(run.output).toContain('story passed')
  expect(run.code, run.output).toBe(0)
  expect(reportsExist('news-signals', 'verify')).toBe(true)
}, 180_000)

it('shows verify failing the broken news-signals model, and the runner accepting that', async () => {
  const run = await spawnStory('news-signals', ['--broken'])
  expect(run.output).toContain('verify failed the broken model, as it should')
  expect(run.code, run.output).toBe(0)
  expect(reportsExist('news-signals', 'verify-broken')).toBe(true)
}, 180_000)
