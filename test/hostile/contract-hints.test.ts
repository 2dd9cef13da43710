/**
 * Hostile battery, faker hints (issue 11): a faker method that needs arguments is refused by lint
 * unless the hint gives them as `args`; with them, sample draws from it instead of crashing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { positionless, runBin } from '../helpers/run-cli.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'standin-hints-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const contract = (properties: string): string =>
  `contract: 1\nname: x\nversion: 1.0.0\ninput: { type: object, properties: { a: { type: string, description: A } }, additionalProperties: false }\noutput:\n  type: object\n  additionalProperties: false\n  properties:\n${properties}examples: [{ name: a, input: { a: x }, output: {} }]\n`

it.each([
  'helpers.arrayElement',
  'helpers.objectKey',
  'helpers.fromRegExp',
  'helpers.maybe',
  'helpers.shuffle',
  'helpers.fake',
  'string.fromCharacters',
  'date.between',
])('faker methods that need arguments: %s without args is a lint error', async (method) => {
  writeFileSync(
    join(dir, 'x.contract.yaml'),
    contract(`    v: { type: string, description: V, x-standin: { faker: ${method} } }\n`),
  )
  const run = await runBin(['lint', 'x.contract.yaml'], { cwd: dir })
  expect(run.code).toBe(1)
  expect(positionless(run.stdout)).toBe(
    `x.contract.yaml#/output/properties/v/x-standin/faker: faker method "${method}" needs arguments, and the hint gives none. Give them as args, for example { faker: ${method}, args: [[a, b, c]] } (see faker.js's documentation of ${method}).\n1 contract checked: 1 error.\n`,
  )
  const sample = await runBin(['sample', 'x.contract.yaml'], { cwd: dir })
  expect(sample.code).toBe(2)
  expect(sample.stderr).not.toContain('    at ')
})

it('faker args: methods given their args lint clean and sample from them', async () => {
  writeFileSync(
    join(dir, 'ok.contract.yaml'),
    contract(
      [
        '    colour: { type: string, description: C, x-standin: { faker: helpers.arrayElement, args: [[red, green, blue]] } }',
        '    code: { type: string, description: K, x-standin: { faker: string.fromCharacters, args: [abc, 8] } }',
        '    day: { type: string, description: D, x-standin: { faker: date.between, args: [{ from: "2020-01-01", to: "2020-12-31" }] } }',
        '',
      ].join('\n'),
    ),
  )
  const lint = await runBin(['lint', 'ok.contract.yaml'], { cwd: dir })
  expect(lint.stdout).toBe('1 contract checked: no problems.\n')
  const sample = await runBin(['sample', 'ok.contract.yaml', '--count', '20'], { cwd: dir })
  expect(sample.code).toBe(0)
  const values = sample.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { colour?: string; code?: string; day?: string })
  const seen = (key: 'colour' | 'code' | 'day') => values.flatMap((v) => v[key] ?? [])
  for (const key of ['colour', 'code', 'day'] as const) expect(seen(key).length).toBeGreaterThan(0)
  for (const colour of seen('colour')) expect(['red', 'green', 'blue']).toContain(colour)
  for (const code of seen('code')) expect(code).toMatch(/^[abc]{8}$/)
  for (const day of seen('day')) expect(day.startsWith('2020-')).toBe(true)
})

it('faker args: wrong, non-string and oversized args are lint errors by pointer', async () => {
  writeFileSync(
    join(dir, 'bad.contract.yaml'),
    contract(
      [
        '    many: { type: string, description: M, x-standin: { faker: helpers.arrayElements, args: [[a, b]] } }',
        '    huge: { type: string, description: H, x-standin: { faker: helpers.fake, args: ["{{string.alpha(100000000)}}"] } }',
        '    proto: { type: string, description: P, x-standin: { faker: person.hasOwnProperty } }',
        '',
      ].join('\n'),
    ),
  )
  const run = await runBin(['lint', 'bad.contract.yaml'], { cwd: dir })
  expect(positionless(run.stdout)).toBe(
    [
      'bad.contract.yaml#/output/properties/many/x-standin/args: faker method "helpers.arrayElements" gives an array, not a string. Use a faker method that gives a string (for one element of a list, helpers.arrayElement).',
      'bad.contract.yaml#/output/properties/huge/x-standin/args: args hold "100000000", above the 10000 standin lets faker draw. Keep every count and length in faker args at 10000 or below.',
      'bad.contract.yaml#/output/properties/proto/x-standin/faker: faker has no method "person.hasOwnProperty". Use a faker.js path such as person.fullName or finance.accountName.',
      '1 contract checked: 3 errors.',
      '',
    ].join('\n'),
  )
})
