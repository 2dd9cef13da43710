import { expect, it } from 'vitest'
import { diffContracts } from '../../src/diff/index.js'
import { loadContract } from '../../src/contract/index.js'

const base = {
  contract: 1,
  name: 'm',
  version: '1.0.0',
  input: {
    type: 'object',
    additionalProperties: false,
    required: ['text'],
    properties: { text: { type: 'string', maxLength: 100 }, lang: { enum: ['en', 'de'] } },
  },
  output: {
    type: 'object',
    required: ['label', 'score'],
    properties: { label: { enum: ['a', 'b'] }, score: { type: 'number', minimum: 0, maximum: 1 } },
  },
}

function variant(edit: (c: typeof base) => void): Record<string, unknown> {
  const copy = structuredClone(base)
  edit(copy)
  return copy
}

const cases: { title: string; edit: (c: typeof base) => void; impact: string; message: string }[] =
  [
    {
      title: 'a new required input field',
      edit: (c) => {
        c.input.required.push('lang')
      },
      impact: 'breaking',
      message: 'input: "lang" is now required (some inputs that were valid are now rejected)',
    },
    {
      title: 'a tighter input bound',
      edit: (c) => {
        c.input.properties.text.maxLength = 50
      },
      impact: 'breaking',
      message:
        'input: maxLength went from 100 to 50 (some inputs that were valid are now rejected)',
    },
    {
      title: 'a looser input bound',
      edit: (c) => {
        c.input.properties.text.maxLength = 500
      },
      impact: 'compatible',
      message: 'input: maxLength went from 100 to 500',
    },
    {
      title: 'a new input enum value',
      edit: (c) => {
        c.input.properties.lang.enum.push('fr')
      },
      impact: 'compatible',
      message: 'input: new value "fr"',
    },
    {
      title: 'a new output enum value',
      edit: (c) => {
        c.output.properties.label.enum.push('c')
      },
      impact: 'breaking',
      message:
        'output: new value "c" (consumers may receive values they were promised they would not)',
    },
    {
      title: 'a removed output enum value',
      edit: (c) => {
        c.output.properties.label.enum.pop()
      },
      impact: 'compatible',
      message: 'output: value "b" removed',
    },
    {
      title: 'a wider output range',
      edit: (c) => {
        c.output.properties.score.maximum = 100
      },
      impact: 'breaking',
      message:
        'output: maximum went from 1 to 100 (consumers may receive values they were promised they would not)',
    },
    {
      title: 'an output field no longer required',
      edit: (c) => {
        c.output.required.pop()
      },
      impact: 'breaking',
      message:
        'output: "score" is no longer required (consumers may receive values they were promised they would not)',
    },
    {
      title: 'a changed output type',
      edit: (c) => {
        ;(c.output.properties.score as Record<string, unknown>).type = 'string'
      },
      impact: 'breaking',
      message:
        'output: now also accepts type string (consumers may receive values they were promised they would not)',
    },
  ]

it.each(cases)('classifies $title as $impact', async ({ edit, impact, message }) => {
  const diff = diffContracts(await loadContract(base), await loadContract(variant(edit)))
  expect(diff.changes.map((c) => [c.impact, c.message])).toContainEqual([impact, message])
})

it('classifies dropping json batches as breaking and adding them as compatible', async () => {
  const batching = { ...base, endpoint: { batch: true } }
  const dropped = diffContracts(await loadContract(batching), await loadContract(base))
  expect(dropped.changes.map((c) => [c.impact, c.pointer, c.message])).toEqual([
    ['breaking', '/endpoint/batch', 'the endpoint no longer takes batches (endpoint.batch)'],
  ])
  const added = diffContracts(await loadContract(base), await loadContract(batching))
  expect(added.changes.map((c) => [c.impact, c.pointer, c.message])).toEqual([
    ['compatible', '/endpoint/batch', 'the endpoint now also takes batches (endpoint.batch)'],
  ])
})

it('asks for a major bump on breaking changes, and a minor one in 0.x', async () => {
  const breaking = (c: typeof base): void => {
    c.input.required.push('lang')
  }
  const diff = diffContracts(await loadContract(base), await loadContract(variant(breaking)))
  expect([diff.required, diff.ok, diff.suggested]).toEqual(['major', false, '2.0.0'])
  const zero = { ...base, version: '0.3.1' }
  const zeroNext = { ...variant(breaking), version: '0.4.0' }
  const early = diffContracts(await loadContract(zero), await loadContract(zeroNext))
  expect([early.required, early.actual, early.ok]).toEqual(['major', 'minor', true])
})

it('asks for a patch bump when only descriptions change', async () => {
  const diff = diffContracts(
    await loadContract(base),
    await loadContract({ ...base, description: 'Now documented.' }),
  )
  expect([diff.required, diff.ok, diff.suggested]).toEqual(['patch', false, '1.0.1'])
})
