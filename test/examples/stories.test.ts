/**
 * The four example stories end to end, as CI runs them: the good model passes verify and the
 * runner exits 0; the broken model fails verify and the runner still exits 0 (verify did its job).
 * One table, one test body: a new story is one more row.
 */
import { expect, it } from 'vitest'
import { reportsExist, spawnStory } from './spawn-story.js'

const stories = ['transaction-categorizer', 'ticket-router', 'fuel-consumption', 'news-signals']

const runs = stories.flatMap((story) => [
  {
    title: `runs the ${story} story: service tests on the stand-in, the real model verified, reports written`,
    story,
    args: [],
    says: 'story passed',
    reports: 'verify' as const,
  },
  {
    title: `shows verify failing the broken ${story} model, and the runner accepting that`,
    story,
    args: ['--broken'],
    says: 'verify failed the broken model, as it should',
    reports: 'verify-broken' as const,
  },
])

it.each(runs)(
  '$title',
  async ({ story, args, says, reports }) => {
    const run = await spawnStory(story, args)
    expect(run.output).toContain(says)
    expect(run.code, run.output).toBe(0)
    expect(reportsExist(story, reports)).toBe(true)
  },
  180_000,
)
