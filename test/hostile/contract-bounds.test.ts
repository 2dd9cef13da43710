/**
 * Hostile battery, contract size and shape (issue 11): alias bombs, huge, deep and wide
 * contracts, prototype keys, values JSON cannot hold, and contracts that once hung lint. Each
 * ends with a one-line refusal or a load within a bound, never a stack trace or a hang.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ContractError, loadContract } from '../../src/index.js'
import { positionless, runBin } from '../helpers/run-cli.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'standin-bounds-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const head = 'contract: 1\nname: x\nversion: 1.0.0\n'
const output = 'output: { type: object, properties: { y: { type: string } } }\n'

async function lintText(name: string, text: string, timeoutMs = 20_000) {
  writeFileSync(join(dir, name), text)
  const started = performance.now()
  const run = await runBin(['lint', name], { cwd: dir, timeoutMs })
  return { ...run, ms: performance.now() - started }
}

async function refusal(value: unknown, options = {}): Promise<ContractError> {
  const error = await loadContract(value as object, options).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ContractError)
  return error as ContractError
}

it('alias bombs: a YAML billion-laughs file is refused, not expanded', async () => {
  const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]']
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i)
    const name = String.fromCharCode(97 + i)
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`)
  }
  const run = await lintText(
    'bomb.contract.yaml',
    `${head}input: { type: object }\n${output}${lines.join('\n')}\n`,
  )
  expect(run.code).toBe(1)
  expect(positionless(run.stdout)).toBe(
    'bomb.contract.yaml#: YAML error: the aliases expand to too many values (more than 1000 uses of anchors). Use fewer YAML aliases, or write the values out.\n1 contract checked: 1 error.\n',
  )
})

it('10 MB contracts: one over the size limit is refused before it is parsed', async () => {
  const error = await loadContract('x.contract.json', { cwd: dir, maxFileBytes: 4 }).catch(
    (e: unknown) => e as ContractError,
  )
  writeFileSync(join(dir, 'x.contract.json'), '{"contract": 1}')
  const big = await loadContract('x.contract.json', { cwd: dir, maxFileBytes: 4 }).catch(
    (e: unknown) => e as ContractError,
  )
  expect((error as ContractError).code).toBe('contract.not-found')
  expect((big as ContractError).message).toBe(
    'x.contract.json#: is 15 bytes, over the 4 bytes standin reads. Split it into smaller files, or raise the limit (the maxFileBytes option).',
  )
})

it('deep JSON: 100,000 levels are refused by pointer, not with a stack overflow', async () => {
  const deep = `{"contract":1,"name":"x","version":"1.0.0","input":{"type":"object"},"output":{"type":"object"},"mock":${'['.repeat(100_000)}${']'.repeat(100_000)}}`
  const run = await lintText('deep.contract.json', deep)
  expect(positionless(run.stdout)).toBe(
    'deep.contract.json#/mock/0/0/0/0/0/0/0: nests deeper than 2048 levels below here. Flatten it: a contract is rarely more than a few dozen levels deep.\n1 contract checked: 1 error.\n',
  )
})

it('deep YAML: 100,000 levels are described as too deep, not "Maximum call stack size exceeded"', async () => {
  const run = await lintText(
    'deep.contract.yaml',
    `${head}input: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
  )
  expect(positionless(run.stdout)).toBe(
    'deep.contract.yaml#: the file nests too deeply to be read (thousands of levels of lists or mappings). Flatten it: a contract is rarely more than a few dozen levels deep.\n1 contract checked: 1 error.\n',
  )
})

it('deep examples: an examples value nested 40 deep lints in seconds (ajv scanned it exponentially)', async () => {
  const nested = `${'['.repeat(40)}1${']'.repeat(40)}`
  const run = await lintText(
    'nested.contract.yaml',
    `${head}input:\n  type: object\n  properties: { a: { type: string } }\n  examples: ${nested}\n${output}`,
  )
  expect(run.stderr).toBe('')
  expect(run.stdout).toContain('1 contract checked: 4 warnings.')
  expect(run.ms).toBeLessThan(15_000)
})

it('wide enums: 100,000 strings lint in seconds (each entry was checked against the whole enum)', async () => {
  const values = Array.from({ length: 100_000 }, (_, i) => `v${i}`)
  const text = JSON.stringify({
    contract: 1,
    name: 'x',
    version: '1.0.0',
    input: { type: 'object', properties: { a: { type: 'string', enum: values } } },
    output: { type: 'object', properties: { y: { type: 'string', enum: values } } },
  })
  const run = await lintText('wide.contract.json', text, 60_000)
  expect(run.stdout).toContain('1 contract checked: 4 warnings.')
  expect(run.ms).toBeLessThan(30_000)
})

it('many problems: 2,000 warnings in one 700 KB file get their positions in seconds (the file was parsed again per problem)', async () => {
  const properties: Record<string, unknown> = {}
  for (let i = 0; i < 2_000; i++) properties[`field_${i}`] = { type: 'object' }
  properties.merchant = { enum: Array.from({ length: 20_000 }, (_, i) => `MERCHANT ${i} LTD`) }
  const text = JSON.stringify({
    contract: 1,
    name: 'x',
    version: '1.0.0',
    input: { type: 'object', properties },
    output: { type: 'object', properties: { y: { type: 'string' } } },
  })
  const run = await lintText('many.contract.json', text, 120_000)
  expect(run.stdout).toMatch(/^1 contract checked: \d{4} warnings\.$/m)
  // Every warning of a field has its line and column.
  expect(run.stdout).toMatch(/many\.contract\.json:1:\d+#\/input\/properties\/field_1999/)
  expect(run.ms).toBeLessThan(30_000)
})

it('prototype keys: __proto__ and constructor in a contract pollute nothing', async () => {
  const text =
    '{"contract":1,"name":"x","version":"1.0.0","input":{"type":"object","properties":{"constructor":{"type":"number"},"toString":{"type":"string"}},"required":["constructor"]},"output":{"type":"object"},"examples":[{"name":"a","input":{"constructor":1,"__proto__":{"polluted":true}}}]}'
  const run = await lintText('proto.contract.json', text)
  expect(run.stdout).toContain('1 contract checked: ')
  expect(run.stderr).toBe('')
  const contract = await loadContract(JSON.parse(text) as object)
  expect(contract.validateInput(JSON.parse('{"constructor":1,"__proto__":{"a":1}}'))).toEqual([])
  expect(contract.validateInput({})).toHaveLength(1)
  const proto = JSON.parse(
    '{"contract":1,"name":"x","version":"1.0.0","input":{"type":"object","properties":{"__proto__":{"type":"string"}}},"output":{"type":"object"}}',
  ) as object
  expect((await refusal(proto)).message).toBe(
    '<contract>#/input/properties/__proto__: a property named "__proto__" cannot be validated: ajv takes it for an undeclared property (ajv-validator/ajv#2664). Rename the field; every other name, "constructor" and "toString" included, works.',
  )
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
})

const base = { contract: 1, name: 'x', version: '1.0.0', output: { type: 'object' } }

it('exotic library inputs: a cycle is refused by pointer, not after running out of memory', async () => {
  const input: Record<string, unknown> = { type: 'object', properties: {} }
  ;(input.properties as Record<string, unknown>).self = input
  expect((await refusal({ ...base, input })).message).toBe(
    '<contract>#/input/properties/self: refers back to /input (a cycle), which JSON cannot hold. Pass a tree; a recursive schema refers to itself with $ref.',
  )
})

it('exotic library inputs: a getter that throws, a revoked Proxy, a BigInt, a symbol, a function', async () => {
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  const input = {
    type: 'object',
    properties: {
      get boom(): unknown {
        throw new Error('no access')
      },
      revoked: proxy,
      big: { type: 'integer', maximum: 10n },
      sym: { type: 'string', description: Symbol('s') },
      fn: { type: 'string', default: () => 1 },
      date: { type: 'string', default: new Date(0) },
      map: new Map(),
    },
  }
  expect((await refusal({ ...base, input })).message.split('\n')).toEqual([
    '<contract>#/input/properties/boom: cannot be read: no access. Pass plain JSON data: objects, arrays, strings, finite numbers, booleans, null.',
    "<contract>#/input/properties/revoked: cannot be read: Cannot perform 'IsArray' on a proxy that has been revoked. Pass plain JSON data: objects, arrays, strings, finite numbers, booleans, null.",
    '<contract>#/input/properties/map: is a Map, not plain JSON data. Pass plain JSON data: objects, arrays, strings, finite numbers, booleans, null.',
    '<contract>#/input/properties/date/default: is a Date, not plain JSON data. Write it as an ISO 8601 string.',
    '<contract>#/input/properties/fn/default: is a function, which JSON cannot hold. Pass plain JSON data: objects, arrays, strings, finite numbers, booleans, null.',
    '<contract>#/input/properties/sym/description: is a symbol, which JSON cannot hold. Pass plain JSON data: objects, arrays, strings, finite numbers, booleans, null.',
    '<contract>#/input/properties/big/maximum: is a BigInt (10n), which JSON cannot hold. Pass a number, or a string for digits a number cannot hold.',
  ])
})

it('exotic library inputs: a DAG that doubles at every level is refused, not expanded', async () => {
  let node: unknown = { type: 'string' }
  for (let i = 0; i < 40; i++) node = { allOf: [node, node] }
  const error = await refusal({ ...base, input: node })
  expect(error.message).toBe(
    '<contract>#: the contract holds more than 2,000,000 values. Split it, or move large example sets out of the contract.',
  )
})

it('.nan and .inf: YAML bounds that are not JSON numbers are refused by pointer', async () => {
  const run = await lintText(
    'nan.contract.yaml',
    `${head}input: { type: object, properties: { a: { type: number, minimum: .nan, maximum: .inf }, b: { type: number, exclusiveMinimum: -.inf } } }\n${output}`,
  )
  expect(positionless(run.stdout)).toBe(
    [
      'nan.contract.yaml#/input/properties/b/exclusiveMinimum: -Infinity is not a JSON number (YAML -.inf). Write a finite number, or leave the keyword out.',
      'nan.contract.yaml#/input/properties/a/minimum: NaN is not a JSON number (YAML .nan). Write a finite number, or leave the keyword out.',
      'nan.contract.yaml#/input/properties/a/maximum: Infinity is not a JSON number (YAML .inf). Write a finite number, or leave the keyword out.',
      '1 contract checked: 3 errors.',
      '',
    ].join('\n'),
  )
})

it('multipleOf 1e308: the stand-in sends finite numbers, and an unreachable multiple is a lint error', async () => {
  writeFileSync(
    join(dir, 'big.contract.yaml'),
    `${head}input: { type: object }\noutput: { type: object, required: [n], properties: { n: { type: number, multipleOf: 1e308 } } }\n`,
  )
  const sample = await runBin(['sample', 'big.contract.yaml', '--count', '50'], { cwd: dir })
  expect(sample.code).toBe(0)
  for (const line of sample.stdout.trim().split('\n')) {
    expect(Number.isFinite((JSON.parse(line) as { n: unknown }).n)).toBe(true)
  }
  const run = await lintText(
    'edge.contract.yaml',
    `${head}input: { type: object, properties: { m: { type: number, exclusiveMinimum: 1.7976931348623157e308 } } }\noutput: { type: object, properties: { n: { type: number, minimum: 1.7e308, multipleOf: 1e308 } } }\n`,
  )
  expect(
    positionless(run.stdout)
      .split('\n')
      .filter((l) => !l.startsWith('warning')),
  ).toEqual([
    'edge.contract.yaml#/input/properties/m/exclusiveMinimum: no finite JSON number lies beyond 1.7976931348623157e+308. Keep the bound inside ±1.7976931348623157e308, the largest JSON number.',
    'edge.contract.yaml#/output/properties/n/multipleOf: no multiple of 1e+308 lies between 1.7e+308 and 1.7976931348623157e+308 as a finite JSON number. Widen the bounds or change multipleOf.',
    '1 contract checked: 2 errors, 4 warnings.',
    '',
  ])
})

it('time budget: a contract slower than its budget stops with a problem naming where it was', async () => {
  const properties = Object.fromEntries(
    Array.from({ length: 20_000 }, (_, i) => [`f${i}`, { type: 'string', maxLength: 10 }]),
  )
  const error = await refusal({ ...base, input: { type: 'object', properties } }, { budgetMs: 1 })
  expect(error.problems).toHaveLength(1)
  expect(error.problems[0]?.code).toBe('contract.too-slow')
  expect(error.message).toMatch(
    /^<contract>#(\/input(\/properties(\/f\d+)?)?)?: checking the contract took longer than its 0\.001 s budget, and had reached this point\. Make the schema here smaller or simpler, or give more time \(the budgetMs option\)\.$/,
  )
})

it('time budget: a generator compile slower than its budget stops at the pointer it reached', async () => {
  const { compileGenerator, UnsatisfiableSchemaError } = await import('../../src/index.js')
  const schema = { anyOf: Array.from({ length: 300 }, (_, i) => ({ const: `v${i}` })) }
  let error: unknown
  try {
    compileGenerator(schema, { budgetMs: 0, pointer: '/output' })
  } catch (caught) {
    error = caught
  }
  expect(error).toBeInstanceOf(UnsatisfiableSchemaError)
  expect((error as Error).message).toBe(
    '<contract>#/output: compiling the generator took longer than its 0 s budget, and had reached this point. Make the schema here smaller or simpler (fewer anyOf/oneOf branches, smaller enums inside them).',
  )
})
