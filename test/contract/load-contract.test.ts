import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { ContractError, loadContract, loadContracts } from '../../src/contract/index.js'
import { lintContracts } from '../../src/lint/index.js'
import { formatProblem } from '../../src/errors.js'
import { isObject } from '../../src/json/index.js'
import { walkSchema } from '../../src/json/index.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const bad = 'test/fixtures/contracts/bad'

async function failure(load: Promise<unknown>): Promise<ContractError> {
  try {
    await load
  } catch (error) {
    if (error instanceof ContractError) return error
    throw error
  }
  throw new Error('expected the load to fail')
}

it('loads the bundled contracts, typed, with defaults and durations in milliseconds', async () => {
  const contracts = await loadContracts(['contracts/'], { cwd: root })
  expect(contracts.map((c) => [c.name, c.protocol, c.draft])).toEqual([
    ['fuel-consumption', 'mlflow', 'draft-07'],
    ['news-signals', 'v1', '2020-12'],
    ['support-email-extractor', 'openai-chat', '2020-12'],
    ['ticket-router', 'kserve-v2', '2020-12'],
    ['transaction-classifier', 'json', '2020-12'],
  ])
  const router = contracts[3]!
  expect(router.checks.latency).toEqual({ p50: 80, p95: 250, p99: 500 })
  expect(router.checks.load).toEqual({ rpm: 3000, duration: 60_000 })
  expect(router.mock.latency).toEqual({ p50: 60, p99: 300 })
  expect(router.endpoint).toEqual({ method: 'POST', path: '/predict' })
  expect(router.file).toBe('contracts/ticket-router.contract.yaml')
  expect(router.chat).toBeUndefined()
  const extractor = contracts[2]!
  expect(extractor.checks.latency).toEqual({
    p50: 1500,
    p95: 4000,
    timeToFirstToken: { p50: 400, p95: 1000 },
    tokensPerSecond: { p50: 30, p95: 15 },
  })
  expect(extractor.chat).toEqual({ model: 'support-extractor' })
})

it('fills in the openai-chat model id and parses the stand-in stream timing', async () => {
  const contract = await loadContract({
    contract: 1,
    name: 'chat-model',
    version: '1.0.0',
    protocol: 'openai-chat',
    chat: { tool: 'record' },
    input: { type: 'object' },
    output: { type: 'object' },
    mock: { timeToFirstToken: '1.5s', tokensPerSecond: 25 },
  })
  expect(contract.chat).toEqual({ model: 'chat-model', tool: 'record' })
  expect(contract.mock).toEqual({ timeToFirstToken: 1500, tokensPerSecond: 25 })
})

it('refuses an openai-chat contract whose output is not an object, by pointer', async () => {
  const loading = loadContract({
    contract: 1,
    name: 'chat-list',
    version: '1.0.0',
    protocol: 'openai-chat',
    input: { type: 'object' },
    output: { type: 'array', items: { type: 'string' } },
  })
  await expect(loading).rejects.toMatchObject({
    problems: [
      {
        code: 'contract.chat-output',
        severity: 'error',
        pointer: '/output/type',
        message:
          'protocol openai-chat needs an object output schema (the structured content or a tool\'s arguments are a JSON object), got type "array"',
        hint: 'Give the output schema type: object, with the fields as properties.',
      },
    ],
  })
})

it('returns a deeply frozen contract', async () => {
  const contract = await loadContract('contracts/transaction-classifier.contract.yaml', {
    cwd: root,
  })
  expect(Object.isFrozen(contract)).toBe(true)
  expect(Object.isFrozen(contract.output)).toBe(true)
  expect(Object.isFrozen(contract.examples[0])).toBe(true)
  expect(Object.isFrozen(contract.checks.invariance?.[0]?.perturb)).toBe(true)
})

