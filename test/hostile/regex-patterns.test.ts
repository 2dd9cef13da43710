import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { createAjv, linearRegExp } from '../../src/contract/index.js'
import { toRe2 } from '../../src/contract/linear-regexp.js'
import { lintContracts } from '../../src/lint/index.js'
import { UnsatisfiableSchemaError, compileGenerator, createRng } from '../../src/generate/index.js'
import { positionless, runBin } from '../helpers/run-cli.js'

const suite = fileURLToPath(new URL('../fixtures/json-schema-test-suite/', import.meta.url))

it('runs every pattern of the JSON-Schema-Test-Suite in re2js with ECMA-262 u semantics (class: ReDoS in contracts)', () => {
  let compared = 0
  for (const file of [
    'draft2020-12/pattern.json',
    'draft2020-12/patternProperties.json',
    'draft2020-12/optional/ecmascript-regex.json',
    'draft2020-12/optional/non-bmp-regex.json',
    'draft7/optional/ecmascript-regex.json',
  ]) {
    const groups = JSON.parse(readFileSync(join(suite, file), 'utf8')) as {
      schema: unknown
      tests: { data: unknown }[]
    }[]
    for (const group of groups) {
      const patterns: string[] = []
      JSON.stringify(group.schema, (key, value: unknown) => {
        if (key === 'pattern' && typeof value === 'string') patterns.push(value)
        if (key === 'patternProperties' && value && typeof value === 'object')
          patterns.push(...Object.keys(value))
        return value
      })
      for (const pattern of patterns) {
        const translated = toRe2(pattern)
        expect(translated, pattern).toMatchObject({ ok: true })
        const linear = linearRegExp(pattern)
        const native = new RegExp(pattern, 'u')
        for (const { data } of group.tests) {
          const inputs =
            typeof data === 'string'
              ? [data]
              : data && typeof data === 'object'
                ? Object.keys(data)
                : []
          for (const input of inputs) {
            expect(linear.test(input), `${pattern} on ${JSON.stringify(input)}`).toBe(
              native.test(input),
            )
            compared++
          }
        }
      }
    }
  }
  expect(compared).toBeGreaterThan(100)
})

it('keeps ECMA-262 meanings RE2 spells differently: \\p{Letter}, \\s, ., \\u{…}, \\cX', () => {
  const cases: [string, string, boolean][] = [
    ['^\\p{Letter}+$', 'Ωmega', true],
    ['^\\p{Letter}+$', '123', false],
    ['^\\p{Script=Greek}$', 'λ', true],
    ['^\\s$', '\u00a0', true],
    ['^\\s$', '\ufeff', true],
    ['^.$', '\n', false],
    ['^.$', '\u2028', false],
    ['^.$', '😀', true],
    ['^\\u{1F600}$', '😀', true],
    ['^\\uD83D\\uDE00$', '😀', true],
    ['^\\cJ$', '\n', true],
    ['^[^]$', 'x', true],
    ['^a[]', 'a', false],
    ['^(?<word>ab)+$', 'abab', true],
  ]
  for (const [pattern, input, expected] of cases) {
    expect(new RegExp(pattern, 'u').test(input), `native ${pattern}`).toBe(expected)
    expect(linearRegExp(pattern).test(input), `re2js ${pattern}`).toBe(expected)
  }
})

it('keys each pattern by its own source in ajv, so one pattern never validates another field', () => {
  const validate = createAjv().compile({
    type: 'object',
    properties: { a: { type: 'string', pattern: '^a+$' }, b: { type: 'string', pattern: '^b+$' } },
  })
  expect(validate({ a: 'aa', b: 'bb' })).toBe(true)
  expect(validate({ a: 'aa', b: 'aa' })).toBe(false)
})

it('names what the linear engine cannot run', () => {
  expect(toRe2('^(a)\\1$')).toEqual({ ok: false, reason: 'a backreference (\\1)' })
  expect(toRe2('^(?<x>a)\\k<x>$')).toEqual({ ok: false, reason: 'a named backreference (\\k<…>)' })
  expect(toRe2('^a(?=b)')).toEqual({ ok: false, reason: 'a lookahead ((?= or (?!)' })
  expect(toRe2('(?<!a)b')).toEqual({ ok: false, reason: 'a lookbehind ((?<= or (?<!)' })
})

