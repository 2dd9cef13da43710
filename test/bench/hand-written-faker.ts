/**
 * The ceiling of the generator benchmark: what an engineer would write by hand with
 * @faker-js/faker for each of the three bench schemas, knowing the schema (no walking, no
 * checking). Seeded once per generator, one call per sample. Every value it makes is valid for
 * its schema (the bench checks a sample of them with ajv), and of about the same size as
 * standin's, so the two sides do the same work for the user.
 */
import { Faker, en } from '@faker-js/faker'

/** Draws one sample. */
export type HandWritten = () => unknown

/** The classifier's labels, shared with the generator bench's schema. */
export const CLASSES = [
  'groceries',
  'dining',
  'transport',
  'utilities',
  'rent',
  'income',
  'transfers',
  'shopping',
  'travel',
  'health',
  'education',
  'other',
] as const

function seeded(seed: number): Faker {
  const faker = new Faker({ locale: [en] })
  faker.seed(seed)
  return faker
}

/** A 12-class classifier output: scores summing to 1, the label their argmax. */
export function handWrittenClassifier(seed: number): HandWritten {
  const f = seeded(seed)
  return () => {
    const raw = CLASSES.map(() => f.number.float({ min: 0, max: 1 }))
    const sum = raw.reduce((a, b) => a + b, 0) || 1
    const scores: Record<string, number> = {}
    let best = 0
    CLASSES.forEach((c, i) => {
      const score = (raw[i] ?? 0) / sum
      scores[c] = score
      if (score > (raw[best] ?? 0) / sum) best = i
    })
    const out: Record<string, unknown> = {
      request_id: f.string.uuid(),
      label: CLASSES[best],
      confidence: f.number.float({ min: 0, max: 1 }),
      scores,
    }
    if (f.datatype.boolean())
      out.model_version = `v${f.number.int(99)}.${f.number.int(99)}.${f.number.int(99)}`
    return out
  }
}

/** A batch of 1-64 regression intervals, lower <= value. */
export function handWrittenRegression(seed: number): HandWritten {
  const f = seeded(seed)
  const interval = (): Record<string, unknown> => {
    const value = f.number.float({ min: 0, max: 20000 })
    const out: Record<string, unknown> = {
      lower: f.number.float({ min: 0, max: value }),
      value,
      upper: f.number.float({ min: 0, max: 20000 }),
      level: f.helpers.arrayElement([0.8, 0.9, 0.95]),
    }
    if (f.datatype.boolean()) out.unit = f.helpers.arrayElement(['t', 'kg'])
    return out
  }
  return () => {
    const out: Record<string, unknown> = {
      request_id: f.string.uuid(),
      predictions: Array.from({ length: f.number.int({ min: 1, max: 64 }) }, interval),
    }
    if (f.datatype.boolean()) out.computed_at = f.date.anytime().toISOString()
    return out
  }
}

/** An NER list: up to 20 entities, each with a span and a link that is null or a knowledge-base id. */
export function handWrittenNer(seed: number): HandWritten {
  const f = seeded(seed)
  const entity = (): Record<string, unknown> => ({
    text: f.lorem.words({ min: 1, max: 3 }).slice(0, 60),
    label: f.helpers.arrayElement(['PERSON', 'ORG', 'LOC', 'MONEY', 'DATE']),
    span: { start: f.number.int(5000), end: f.number.int(5000) },
    confidence: f.number.float({ min: 0, max: 1 }),
    link: f.datatype.boolean()
      ? null
      : {
          kb: f.helpers.arrayElement(['wikidata', 'gleif']),
          id: `Q${f.number.int({ min: 1, max: 9_999_999 })}`,
        },
  })
  return () => {
    const out: Record<string, unknown> = {
      doc_id: `doc-${f.string.hexadecimal({ length: 8, casing: 'lower', prefix: '' })}`,
      entities: Array.from({ length: f.number.int(20) }, entity),
    }
    if (f.datatype.boolean()) out.language = f.helpers.arrayElement(['en', 'de', 'fr'])
    return out
  }
}
