import fc from 'fast-check'
import { expect, it } from 'vitest'
import { nestingScan } from '../../src/json/index.js'
import { checkLimits, defaultBodyLimits } from '../../src/serve/check-limits.js'
import { eachRecord, sliceMs, sliceSize } from '../../src/serve/each-record.js'
import { parseJsonBody, scanSlice } from '../../src/serve/parse-json-body.js'

/** Counts turns of the event loop (setImmediate, as the slices use) until `done` settles. */
async function turnsDuring<T>(
  start: (turns: number[]) => Promise<T> | T,
): Promise<{ value: T; turns: number[] }> {
  const turns: number[] = [0]
  let on = true
  const beat = (): void => {
    turns.push(0)
    if (on) setImmediate(beat)
  }
  setImmediate(beat)
  const value = await start(turns)
  on = false
  return { value, turns }
}

const batch = (n: number): string => `{"records":[${Array(n).fill('{"a":1}').join(',')}]}`

it('a body within one slice is parsed at once; a larger one between turns of the event loop, to the same value', async () => {
  expect(parseJsonBody('{"a":[1,2]}', 64, defaultBodyLimits)).toEqual({
    ok: true,
    value: { a: [1, 2] },
  })
  const text = batch(20_000)
  expect(text.length).toBeGreaterThan(scanSlice)
  const parsed = parseJsonBody(text, 64, defaultBodyLimits)
  expect(parsed).toBeInstanceOf(Promise)
  const { value, turns } = await turnsDuring(() => parsed)
  expect(value).toEqual({ ok: true, value: JSON.parse(text) as unknown })
  // Two scans of three slices each (two turns inside each), a turn, then the parse.
  expect(turns.length).toBeGreaterThanOrEqual(2 * (Math.ceil(text.length / scanSlice) - 1))
})

it('a large body gets the same refusals as a small one: too deep, over a limit in a later slice, not JSON', async () => {
  const pad = ' '.repeat(scanSlice * 2)
  expect(await parseJsonBody(`${pad}${'['.repeat(70)}${']'.repeat(70)}`, 64)).toMatchObject({
    ok: false,
    type: 'too-deep',
    detail: 'The body nests deeper than 64 levels.',
  })
  const wide = `${pad}{${Array.from({ length: 1001 }, (_, i) => `"k${i}":1`).join(',')}}`
  expect(await parseJsonBody(wide, 64, defaultBodyLimits)).toEqual({
    ok: false,
    type: 'over-limit',
    problem: {
      code: 'request.too-many-keys',
      severity: 'error',
      pointer: '',
      message: 'the object has more than 1000 keys (the limit)',
    },
  })
  expect(await parseJsonBody(`${batch(20_000)},`, 64, defaultBodyLimits)).toMatchObject({
    ok: false,
    type: 'malformed-json',
    detail: 'The body is not valid JSON.',
  })
})

it('per-record work: a slice ends at its record count or when it has taken its time, and the loop turns between slices', async () => {
  const seen: number[] = []
  expect(eachRecord(sliceSize, (i) => void seen.push(i))).toBeUndefined()
  expect(seen).toHaveLength(sliceSize)

  // Slow records, 1 ms each: a slice ends once it has taken sliceMs (the clock is read every 8).
  let count = 0
  const { turns } = await turnsDuring((turns) =>
    eachRecord(sliceSize + 200, () => {
      const until = performance.now() + 1
      while (performance.now() < until);
      count++
      turns[turns.length - 1] = (turns[turns.length - 1] ?? 0) + 1
      return undefined
    }),
  )
  expect(count).toBe(sliceSize + 200)
  expect(sliceMs).toBeLessThan(8)
  expect(Math.max(...turns)).toBe(8)
})

it('the shortcuts for everyday bodies (few brackets, text too short to break a limit) give the full scans’ verdict for any body', () => {
  const seed = Number(process.env.STANDIN_PROPERTY_SEED ?? Date.now() % 2147483647)
  console.log(`property seed: ${seed} (replay with STANDIN_PROPERTY_SEED=${seed})`)
  // Small limits, so short generated bodies reach them; brackets inside strings included.
  const limits = { maxKeys: 3, maxItems: 4, maxStringLength: 5 }
  const maxDepth = 3
  const json = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom('{', '[[', 'a"b', 'plain', '', '\\'),
      fc.integer(),
      fc.array(tie('value'), { maxLength: 6 }),
      fc.dictionary(fc.constantFrom('k', '{', '[x', 'long key'), tie('value'), { maxKeys: 5 }),
    ),
  })).value
  fc.assert(
    fc.property(json, (value) => {
      const text = JSON.stringify(value)
      const full = nestingScan(text, maxDepth)(Infinity)
        ? 'too-deep'
        : (checkLimits(text, limits)?.code ?? 'ok')
      const parsed = parseJsonBody(text, maxDepth, limits)
      if (parsed instanceof Promise) throw new Error('a short body was parsed in slices')
      const verdict = parsed.ok
        ? 'ok'
        : parsed.type === 'over-limit'
          ? parsed.problem.code
          : parsed.type
      expect(verdict).toBe(full)
    }),
    { numRuns: 3000, seed },
  )
})