it('refuses the allOf of ^a{40,60}$ and ^(a+)+b$ at compile time, quickly (class: ReDoS in contracts)', () => {
  const start = performance.now()
  let refusal: unknown
  try {
    compileGenerator({
      allOf: [{ type: 'string', pattern: '^a{40,60}$' }, { pattern: '^(a+)+b$' }],
    })
  } catch (error) {
    refusal = error
  }
  expect(refusal).toBeInstanceOf(UnsatisfiableSchemaError)
  expect((refusal as Error).message).toMatch(
    /^<contract>#\/allOf\/0\/pattern: no string standin drew from pattern/,
  )
  expect(performance.now() - start).toBeLessThan(5_000)
})

it('draws from a ReDoS-prone pattern in bounded time', () => {
  const generate = compileGenerator({ type: 'string', pattern: '^(a+)+$', maxLength: 60 })
  const rng = createRng(1)
  const start = performance.now()
  for (let i = 0; i < 200; i++) expect(generate(rng)).toMatch(/^a+$/)
  expect(performance.now() - start).toBeLessThan(5_000)
})

const contract = (pattern: string): string =>
  [
    'contract: 1',
    'name: backref',
    'version: 1.0.0',
    'input:',
    '  type: object',
    `  properties: { x: { type: string, pattern: ${JSON.stringify(pattern)} } }`,
    'output: { type: object }',
    '',
  ].join('\n')

it('makes a pattern only a backtracking engine runs a lint error by pointer, in under a second', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-backref-'))
  try {
    writeFileSync(join(dir, 'backref.contract.yaml'), contract('^(a+)\\1$'))
    // Warm: the first lint of a process also loads lint's modules and compiles standin's schemas.
    await lintContracts(['backref.contract.yaml'], { cwd: dir })
    const start = performance.now()
    const report = await lintContracts(['backref.contract.yaml'], { cwd: dir })
    expect(performance.now() - start).toBeLessThan(1_000)
    const problem = report.problems.find((p) => p.code === 'schema.backtracking-pattern')
    expect(problem).toMatchObject({
      severity: 'error',
      file: 'backref.contract.yaml',
      pointer: '/input/properties/x/pattern',
      message:
        '"^(a+)\\\\1$" uses a backreference (\\1), which the linear-time engine standin runs patterns in cannot run',
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('lets a trusted local run accept it with STANDIN_ALLOW_BACKTRACKING=1, with a warning naming the risk', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-backref-'))
  try {
    writeFileSync(join(dir, 'backref.contract.yaml'), contract('^(a)\\1$'))
    const refused = await runBin(['lint', 'backref.contract.yaml'], { cwd: dir })
    expect(refused.code).toBe(1)
    const allowed = await runBin(['lint', 'backref.contract.yaml'], {
      cwd: dir,
      env: { STANDIN_ALLOW_BACKTRACKING: '1' },
    })
    expect(allowed.code).toBe(0)
    expect(positionless(allowed.stdout)).toContain(
      'warning: backref.contract.yaml#/input/properties/x/pattern: "^(a)\\\\1$" uses a backreference (\\1), so it runs in a backtracking engine: a hostile value can stall the process (allowed by STANDIN_ALLOW_BACKTRACKING=1). Only run this contract where every client and model is trusted, or rewrite the pattern.',
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('lints a required name against a ReDoS patternProperties key in linear time (class: ReDoS in contracts)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-redos-lint-'))
  try {
    const name = `${'a'.repeat(40)}!`
    writeFileSync(
      join(dir, 'names.contract.json'),
      JSON.stringify({
        contract: 1,
        name: 'names',
        version: '1.0.0',
        input: {
          type: 'object',
          additionalProperties: false,
          properties: { id: { type: 'string' } },
          patternProperties: { '^(a+)+$': { type: 'string' } },
          required: [name],
        },
        output: { type: 'object' },
      }),
    )
    const start = performance.now()
    const report = await lintContracts(['names.contract.json'], { cwd: dir, generate: false })
    expect(performance.now() - start).toBeLessThan(2_000)
    expect(report.problems.map((p) => `${p.pointer}: ${p.message}`)).toContain(
      `/input/required/0: "${name}" is required, but not declared under properties while additionalProperties is false, so no value fits`,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
