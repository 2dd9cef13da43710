/**
 * Runs the signals service once over the shipped feed and prints the desk's signals.
 *
 *   node --import tsx examples/news-signals/service/main.ts --model-url http://127.0.0.1:8501 [--limit 40]
 *
 * The model URL is the only setting: the stand-in today, the real model after the swap.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { NewsArticle } from './news-model-client.js'
import { processFeed } from './signal-feed.js'

const { values } = parseArgs({
  options: { 'model-url': { type: 'string' }, limit: { type: 'string', default: '40' } },
})
const modelUrl = values['model-url'] ?? process.env.NEWS_MODEL_URL
if (!modelUrl) {
  console.error('Give the model address: --model-url http://host:port (or NEWS_MODEL_URL).')
  process.exit(2)
}
const articles = readFileSync(new URL('../data/articles.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(0, Number(values.limit))
  .map((line) => {
    const { label: _label, ...article } = JSON.parse(line) as NewsArticle & { label: unknown }
    return article
  })
const result = await processFeed(articles, { baseUrl: modelUrl })
console.log(
  `model ${modelUrl}: ${result.scored} articles scored, ${result.deadLetter.length} dead-lettered, ${result.signals.length} signals`,
)
for (const s of result.signals.slice(0, 8)) {
  console.log(
    `  ${s.side.padEnd(5)} ${s.ticker.padEnd(7)} strength ${s.strength.toFixed(2)}  ${s.event.padEnd(13)} ${s.articleId}`,
  )
}
process.exit(result.deadLetter.length === 0 ? 0 : 1)
