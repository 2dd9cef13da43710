/**
 * The signals service's tests against the stand-in over real HTTP (node:http, what
 * `standin serve` runs). The story's runner serves it with `standin serve` and passes its address
 * in NEWS_MODEL_URL; run alone, the test starts the same server in-process.
 */
import { readFileSync } from 'node:fs'
import { loadContract, startServer, type StandinServer } from 'standin'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { NewsArticle } from './news-model-client.js'
import { processFeed, toTradingSignals } from './signal-feed.js'

const contract = await loadContract(
  new URL('../../../contracts/news-signals.contract.yaml', import.meta.url).pathname,
)
let server: StandinServer | undefined
let baseUrl = process.env.NEWS_MODEL_URL ?? ''

beforeAll(async () => {
  if (baseUrl) return
  server = await startServer([contract], { port: 0, seed: 7, latency: 0 })
  baseUrl = server.url
})
afterAll(() => server?.close())

const feed: NewsArticle[] = readFileSync(new URL('../data/articles.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(0, 25)
  .map((line) => {
    const { label: _label, ...article } = JSON.parse(line) as NewsArticle & { label: unknown }
    return article
  })
const earnings = contract.examples.find((e) => e.name === 'earnings beat')!.input as NewsArticle

it('turns the earnings beat into a long ACME signal', async () => {
  const result = await processFeed([earnings], { baseUrl })
  expect(result.signals).toEqual([
    {
      ticker: 'ACME',
      side: 'long',
      strength: 0.76,
      articleId: 'rtr-20241031-acme-q3',
      event: 'earnings',
    },
  ])
})

it('scores a whole feed in batches and every signal points at a feed article', async () => {
  const result = await processFeed(feed, { baseUrl, batchSize: 10 })
  expect(result).toMatchObject({ scored: 25, deadLetter: [] })
  const ids = new Set(feed.map((a) => a.article_id))
  for (const s of result.signals) {
    expect(ids.has(s.articleId)).toBe(true)
    expect(s.ticker).toMatch(/^[A-Z]{1,5}(\.[A-Z]{1,2})?$/)
    expect(s.strength).toBeGreaterThanOrEqual(0.35)
  }
})

it('dead-letters a batch the model fails on and keeps the feed moving', async () => {
  const result = await processFeed(feed.slice(0, 4), {
    baseUrl,
    batchSize: 2,
    headers: { 'x-standin-scenario': 'error' },
  })
  expect(result).toEqual({
    signals: [],
    scored: 0,
    deadLetter: feed.slice(0, 4).map((a) => a.article_id),
  })
})

it('dead-letters a batch when the model is slower than the timeout', async () => {
  const result = await processFeed(feed.slice(0, 1), {
    baseUrl,
    timeoutMs: 200,
    headers: { 'x-standin-scenario': 'slow' },
  })
  expect(result.deadLetter).toEqual([feed[0]!.article_id])
})

it('trades only on central company mentions with a strong sentiment', () => {
  const signals = toTradingSignals({
    article_id: 'a1b2c3d4e5',
    sentiment: -0.7,
    sentiment_label: 'negative',
    event_type: 'regulatory',
    entities: [
      { text: 'Hooli', type: 'company', ticker: 'HOOL', relevance: 0.95, sentiment: -0.7 },
      { text: 'Globex', type: 'company', ticker: 'GBX', relevance: 0.4, sentiment: -0.9 },
      { text: 'Gold', type: 'commodity', relevance: 0.9, sentiment: 0.8 },
      { text: 'Initech', type: 'company', ticker: 'INIT', relevance: 0.8, sentiment: 0.2 },
    ],
  })
  expect(signals).toEqual([
    {
      ticker: 'HOOL',
      side: 'short',
      strength: 0.665,
      articleId: 'a1b2c3d4e5',
      event: 'regulatory',
    },
  ])
})
