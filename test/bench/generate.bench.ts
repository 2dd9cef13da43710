/**
 * The generator beside its two peers, in the same run, on three ML output schemas: a 12-class
 * classifier with scores and a uuid, a batch regression with 1-64 intervals, and an NER list with
 * nested $refs and a oneOf.
 * - json-schema-faker 0.6 (its sync generator, a fresh seed per sample), which walks the schema on
 *   every call;
 * - the ceiling: hand-written @faker-js/faker code for each schema (`hand-written-faker.ts`),
 *   which knows the schema and checks nothing.
 * Prints samples per second of CPU time (drawing only: validity is checked on 200 further
 * samples, outside the timed loop), the share of samples ajv accepts, the mean JSON size, and both ratios. standin
 * compiles each schema once (compile time shown apart).
 *
 * standin is measured as users run it: the built package (dist/, `npm run bench` builds first).
 * Loaded from src/ through tsx (`--src`), every call into another module goes through the getter
 * of tsx's CommonJS transform, which cost standin about a third of its rate; the ceiling's hot
 * path calls no imported binding.
 *
 * Run: npm run build && node --import tsx test/bench/generate.bench.ts [--quick] [--src]
 */
import { existsSync } from 'node:fs'
import { generateSync } from 'json-schema-faker'
import { createAjv } from '../../src/contract/index.js'
import { classifier, ner, regression } from './generate-schemas.js'
import type * as GenerateModuleType from '../../src/generate/index.js'
import {
  handWrittenClassifier,
  handWrittenNer,
  handWrittenRegression,
} from './hand-written-faker.js'
import type { HandWritten } from './hand-written-faker.js'

const quick = process.argv.includes('--quick')
type GenerateModule = typeof GenerateModuleType
const fromSrc = process.argv.includes('--src')
const built = new URL('../../dist/src/generate/index.js', import.meta.url)
if (!fromSrc && !existsSync(built)) {
  console.error('dist/ is missing: run npm run build first (or pass --src to measure src/ via tsx)')
  process.exit(2)
}
const { compileGenerator, createRng } = (await import(
  fromSrc ? '../../src/generate/index.js' : built.href
)) as GenerateModule
const budgetMs = quick ? 400 : 2000

interface Measured {
  /** Samples per second. */
  readonly rate: number
  /** Share of samples ajv accepts. */
  readonly valid: number
  /** Mean JSON size of a sample, to show both sides make values of the same size. */
  readonly bytes: number
  /** Milliseconds ajv takes to check one of the side's samples (as a user checking each would). */
  readonly checkMs: number
}

/**
 * Milliseconds of CPU this process has used. The machine may be shared: wall time would count
 * the moments another process held the core, CPU time counts only this one's work.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/** Draws for `budgetMs` of CPU (timed), then checks 200 more samples with ajv and sizes them. */
function measure(draw: (i: number) => unknown, validate: (v: unknown) => boolean): Measured {
  for (let i = 0; i < 50; i++) draw(-1 - i) // warm-up
  let n = 0
  let sink = 0
  const start = cpuMs()
  while (cpuMs() - start < budgetMs) {
    for (let k = 0; k < 50; k++, n++) if (draw(n) !== undefined) sink++
  }
  const rate = n / ((cpuMs() - start) / 1000)
  const samples = Array.from({ length: 200 }, (_, i) => draw(i))
  const checking = cpuMs()
  const valid = samples.filter((value) => validate(value)).length
  const checkMs = (cpuMs() - checking) / samples.length
  const bytes = samples.reduce<number>((n, value) => n + JSON.stringify(value).length, 0)
  if (sink < 0) console.log(sink) // keeps the draws observable
  return { rate, valid: valid / 200, bytes: bytes / 200, checkMs }
}

/** Samples per second when each sample is also checked by ajv. */
const withCheck = (m: Measured): number => 1000 / (1000 / m.rate + m.checkMs)

