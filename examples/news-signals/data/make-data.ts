/**
 * Writes `articles.jsonl`: market-news items labelled by the quant-research desk with the entities
 * they mention (text, type, ticker), the sentiment (-1..1) and the event type. Companies are
 * fictional; indices, commodities, currencies and central bankers are the usual suspects. Run once
 * (`node --import tsx examples/news-signals/data/make-data.ts`); the file is committed and the
 * model trains from it. Seeded, so the file is byte-stable.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { seededRandom } from '../../shared/rng.js'

interface Entity {
  readonly text: string
  readonly type: 'company' | 'person' | 'index' | 'commodity' | 'currency' | 'country'
  readonly ticker?: string
}

const companies: Entity[] = [
  ['Acme Corp', 'ACME'],
  ['Globex', 'GBX'],
  ['Initech', 'INIT'],
  ['Umbrella Corp', 'UMBR'],
  ['Stark Industries', 'STRK'],
  ['Wayne Enterprises', 'WAYN'],
  ['Hooli', 'HOOL'],
  ['Vandelay Industries', 'VDLY'],
  ['Soylent Corp', 'SOYL'],
  ['Tyrell Corp', 'TYRL'],
  ['Cyberdyne Systems', 'CYDN'],
  ['Wonka Industries', 'WONK'],
  ['Massive Dynamic', 'MSVD'],
  ['Aperture Science', 'APSC'],
  ['Oscorp', 'OSCP'],
  ['Pied Piper', 'PIPR'],
  ['Nakatomi Trading', 'NKTM.T'],
  ['Roxxon Energy', 'ROXX'],
].map(([text, ticker]) => ({ text: text!, type: 'company' as const, ticker: ticker! }))
const banks = ['Goldman Sachs', 'Morgan Stanley', 'JPMorgan', 'Barclays', 'UBS', 'Deutsche Bank']
const products = [
  'its new battery plant',
  'the merger',
  'its cloud platform',
  'the weight-loss drug',
  'the pipeline expansion',
]
const cities = ['Austin', 'Frankfurt', 'Singapore', 'Dublin', 'Toronto']

type Event =
  'earnings' | 'guidance' | 'm_and_a' | 'rating_change' | 'regulatory' | 'macro' | 'other'
interface Template {
  readonly event: Event
  readonly sentiment: number
  readonly headline: string
  /** Entities a macro headline mentions besides companies. */
  readonly extra?: readonly Entity[]
}

