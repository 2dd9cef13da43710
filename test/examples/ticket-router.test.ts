/**
 * The ticket-router story end to end, as CI runs it: the good model passes verify and the runner exits
 * 0; the broken model fails verify and the runner still exits 0 (verify did its job).
 */
import { expect, it } from 'vitest'
import { reportsExist, spawnStory } from './spawn-story.js'

it('runs the ticket-router story: service tests on the stand-in, the real model verified, reports written', async () => {
  const run = await spawnStory('ticket-router')
  expect(run.output).toContain('story passed')
  expect(run.code, run.output).toBe(0)
  expect(reportsExist('ticket-router', 'verify')).toBe(true)
}, 180_000)

it('shows verify failing the broken ticket-router model, and the runner accepting that', async () => {
  const run = await spawnStory('ticket-router', ['--broken'])
  expect(run.output).toContain('verify failed the broken model, as it should')
  expect(run.code, run.output).toBe(0)
  expect(reportsExist('ticket-router', 'verify-broken')).toBe(true)
}, 180_000)