it('validates records with pointers into the value and the keyword in the code', async () => {
  const contract = await loadContract('contracts/transaction-classifier.contract.yaml', {
    cwd: root,
  })
  expect(
    contract.validateInput({
      request_id: 'x',
      narration: 'POS',
      amount: -1,
      currency: 'GBP',
      direction: 'debit',
      extra: 1,
    }),
  ).toEqual([
    {
      code: 'schema.additionalProperties',
      severity: 'error',
      pointer: '/extra',
      message: 'is not allowed: the schema declares no such property',
    },
    {
      code: 'schema.format',
      severity: 'error',
      pointer: '/request_id',
      message: 'must match format "uuid"',
    },
    { code: 'schema.minimum', severity: 'error', pointer: '/amount', message: 'must be >= 0' },
  ])
  expect(contract.validateOutput({ category: 'groceries' })).toEqual([
    { code: 'schema.required', severity: 'error', pointer: '/request_id', message: 'is required' },
    { code: 'schema.required', severity: 'error', pointer: '/confidence', message: 'is required' },
    { code: 'schema.required', severity: 'error', pointer: '/scores', message: 'is required' },
  ])
})

it('bundles every $ref so the input and output schemas are self-contained', async () => {
  const contracts = await loadContracts(['contracts/', 'test/fixtures/contracts/sibling-ref'], {
    cwd: root,
  })
  for (const contract of contracts) {
    for (const schema of [contract.input, contract.output]) {
      walkSchema(schema, '', (node) => {
        if (isObject(node) && typeof node.$ref === 'string') expect(node.$ref).toMatch(/^#/)
      })
    }
  }
})

it('resolves $refs to relative files beside the contract, recursive ones included', async () => {
  const contract = await loadContract('test/fixtures/contracts/sibling-ref/main.contract.yaml', {
    cwd: root,
  })
  expect(contract.input).toEqual({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['amount', 'currency'],
    properties: { amount: { $ref: '#/$defs/Money' }, currency: { $ref: '#/$defs/Currency' } },
    $defs: { Money: { type: 'number', minimum: 0 }, Currency: { enum: ['EUR', 'GBP'] } },
  })
  expect(contract.validateOutput({ tree: { value: 1, children: [{ value: -1 }] } })).toEqual([
    {
      code: 'schema.minimum',
      severity: 'error',
      pointer: '/tree/children/0/value',
      message: 'must be >= 0',
    },
  ])
})

it('bundles into definitions for a draft-07 contract', async () => {
  const contract = await loadContract({
    contract: 1,
    name: 'd7',
    version: '1.0.0',
    $defs: { Score: { type: 'number', minimum: 0, maximum: 1 } },
    input: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' },
    output: {
      $schema: 'http://json-schema.org/draft-07/schema',
      type: 'object',
      properties: { score: { $ref: '#/$defs/Score' } },
    },
  })
  expect(contract.draft).toBe('draft-07')
  expect(contract.output).toEqual({
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: { score: { $ref: '#/definitions/Score' } },
    definitions: { Score: { type: 'number', minimum: 0, maximum: 1 } },
  })
  expect(contract.validateOutput({ score: 2 })).toHaveLength(1)
  expect(contract.file).toBeUndefined()
})

it('names the file <contract> when an object in memory has a problem', async () => {
  const error = await failure(
    loadContract({ contract: 1, name: 'x', version: '1', input: true, output: true }),
  )
  expect(error.message).toBe(
    '<contract>#/version: "1" is not a semantic version. Write major.minor.patch, for example 1.2.0.',
  )
})

const cases: { title: string; file: string; code: string; message: string }[] = [
  {
    title: 'a file that holds a list instead of a mapping',
    file: 'not-an-object.contract.yaml',
    code: 'contract.invalid',
    message: `${bad}/not-an-object.contract.yaml#: a contract must be a mapping of keys, but this file holds an array. Start from a bundled contract, for example contracts/transaction-classifier.contract.yaml.`,
  },
  {
    title: 'an empty file',
    file: 'empty.contract.yaml',
    code: 'contract.invalid',
    message: `${bad}/empty.contract.yaml#: the file is empty. Start from a bundled contract, for example contracts/transaction-classifier.contract.yaml.`,
  },
  {
    title: 'an unknown contract format version',
    file: 'unknown-version.contract.yaml',
    code: 'contract.invalid',
    message: `${bad}/unknown-version.contract.yaml#/contract: unknown contract format 2. This standin reads format 1: write "contract: 1", or upgrade standin.`,
  },
  {
    title: 'misspelled keys, with did-you-mean, everywhere in the file',
    file: 'misspelled-keys.contract.yaml',
    code: 'contract.invalid',
    message: [
      `${bad}/misspelled-keys.contract.yaml#/descripton: unknown key "descripton". Did you mean "description"?`,
      `${bad}/misspelled-keys.contract.yaml#/protocl: unknown key "protocl". Did you mean "protocol"?`,
      `${bad}/misspelled-keys.contract.yaml#/checks/latency/p50: "50 ms" is not a duration. Write a number with a unit: 50ms, 2s or 1m.`,
      `${bad}/misspelled-keys.contract.yaml#/output/properties/label/x-standin/copyy: unknown key "copyy". Did you mean "copy"?`,
    ].join('\n'),
  },
  {
    title: 'invalid JSON Schema keywords',
    file: 'invalid-keywords.contract.yaml',
    code: 'contract.invalid',
    message: [
      `${bad}/invalid-keywords.contract.yaml#/input/properties/code/pattern: "[A-Z" is not a valid regular expression (/[A-Z/u: Unterminated character class). Fix the pattern (ECMA-262 syntax, unicode mode).`,
      `${bad}/invalid-keywords.contract.yaml#/input/properties/text/type: "strin" is not a JSON Schema type. Did you mean "string"?`,
      `${bad}/invalid-keywords.contract.yaml#/input/properties/amount/minimum: "minimum" must be a number, found "zero". Fix it as JSON Schema 2020-12 defines it.`,
    ].join('\n'),
  },
  {
    title: 'a $ref that points nowhere, in the file or to a missing file',
    file: 'ref-nowhere.contract.yaml',
    code: 'contract.invalid',
    message: [
      `${bad}/ref-nowhere.contract.yaml#/input/properties/category/$ref: $ref "#/$defs/Catgory" points nowhere: there is no /$defs/Catgory in the input schema or this file. Did you mean "#/$defs/Category"?`,
      `${bad}/ref-nowhere.contract.yaml#/output/$ref: $ref "./missing.schema.yaml" points to ${bad}/missing.schema.yaml, which does not exist. Fix the path (it is relative to the file that holds the $ref).`,
    ].join('\n'),
  },
  {
    title: 'a remote $ref, never fetched',
    file: 'remote-ref.contract.yaml',
    code: 'contract.invalid',
    message: `${bad}/remote-ref.contract.yaml#/input/$ref: $ref "https://example.com/schemas/input.json" points to the network, and standin never fetches schemas. Copy the schema into this file or a file beside it and refer to it by relative path.`,
  },
  {
    title: 'a $ref loop that never descends into the value',
    file: 'ref-cycle.contract.yaml',
    code: 'contract.invalid',
    message: `${bad}/ref-cycle.contract.yaml#/input/$defs/B: $ref "#/$defs/A" loops back to itself without descending into the value. Break the loop: a recursive $ref must sit under properties or items.`,
  },
  {
    title: 'a recursive schema with no way out',
    file: 'ref-no-way-out.contract.yaml',
    code: 'contract.invalid',
    message: `${bad}/ref-no-way-out.contract.yaml#/output/$defs/Node: this schema is recursive with no way out: every value would have to contain another one. Make the recursive property optional, or allow an empty array.`,
  },
  {
    title: 'examples that violate their schemas',
    file: 'bad-example.contract.yaml',
    code: 'contract.invalid',
    message: [
      `${bad}/bad-example.contract.yaml#/examples/0/input/amount: the example input must be >= 0. Fix the example, or the input schema if the example is right.`,
      `${bad}/bad-example.contract.yaml#/examples/0/output/label: the example output must be equal to one of the allowed values: "a", "b". Fix the example, or the output schema if the example is right.`,
    ].join('\n'),
  },
  {
    title: 'a draft older than draft-04',
    file: 'old-draft.contract.yaml',
    code: 'contract.invalid',
    message: `${bad}/old-draft.contract.yaml#/input/$schema: JSON Schema draft-03 is not supported. Use draft 2020-12 ($schema: https://json-schema.org/draft/2020-12/schema), 2019-09, draft-07, -06 or -04.`,
  },
  {
    title: 'a missing file',
    file: 'no-such.contract.yaml',
    code: 'contract.not-found',
    message: `${bad}/no-such.contract.yaml#: file not found. Check the path (contracts are usually contracts/<name>.contract.yaml).`,
  },
]

it.each(cases)('rejects $title with one line per problem', async ({ file, code, message }) => {
  const error = await failure(loadContract(`${bad}/${file}`, { cwd: root }))
  expect(error.code).toBe(code)
  expect(error.message).toBe(message)
  expect(error.name).toBe('ContractError')
})

it('rejects duplicate names in a folder, naming both files', async () => {
  const error = await failure(
    loadContracts(['test/fixtures/contracts/duplicate-names'], { cwd: root }),
  )
  expect(error.message).toBe(
    'test/fixtures/contracts/duplicate-names/b.contract.yaml#/name: the name "same-name" is also used by test/fixtures/contracts/duplicate-names/a.contract.yaml. Give each contract in a folder its own name.',
  )
})

it('rejects a folder without contract files', async () => {
  const error = await failure(loadContracts(['test/fixtures'], { cwd: root }))
  expect(error.code).toBe('contract.not-found')
  expect(error.message).toBe(
    'test/fixtures#: the folder holds no *.contract.yaml, *.contract.yml or *.contract.json file. Name contract files <name>.contract.yaml, or point at the files themselves.',
  )
})

it('reports a file that cannot be read without hanging on it (a FIFO)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-'))
  try {
    execFileSync('mkfifo', [join(dir, 'pipe.contract.yaml')])
    const error = await failure(loadContract('pipe.contract.yaml', { cwd: dir }))
    expect(error.code).toBe('contract.unreadable')
    expect(error.message).toBe(
      'pipe.contract.yaml#: is a named pipe (FIFO), not a regular file. Name a regular file.',
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

// Broken files are written at test time: prettier checks every YAML file in the repository.
it('reports a YAML syntax error with its line and column', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-'))
  try {
    writeFileSync(
      join(dir, 'broken.contract.yaml'),
      'contract: 1\nname: broken\nversion: 1.0.0\ninput:\n  type: object\n  properties:\n    text: { type: string\noutput: true\n',
    )
    const error = await failure(loadContract('broken.contract.yaml', { cwd: dir }))
    expect(error.message).toBe(
      'broken.contract.yaml:8:1#: YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }. Fix the YAML there (quote strings that contain ": " or " #").',
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('reports a JSON syntax error with its line and column', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-'))
  try {
    writeFileSync(join(dir, 'x.contract.json'), '{\n  "contract": 1,\n  "name": "x",\n}\n')
    const error = await failure(loadContract('x.contract.json', { cwd: dir }))
    expect(error.message).toBe(
      'x.contract.json:4:1#: JSON syntax error: Expected double-quoted property name. Fix the JSON there (no trailing commas, keys in double quotes).',
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('reads each schema in its own draft and mixes them, but refuses keywords of the other draft', async () => {
  const error = await failure(
    loadContract({
      contract: 1,
      name: 'mixed',
      version: '1.0.0',
      input: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' },
      output: {
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'array',
        prefixItems: [true],
      },
    }),
  )
  expect(error.message).toBe(
    '<contract>#/output/prefixItems: "prefixItems" is not a JSON Schema draft-07 keyword. In draft-07 write items as an array of schemas.',
  )
  const contract = await loadContract({
    contract: 1,
    name: 'mixed',
    version: '1.0.0',
    input: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' },
    output: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'array',
      items: [{ type: 'string' }],
      additionalItems: false,
      definitions: { n: { type: 'number' } },
    },
  })
  // Bundled in 2020-12, the draft-07 output says the same thing in 2020-12 words.
  expect(contract.draft).toBe('2020-12')
  expect(contract.output).toMatchObject({ prefixItems: [{ type: 'string' }], items: false })
  expect(contract.validateOutput(['a'])).toEqual([])
  expect(contract.validateOutput(['a', 'b'])).not.toEqual([])
})

it('checks x-standin hints point at fields that exist, with the right types', async () => {
  const error = await failure(
    loadContract({
      contract: 1,
      name: 'hints',
      version: '1.0.0',
      input: { type: 'object', properties: { id: { type: 'string' } } },
      output: {
        type: 'object',
        properties: {
          label: { type: 'string', 'x-standin': { argmaxOf: '/scroes', copy: '/idd' } },
          scores: { type: 'object', 'x-standin': { sumTo: 1 } },
          low: { type: 'string', 'x-standin': { lte: '/scores' } },
          name: { type: 'string', 'x-standin': { faker: 'person.fullNam' } },
          top: { type: 'string', 'x-standin': { maxOf: '/name' } },
        },
      },
    }),
  )
  expect(error.message).toBe(
    [
      '<contract>#/output/properties/label/x-standin/argmaxOf: argmaxOf points to /scroes, which the output schema does not declare. Did you mean "/scores"?',
      '<contract>#/output/properties/label/x-standin/copy: copy points to /idd, which the input schema does not declare. Did you mean "/id"?',
      '<contract>#/output/properties/low/x-standin/lte: lte needs a number, but this schema is string. Move the hint to a number, or remove it.',
      '<contract>#/output/properties/low/x-standin/lte: lte points to /scores, which is object, not number or integer. Point it at number or integer field.',
      '<contract>#/output/properties/name/x-standin/faker: faker has no method "person.fullNam". Use a faker.js path such as person.fullName or finance.accountName.',
      '<contract>#/output/properties/top/x-standin/maxOf: maxOf needs a number, but this schema is string. Move the hint to a number, or remove it.',
      '<contract>#/output/properties/top/x-standin/maxOf: maxOf points to /name, which is string, not array or object. Point it at array or object field.',
    ].join('\n'),
  )
})

it('checks that the paths in checks are fields of the schemas', async () => {
  const error = await failure(
    loadContract({
      contract: 1,
      name: 'paths',
      version: '1.0.0',
      input: { type: 'object', properties: { text: { type: 'string' } } },
      output: { type: 'object', properties: { label: { type: 'string' } } },
      checks: {
        invariance: [
          {
            name: 'casing',
            perturb: { path: '/txt', op: 'lowercase' },
            expect: { path: '/label', equal: true },
          },
        ],
        distribution: [{ path: '/lable', minDistinct: 2 }],
      },
    }),
  )
  expect(error.message).toBe(
    [
      '<contract>#/checks/invariance/0/perturb/path: /txt is not a field of the input schema. Did you mean "/text"?',
      '<contract>#/checks/distribution/0/path: /lable is not a field of the output schema. Did you mean "/label"?',
    ].join('\n'),
  )
})

it('loads a 10 MB contract within seconds', async () => {
  // A realistic large contract: 2,000 fields, one of them an enum of 350,000 merchant names.
  const properties: Record<string, unknown> = {}
  for (let i = 0; i < 2_000; i++) {
    properties[`field_${i}`] = {
      type: 'string',
      description: `Field number ${i} of a very wide record.`,
      maxLength: 100 + (i % 50),
    }
  }
  properties.merchant = {
    description: 'Known merchant.',
    enum: Array.from({ length: 350_000 }, (_, i) => `MERCHANT NUMBER ${i} LTD`),
  }
  const dir = mkdtempSync(join(tmpdir(), 'standin-'))
  try {
    const text = JSON.stringify({
      contract: 1,
      name: 'wide',
      version: '1.0.0',
      input: { type: 'object', properties },
      output: true,
    })
    expect(text.length).toBeGreaterThan(10_000_000)
    writeFileSync(join(dir, 'wide.contract.json'), text)
    const contract = await loadContract('wide.contract.json', { cwd: dir })
    expect(contract.validateInput({ merchant: 'MERCHANT NUMBER 7 LTD' })).toEqual([])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('answers a 1,000-deep schema with a clear problem instead of overflowing the stack', async () => {
  let deep: Record<string, unknown> = { type: 'string' }
  for (let i = 0; i < 1000; i++) deep = { type: 'object', properties: { child: deep } }
  const error = await failure(
    loadContract({ contract: 1, name: 'deep', version: '1.0.0', input: deep, output: true }),
  )
  expect(error.message).toBe(
    '<contract>#/input: the schema nests 1000 levels deep, and standin compiles at most 128. Flatten it: model records are rarely more than a few levels deep.',
  )
})

it('compiles a schema nested to the limit', async () => {
  let deep: Record<string, unknown> = { type: 'string' }
  for (let i = 0; i < 128; i++) deep = { type: 'object', properties: { child: deep } }
  const contract = await loadContract({
    contract: 1,
    name: 'deep',
    version: '1.0.0',
    input: deep,
    output: true,
  })
  let value: unknown = 1
  for (let i = 0; i < 128; i++) value = { child: value }
  expect(contract.validateInput(value)).toHaveLength(1)
})

it('reports a sibling $ref file that does not parse, and an absolute $ref path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-'))
  try {
    writeFileSync(join(dir, 'broken.schema.yaml'), 'type: [string\n')
    writeFileSync(
      join(dir, 'x.contract.yaml'),
      'contract: 1\nname: x\nversion: 1.0.0\ninput: { $ref: ./broken.schema.yaml }\noutput: { $ref: /etc/schema.json }\n',
    )
    const error = await failure(loadContract('x.contract.yaml', { cwd: dir }))
    expect(error.message).toBe(
      [
        'x.contract.yaml#/input/$ref: $ref "./broken.schema.yaml" points to broken.schema.yaml, which has an error at line 2, column 1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]. Fix the YAML there (quote strings that contain ": " or " #").',
        'x.contract.yaml#/output/$ref: $ref "/etc/schema.json" is an absolute path. Refer to files by a path relative to the file that holds the $ref.',
      ].join('\n'),
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('warns about a misspelled keyword inside a sibling file against that file, and keeps it as an annotation', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-'))
  try {
    writeFileSync(
      join(dir, 'types.schema.json'),
      '{ "$defs": { "Money": { "type": "number", "minimun": 0 } } }',
    )
    writeFileSync(
      join(dir, 'x.contract.yaml'),
      "contract: 1\nname: x\nversion: 1.0.0\ninput: { $ref: './types.schema.json#/$defs/Money' }\noutput: true\n",
    )
    const contract = await loadContract('x.contract.yaml', { cwd: dir })
    expect(contract.input).toMatchObject({ $defs: { Money: { minimun: 0 } } })
    const report = await lintContracts(['x.contract.yaml'], { cwd: dir })
    const keywords = report.problems.filter((p) => p.code === 'schema.unknown-keyword')
    expect(keywords.map((p) => `${p.severity}: ${formatProblem(p)}`)).toEqual([
      'warning: types.schema.json#/$defs/Money/minimun: unknown keyword "minimun" is kept as an annotation and has no effect. Did you mean "minimum"?',
    ])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('rejects keywords that contradict each other, so that no value fits', async () => {
  const error = await failure(
    loadContract({
      contract: 1,
      name: 'contradictions',
      version: '1.0.0',
      input: {
        type: 'object',
        additionalProperties: false,
        required: ['score', 'ghost'],
        properties: {
          score: { type: 'number', minimum: 1, maximum: 0 },
          code: { type: 'string', minLength: 5, maxLength: 3 },
          level: { type: 'integer', enum: ['two'] },
          none: { enum: [] },
        },
      },
      output: { type: 'number', exclusiveMinimum: 1, exclusiveMaximum: 1 },
    }),
  )
  expect(error.message).toBe(
    [
      '<contract>#/input/required/1: "ghost" is required, but not declared under properties while additionalProperties is false, so no value fits. Declare it under properties, or drop it from required.',
      '<contract>#/input/properties/score: "maximum" (0) is below "minimum" (1), so no value fits. Swap the bounds or drop one.',
      '<contract>#/input/properties/code: "maxLength" (3) is below "minLength" (5), so no value fits. Swap the bounds or drop one.',
      '<contract>#/input/properties/level/enum/0: "two" is not integer, as "type" requires. Fix the value, or the type.',
      '<contract>#/input/properties/none/enum: the enum is empty, so no value fits. List the allowed values, or drop the enum.',
      '<contract>#/output: "exclusiveMaximum" (1) is equal to "exclusiveMinimum" (1), so no value fits. Swap the bounds or drop one.',
    ].join('\n'),
  )
})
