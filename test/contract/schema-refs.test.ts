import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { lintContracts } from '../../src/lint/index.js'
import { loadContract } from '../../src/contract/index.js'
import { formatProblem } from '../../src/errors.js'
import { compileGenerator, createRng } from '../../src/generate/index.js'
import { generateTypes } from '../../src/types/index.js'
import { positionless, runInProcess } from '../helpers/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'standin-refs-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const write = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text)
  return name
}

async function lintErrors(input: unknown): Promise<string[]> {
  const file = write(
    `c${Math.random().toString(36).slice(2)}.contract.json`,
    JSON.stringify({ contract: 1, name: 'refs', version: '1.0.0', input, output: true }),
  )
  // Warm: the first lint of a process also loads lint's modules and compiles standin's own schemas.
  await lintContracts([file], { cwd: dir, generate: false })
  const start = performance.now()
  const report = await lintContracts([file], { cwd: dir, generate: false })
  expect(performance.now() - start).toBeLessThan(1_000)
  return report.problems
    .filter((p) => p.severity === 'error')
    .map((p) => formatProblem(p).replace(/^[^#]*/, ''))
}

it('refuses a ref to an $id no loaded document declares, by pointer, in under a second', async () => {
  expect(await lintErrors({ $ref: 'urn:example:nothing' })).toEqual([
    '#/input/$ref: $ref "urn:example:nothing" names urn:example:nothing, an $id no loaded document declares, and standin never fetches schemas. Copy the schema into this file or a file beside it and refer to it by relative path.',
  ])
})

it('refuses an $anchor declared twice in one resource', async () => {
  expect(
    await lintErrors({
      $defs: { a: { $anchor: 'item', type: 'string' }, b: { $anchor: 'item', type: 'number' } },
      $ref: '#item',
    }),
  ).toContain(
    '#/input/$defs/a/$anchor: the anchor "#item" is already declared at /input/$defs/b in the same resource. Give each anchor a name of its own within its resource.',
  )
})

it('refuses a $dynamicRef with no dynamic scope', async () => {
  expect(await lintErrors({ type: 'array', items: { $dynamicRef: '#node' } })).toEqual([
    '#/input/items/$dynamicRef: $dynamicRef "#node" has no dynamic scope: no loaded schema declares $dynamicAnchor "node". Declare "$dynamicAnchor": "node" in the schema the reference should extend.',
  ])
})

it('refuses a pattern that is not ECMA-262', async () => {
  expect(await lintErrors({ type: 'string', pattern: '(?<n>a)(?<n>b)' })).toEqual([
    '#/input/pattern: "(?<n>a)(?<n>b)" is not a valid regular expression (/(?<n>a)(?<n>b)/u: Duplicate capture group name). Fix the pattern (ECMA-262 syntax, unicode mode).',
  ])
})

it('resolves refs by $id at any depth and in any scheme, by $anchor and with pointer escapes', async () => {
  const contract = await loadContract(
    {
      contract: 1,
      name: 'ids',
      version: '1.0.0',
      input: {
        $id: 'https://example.com/schemas/order.json',
        type: 'object',
        required: ['id', 'money', 'odd', 'tag'],
        properties: {
          id: { $ref: 'urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed' },
          money: { $ref: 'types/money.json' },
          odd: { $ref: '#/$defs/a~1b%25c' },
          tag: { $ref: '#tag' },
        },
        $defs: {
          id: { $id: 'urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed', type: 'integer', minimum: 1 },
          money: { $id: 'types/money.json', type: 'number', multipleOf: 0.01 },
          'a/b%c': { const: 'odd' },
          tag: { $anchor: 'tag', enum: ['x', 'y'] },
        },
      },
      output: true,
    },
    { cwd: dir },
  )
  expect(contract.validateInput({ id: 3, money: 1.25, odd: 'odd', tag: 'x' })).toEqual([])
  expect(contract.validateInput({ id: 0, money: 1.255, odd: 'even', tag: 'z' })).toHaveLength(4)
  const generate = compileGenerator(contract.input, { draft: contract.draft })
  const rng = createRng(1)
  for (let i = 0; i < 50; i++) expect(contract.validateInput(generate(rng))).toEqual([])
})

it('finds an $anchor of a sibling file with its own $id, whichever ref reads the file first', async () => {
  const draft = 'https://json-schema.org/draft/2020-12/schema'
  mkdirSync(join(dir, 'common'), { recursive: true })
  write(
    'common/defs.json',
    JSON.stringify({
      $schema: draft,
      $id: 'https://example.com/s/common/defs.json',
      $defs: { money: { $anchor: 'money', type: 'number' } },
    }),
  )
  const record = (properties: Record<string, unknown>): string =>
    write(
      `record-${Object.keys(properties).join('-')}.json`,
      JSON.stringify({ $schema: draft, $id: 'https://example.com/s/record.json', properties }),
    )
  const byAnchor = { $ref: 'common/defs.json#money' }
  const byPointer = { $ref: 'common/defs.json#/$defs/money' }
  for (const file of [
    record({ price: byAnchor }),
    record({ price: byAnchor, cost: byPointer }),
    record({ cost: byPointer, price: byAnchor }),
  ]) {
    expect(await lintErrors({ $ref: `./${file}` })).toEqual([])
    const contract = await loadContract(
      {
        contract: 1,
        name: 'anchors',
        version: '1.0.0',
        input: { $ref: `./${file}` },
        output: true,
      },
      { cwd: dir },
    )
    expect(contract.validateInput({ price: 1.5 })).toEqual([])
    expect(contract.validateInput({ price: 'x' })).not.toEqual([])
  }
})

it('resolves draft-04 ids: id as $id, "#name" as an anchor, and a property named id as a property', async () => {
  const input = {
    $schema: 'http://json-schema.org/draft-04/schema#',
    type: 'object',
    properties: {
      p: { $ref: 'path' },
      q: { $ref: '#name' },
      r: { $ref: '#small' },
      id: { type: 'integer' },
    },
    definitions: {
      path: { id: 'path', type: 'string' },
      name: { id: '#name', type: 'string' },
      small: { id: '#small', type: 'number', maximum: 3, exclusiveMaximum: true },
    },
  }
  expect(await lintErrors(input)).toEqual([])
  const contract = await loadContract(
    { contract: 1, name: 'draft-04-ids', version: '1.0.0', input, output: true },
    { cwd: dir },
  )
  expect(contract.validateInput({ p: 'a', q: 'b', r: 2.5, id: 1 })).toEqual([])
  expect(contract.validateInput({ p: 1, q: 2, r: 3, id: 'x' }).map((p) => p.pointer)).toEqual([
    '/p',
    '/q',
    '/r',
    '/id',
  ])
})

it('reads a draft-07 file referenced from a 2020-12 contract as draft-07, and says so under lint --verbose', async () => {
  write(
    'legacy.schema.json',
    JSON.stringify({
      $schema: 'http://json-schema.org/draft-07/schema#',
      definitions: { code: { type: 'string', pattern: '^[A-Z]{3}$' } },
      type: 'object',
      required: ['pair'],
      properties: {
        pair: {
          type: 'array',
          items: [{ $ref: '#/definitions/code' }, { type: 'number' }],
          additionalItems: false,
        },
      },
      dependencies: { rate: ['pair'] },
    }),
  )
  const file = write(
    'mixed.contract.json',
    JSON.stringify({
      contract: 1,
      name: 'mixed',
      version: '1.0.0',
      input: {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $ref: 'legacy.schema.json',
      },
      output: { type: 'object', properties: { ok: { type: 'boolean', nullable: true } } },
    }),
  )
  const contract = await loadContract(file, { cwd: dir })
  expect(contract.validateInput({ pair: ['EUR', 1.1] })).toEqual([])
  expect(contract.validateInput({ pair: ['EUR', 1.1, 3] })).not.toEqual([])
  expect(contract.validateInput({ rate: 1 })).not.toEqual([])
  const lint = await runInProcess(['lint', file, '--verbose'], dir)
  expect(positionless(lint.stdout)).toContain(`note: ${file}#/input: read as JSON Schema 2020-12\n`)
  expect(positionless(lint.stdout)).toContain(
    'note: legacy.schema.json#: read as JSON Schema draft-07\n',
  )
})

it('reads OpenAPI nullable the same way in validation, generation and standin types', async () => {
  const contract = await loadContract(
    {
      contract: 1,
      name: 'nullable-things',
      version: '1.0.0',
      input: {
        type: 'object',
        required: ['label'],
        properties: { label: { type: 'string', nullable: true, example: 'cat' } },
        additionalProperties: false,
      },
      output: true,
    },
    { cwd: dir },
  )
  expect(contract.validateInput({ label: null })).toEqual([])
  expect(contract.validateInput({ label: 3 })).not.toEqual([])
  const generate = compileGenerator(contract.input, { draft: contract.draft })
  const rng = createRng(2)
  const labels = new Set(
    Array.from({ length: 200 }, () => (generate(rng) as { label: unknown }).label),
  )
  expect(labels.has(null)).toBe(true)
  expect(labels.has('cat')).toBe(true)
  expect(await generateTypes([contract])).toContain('label: string | null')
})

it('ignores the siblings of a draft-07 $ref however the contract names its draft, and warns about each', async () => {
  write(
    'siblings.json',
    JSON.stringify({
      $schema: 'http://json-schema.org/draft-07/schema#',
      properties: { a: { $ref: '#/definitions/n', type: 'string' } },
      definitions: { n: { type: ['string', 'null'] } },
    }),
  )
  for (const input of [
    { $ref: './siblings.json' },
    { $schema: 'http://json-schema.org/draft-07/schema#', $ref: './siblings.json' },
  ]) {
    const file = write(
      `siblings-${'$schema' in input ? 'draft-07' : 'default'}.contract.json`,
      JSON.stringify({ contract: 1, name: 'siblings', version: '1.0.0', input, output: true }),
    )
    const contract = await loadContract(file, { cwd: dir })
    expect(contract.validateInput({ a: null })).toEqual([])
    expect(contract.validateInput({ a: 1 })).not.toEqual([])
    const report = await lintContracts([file], { cwd: dir, generate: false })
    expect(
      report.problems
        .filter((p) => p.code === 'schema.ignored-ref-sibling')
        .map((p) => `${p.severity}: ${formatProblem(p)}`),
    ).toEqual([
      'warning: siblings.json#/properties/a/type: "type" beside "$ref" is ignored in draft-07, as that draft says, so it has no effect. Move it into the schema the $ref points to, or put both under allOf: [{ "$ref": ... }, { "type": ... }].',
    ])
  }
})

it('accepts null in the enum of a nullable schema, as OpenAPI 3.0 asks, and generates it', async () => {
  const input = {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string', nullable: true, enum: ['open', 'closed', null] } },
  }
  expect(await lintErrors(input)).toEqual([])
  const contract = await loadContract(
    { contract: 1, name: 'nullable-enum', version: '1.0.0', input, output: true },
    { cwd: dir },
  )
  expect(contract.validateInput({ status: null })).toEqual([])
  expect(contract.validateInput({ status: 'pending' })).not.toEqual([])
  const generate = compileGenerator(contract.input, { draft: contract.draft })
  const rng = createRng(3)
  const drawn = new Set(
    Array.from({ length: 100 }, () => (generate(rng) as { status: unknown }).status),
  )
  expect(drawn).toEqual(new Set(['open', 'closed', null]))
})

it('keeps unknown keywords as annotations: lint warns with did-you-mean and --strict fails on it', async () => {
  const file = write(
    'annotated.contract.json',
    JSON.stringify({
      contract: 1,
      name: 'annotated',
      version: '1.0.0',
      input: {
        type: 'object',
        properties: {
          text: { type: 'string', maxLenght: 3, comment: 'from a spec', discriminator: {} },
        },
      },
      output: true,
      examples: [],
    }),
  )
  const contract = await loadContract(file, { cwd: dir })
  expect(contract.input).toMatchObject({
    properties: { text: { maxLenght: 3, comment: 'from a spec' } },
  })
  const lint = await runInProcess(['lint', file], dir)
  expect(lint.code).toBe(0)
  expect(positionless(lint.stdout)).toContain(
    `warning: ${file}#/input/properties/text/maxLenght: unknown keyword "maxLenght" is kept as an annotation and has no effect. Did you mean "maxLength"?`,
  )
  expect(positionless(lint.stdout)).toContain(
    `warning: ${file}#/input/properties/text/comment: unknown keyword "comment"`,
  )
  expect(lint.stdout).not.toContain('discriminator')
  expect((await runInProcess(['lint', file, '--strict'], dir)).code).toBe(1)
})

it('keeps contract keys closed: a misspelled contract key is still an error', async () => {
  const file = write(
    'closed.contract.json',
    JSON.stringify({
      contract: 1,
      name: 'closed',
      version: '1.0.0',
      inptu: {},
      input: true,
      output: true,
    }),
  )
  const lint = await runInProcess(['lint', file], dir)
  expect(lint.code).toBe(1)
  expect(positionless(lint.stdout)).toContain(
    `${file}#/inptu: unknown key "inptu". Did you mean "input"?`,
  )
})