const templates: Template[] = [
  {
    event: 'earnings',
    sentiment: 0.8,
    headline: '{co} beats Q{q} estimates, raises full-year guidance',
  },
  { event: 'earnings', sentiment: 0.8, headline: '{co} posts record quarterly profit' },
  {
    event: 'earnings',
    sentiment: 0.6,
    headline: '{co} quarterly revenue tops forecasts on strong demand',
  },
  {
    event: 'earnings',
    sentiment: -0.7,
    headline: '{co} misses Q{q} profit forecast as costs climb',
  },
  { event: 'earnings', sentiment: -0.8, headline: '{co} swings to surprise loss, shares tumble' },
  { event: 'earnings', sentiment: 0.05, headline: '{co} Q{q} results in line with expectations' },
  { event: 'guidance', sentiment: -0.7, headline: '{co} cuts full-year outlook on weak demand' },
  { event: 'guidance', sentiment: 0.6, headline: '{co} raises annual sales guidance' },
  { event: 'guidance', sentiment: 0.1, headline: '{co} reaffirms annual forecast' },
  { event: 'guidance', sentiment: -0.5, headline: '{co} warns of slower growth next year' },
  { event: 'm_and_a', sentiment: 0.4, headline: '{co} to acquire {co2} for ${n} billion' },
  { event: 'm_and_a', sentiment: 0.3, headline: '{co} agrees to buy {co2} in all-stock deal' },
  { event: 'm_and_a', sentiment: -0.4, headline: '{co} abandons takeover bid for {co2}' },
  { event: 'm_and_a', sentiment: 0.1, headline: '{co} explores sale of its logistics unit' },
  { event: 'rating_change', sentiment: 0.6, headline: '{bank} upgrades {co} to buy' },
  { event: 'rating_change', sentiment: -0.6, headline: '{co} downgraded to sell at {bank}' },
  { event: 'rating_change', sentiment: -0.7, headline: "Moody's cuts {co} credit rating to junk" },
  { event: 'rating_change', sentiment: 0.5, headline: '{bank} raises {co} price target' },
  {
    event: 'regulatory',
    sentiment: -0.6,
    headline: 'EU fines {co} {n}00 million euros over antitrust breach',
  },
  { event: 'regulatory', sentiment: -0.8, headline: 'SEC opens probe into {co} accounting' },
  { event: 'regulatory', sentiment: 0.6, headline: '{co} wins regulatory approval for {product}' },
  {
    event: 'regulatory',
    sentiment: -0.5,
    headline: 'Regulators block {co} deal on competition concerns',
  },
  { event: 'macro', sentiment: 0, headline: 'Fed cuts rates by 25 basis points, as expected' },
  { event: 'macro', sentiment: 0, headline: 'Fed holds rates steady, signals patience' },
  {
    event: 'macro',
    sentiment: 0.4,
    headline: 'US inflation cools more than expected',
    extra: [{ text: 'US', type: 'country' }],
  },
  {
    event: 'macro',
    sentiment: -0.5,
    headline: 'China factory activity contracts for third month',
    extra: [{ text: 'China', type: 'country' }],
  },
  {
    event: 'macro',
    sentiment: -0.3,
    headline: 'ECB raises rates to record high, Lagarde says more may come',
    extra: [{ text: 'Lagarde', type: 'person' }],
  },
  {
    event: 'macro',
    sentiment: 0.3,
    headline: 'Gold hits record high as dollar weakens',
    extra: [
      { text: 'Gold', type: 'commodity' },
      { text: 'dollar', type: 'currency' },
    ],
  },
  {
    event: 'macro',
    sentiment: -0.4,
    headline: 'Euro slides after weak German factory data',
    extra: [
      { text: 'Euro', type: 'currency' },
      { text: 'German', type: 'country' },
    ],
  },
  {
    event: 'macro',
    sentiment: 0.2,
    headline: 'Brent crude rises as OPEC+ extends output cuts',
    extra: [{ text: 'Brent crude', type: 'commodity' }],
  },
  {
    event: 'macro',
    sentiment: 0.5,
    headline: 'S&P 500 closes at record high on rate-cut hopes',
    extra: [{ text: 'S&P 500', type: 'index', ticker: 'SPX' }],
  },
  {
    event: 'macro',
    sentiment: -0.6,
    headline: 'Nasdaq slumps as tech selloff deepens',
    extra: [{ text: 'Nasdaq', type: 'index', ticker: 'IXIC' }],
  },
  { event: 'other', sentiment: 0.05, headline: '{co} names new chief executive' },
  { event: 'other', sentiment: 0.2, headline: '{co} to open new headquarters in {city}' },
  { event: 'other', sentiment: -0.5, headline: '{co} recalls 50,000 vehicles over brake fault' },
  { event: 'other', sentiment: -0.2, headline: '{co} chief executive to step down' },
  { event: 'other', sentiment: 0, headline: '{co} shares halted pending news' },
]
const sources = [
  'reuters',
  'bloomberg',
  'dow_jones',
  'pr_newswire',
  'business_wire',
  'company_filing',
] as const

const rng = seededRandom(3110)
const lines: string[] = []
for (let i = 0; i < 420; i++) {
  const template = templates[i % templates.length]!
  const co = rng.pick(companies)
  let co2 = rng.pick(companies)
  while (co2 === co) co2 = rng.pick(companies)
  const headline = template.headline
    .replace('{co}', co.text)
    .replace('{co2}', co2.text)
    .replace('{q}', String(rng.int(1, 4)))
    .replace('{n}', String(rng.int(2, 40)))
    .replace('{bank}', rng.pick(banks))
    .replace('{product}', rng.pick(products))
    .replace('{city}', rng.pick(cities))
  const entities: Entity[] = []
  if (template.headline.includes('{co}')) entities.push(co)
  if (template.headline.includes('{co2}')) entities.push(co2)
  entities.push(...(template.extra ?? []))
  const sentiment = Math.max(-1, Math.min(1, template.sentiment + rng.normal(0, 0.08)))
  const withBody = template.headline.includes('{co}') && rng.next() < 0.6
  const weekday = rng.pick(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])
  const body = withBody
    ? `${headline}. ${co.text} (${co.ticker!}) made the announcement on ${weekday}; the shares moved in early trading.`
    : undefined
  const day = String(1 + (i % 28)).padStart(2, '0')
  lines.push(
    JSON.stringify({
      article_id: `${rng.pick(['rtr', 'bbg', 'djn', 'prn'])}-202410${day}-${String(i).padStart(4, '0')}`,
      headline,
      ...(body ? { body } : {}),
      source: rng.pick(sources),
      published_at: `2024-10-${day}T${String(rng.int(6, 20)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00Z`,
      language: 'en',
      label: { entities, sentiment: Math.round(sentiment * 100) / 100, event_type: template.event },
    }),
  )
}
const out = fileURLToPath(new URL('./articles.jsonl', import.meta.url))
writeFileSync(out, lines.join('\n') + '\n')
console.log(`wrote ${lines.length} labelled articles to ${out}`)
