/**
 * Realistic strings from @faker-js/faker: an `x-standin: { faker }` hint, or the property's name
 * (`email`, `city`, `currency`, `created_at`, `description`...). One Faker instance per compiled
 * generator, reseeded from the draw's rng before each use: no global faker state.
 */
import { faker as englishFaker } from '@faker-js/faker/locale/en'
import type { Faker } from '@faker-js/faker'
import type { Rng } from './rng.js'

type FakerClass = new (options: {
  locale: Faker['rawDefinitions']
  randomizer: { next(): number; seed(seed: number | number[]): void }
}) => Faker

/** Property-name heuristics, first match wins: [test on the normalised name, faker path]. */
const BY_NAME: readonly [RegExp, string][] = [
  [/e_?mail/, 'internet.email'],
  [/(^|_)(first_?name|given_?name)$/, 'person.firstName'],
  [/(^|_)(last_?name|surname|family_?name)$/, 'person.lastName'],
  [/(^|_)(full_?name|customer_?name|user_?name|author|person|owner)$/, 'person.fullName'],
  [/(^|_)(username|login|handle)$/, 'internet.username'],
  [/(^|_)city$/, 'location.city'],
  [/(^|_)country$/, 'location.country'],
  [/(^|_)country_?code$/, 'location.countryCode'],
  [/(^|_)(street|address)/, 'location.streetAddress'],
  [/(^|_)(zip|postcode|postal_?code)/, 'location.zipCode'],
  [/(^|_)state$/, 'location.state'],
  [/(^|_)currency(_?code)?$/, 'finance.currencyCode'],
  [/(^|_)iban$/, 'finance.iban'],
  [/(^|_)(account_?name)$/, 'finance.accountName'],
  [/(^|_)(company|organisation|organization|merchant|employer|vendor)(_?name)?$/, 'company.name'],
  [/(^|_)(phone|mobile|tel)/, 'phone.number'],
  [/(^|_)(url|website|homepage|link)$/, 'internet.url'],
  [/(^|_)(ip|ip_?address)$/, 'internet.ipv4'],
  [/(^|_)(color|colour)$/, 'color.human'],
  [/(^|_)(job|title|headline|subject)$/, 'lorem.sentence'],
  [
    /(^|_)(description|summary|comment|notes?|body|text|message|narration|content|review)$/,
    'lorem.sentence',
  ],
  [/(^|_)(word|tag|keyword|label)$/, 'lorem.word'],
  [/(^|_)(product|item)(_?name)?$/, 'commerce.productName'],
  [/(^|_)(department|category)$/, 'commerce.department'],
  [/(^|_)(language|locale)$/, 'location.language'],
  [/(^|_)(created|updated|deleted|modified)(_?(at|on|time))?$|_at$|timestamp/, 'date.recent'],
]

/** The faker path a property name suggests, if any. */
export function fakerPathForName(name: string | undefined): string | undefined {
  if (!name) return undefined
  const normal = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
  for (const [test, path] of BY_NAME) if (test.test(normal)) return path
  return undefined
}

/** Calls faker methods by path with a seed from the draw's rng. */
export interface FakeText {
  /**
   * The string faker's `path` method gives, called with `args` (a faker hint's `args`, checked
   * by lint: the method takes them and gives a string); undefined when it gives no string.
   */
  text(path: string, rng: Rng, args?: readonly unknown[]): string | undefined
  /** `text` with the path and args given once (the lorem methods without a lookup per call). */
  method(path: string, args?: readonly unknown[]): (rng: Rng) => string | undefined
}

/**
 * A lazily created, per-generator faker whose randomizer reads the rng of the draw in progress
 * (faker's documented `randomizer` option), so a call costs no reseeding and shares no state
 * with any other generator.
 */
export function createFakeText(): FakeText {
  let instance: Faker | undefined
  let current: Rng | undefined
  const randomizer = {
    next: (): number => (current ? current.next() : 0),
    seed: (): void => undefined,
  }
  return {
    method(path, args) {
      if (args === undefined && path === 'lorem.sentence') return loremSentence
      if (args === undefined && path === 'lorem.word') return loremWord
      return (rng) => this.text(path, rng, args)
    },
    text(path, rng, args) {
      // The two lorem methods standin picks by property name, drawn as faker draws them.
      if (args === undefined && (path === 'lorem.sentence' || path === 'lorem.word'))
        return path === 'lorem.word' ? loremWord(rng) : loremSentence(rng)
      instance ??= new (englishFaker.constructor as FakerClass)({
        locale: englishFaker.rawDefinitions,
        randomizer,
      })
      const [module, method] = path.split('.')
      const group = (instance as unknown as Record<string, Record<string, unknown>>)[module ?? '']
      const fn = group?.[method ?? '']
      if (typeof fn !== 'function') return undefined
      current = rng
      try {
        // A copy per call: the contract's args are frozen, and a method may sort or fill them.
        const value: unknown = (fn as (...a: unknown[]) => unknown).apply(
          group,
          args ? (structuredClone(args) as unknown[]) : [],
        )
        if (value instanceof Date) return value.toISOString()
        return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined
      } finally {
        current = undefined
      }
    },
  }
}

/** faker's English lorem words, and the same with their first letter upper-cased. */
interface LoremWords {
  readonly words: readonly string[]
  readonly capitalised: readonly string[]
}

/**
 * The lorem words (`faker.definitions.lorem.word`), read from faker on the first lorem draw, not
 * when this module loads: faker's English data is ~450 kB that a start without a lorem string
 * need not load (the CLI bundle keeps it in a file of its own, scripts/bundle-cli.mjs). A
 * constant once read.
 */
let lorem: LoremWords | undefined
function loremWords(): LoremWords {
  if (lorem) return lorem
  const words = englishFaker.rawDefinitions.lorem?.word ?? ['lorem']
  lorem = {
    words,
    capitalised: words.map((w) => `${w.charAt(0).toUpperCase()}${w.substring(1)}`),
  }
  return lorem
}

/**
 * faker's `number.int({ min, max })` for integer bounds, reading the rng as faker's randomizer:
 * one draw, `Math.floor(r * (max - min + 1) + min)`.
 */
function fakerInt(rng: Rng, min: number, max: number): number {
  return min === max ? min : Math.floor(rng.next() * (max - min + 1) + min)
}

/**
 * `faker.lorem.word()`: `helpers.arrayElement` of the word list, without the copy of the
 * 999-word list faker makes on every call (the same draw, the same word).
 */
function loremWord(rng: Rng): string {
  const { words } = lorem ?? loremWords()
  const n = words.length
  return words[n > 1 ? fakerInt(rng, 0, n - 1) : 0] as string
}

/** `faker.lorem.sentence()`: 3 to 10 words, capitalised, with a full stop (the same draws). */
function loremSentence(rng: Rng): string {
  const count = fakerInt(rng, 3, 10)
  const { capitalised } = lorem ?? loremWords()
  const n = capitalised.length
  let text = capitalised[n > 1 ? fakerInt(rng, 0, n - 1) : 0] as string
  for (let i = 1; i < count; i++) text += ` ${loremWord(rng)}`
  return `${text}.`
}