/** The three sides, measured in turns (standin, jsf, hand-written) so each sees the same moments. */
const rounds = quick ? 1 : 3
const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN
const rows: {
  name: string
  compileMs: number
  standin: Measured
  jsf: Measured
  hand: Measured
  /** standin / hand-written, median of the round-by-round ratios. */
  ceiling: number
  /** The same when each side's samples are also checked by ajv (as the issue measured). */
  checkedCeiling: number
}[] = []
for (const [name, schema, handWritten] of [
  ['classifier (12 classes, scores, uuid)', classifier, handWrittenClassifier],
  ['batch regression (1-64 intervals)', regression, handWrittenRegression],
  ['NER (nested $ref, oneOf)', ner, handWrittenNer],
] as const) {
  const validate = createAjv('2020-12').compile(schema)
  const check = (v: unknown): boolean => validate(v)
  const t = performance.now()
  const generate = compileGenerator(schema)
  const compileMs = performance.now() - t
  const rng = createRng(1)
  const hand: HandWritten = handWritten(1)
  const sides: { standin: Measured[]; jsf: Measured[]; hand: Measured[] } = {
    standin: [],
    jsf: [],
    hand: [],
  }
  for (let round = 0; round < rounds; round++) {
    sides.standin.push(measure(() => generate(rng), check))
    sides.jsf.push(measure((i) => generateSync(schema, { seed: i + 1000 }), check))
    sides.hand.push(measure(() => hand(), check))
  }
  const pick = (list: Measured[]): Measured => {
    const rate = median(list.map((m) => m.rate))
    return list.find((m) => m.rate === rate) ?? (list[0] as Measured)
  }
  rows.push({
    name,
    compileMs,
    standin: pick(sides.standin),
    jsf: pick(sides.jsf),
    hand: pick(sides.hand),
    ceiling: median(sides.standin.map((m, i) => m.rate / (sides.hand[i]?.rate ?? Number.NaN))),
    checkedCeiling: median(
      sides.standin.map((m, i) => withCheck(m) / withCheck(sides.hand[i] ?? m)),
    ),
  })
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`
const rate = (x: number): string => Math.round(x).toLocaleString('en-US')
const header = [
  'schema',
  'standin samples/s',
  'valid',
  'bytes',
  'compile',
  'json-schema-faker samples/s',
  'valid',
  'bytes',
  'ratio',
  'hand-written faker samples/s',
  'valid',
  'bytes',
  'of ceiling',
  'checked',
]
const table = rows.map((r) => [
  r.name,
  rate(r.standin.rate),
  pct(r.standin.valid),
  r.standin.bytes.toFixed(0),
  `${r.compileMs.toFixed(0)} ms`,
  rate(r.jsf.rate),
  pct(r.jsf.valid),
  r.jsf.bytes.toFixed(0),
  `${(r.standin.rate / r.jsf.rate).toFixed(1)}x`,
  rate(r.hand.rate),
  pct(r.hand.valid),
  r.hand.bytes.toFixed(0),
  r.ceiling.toFixed(2),
  r.checkedCeiling.toFixed(2),
])
const widths = header.map((h, i) =>
  Math.max(h.length, ...table.map((row) => (row[i] ?? '').length)),
)
const line = (cells: readonly string[]): string =>
  `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`
console.log(line(header))
console.log(
  `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
)
for (const row of table) console.log(line(row))
console.log(
  `(${quick ? 'quick' : 'full'} run, standin from ${fromSrc ? 'src/ via tsx' : 'dist/'}: ${budgetMs} ms of CPU time per cell, ${rounds} interleaved round(s), median; bytes = mean JSON size of a sample; validity by ajv with standin's settings, on 200 samples outside the timed loop; "of ceiling" = standin / hand-written faker, median of the round-by-round ratios, target >= 0.8; "checked": the same ratio when every sample of both sides is also checked by ajv, as a user checking each value would, and as the issue measured)`,
)
const met = rows.every((r) => r.ceiling >= 0.8)
console.log(`target (>= 0.8 of hand-written faker on every schema): ${met ? 'met' : 'NOT met'}`)
if (rows.some((r) => r.standin.valid < 1 || r.hand.valid < 1)) process.exitCode = 1
