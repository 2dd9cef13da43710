/**
 * The map from a contract change to the output fields it touches, which the registry's publish
 * uses to refuse a change that breaks a consumer's fields: at, under and above a field, array
 * items, `required`, and changes outside the output.
 */
import { expect, it } from 'vitest'
import { brokenFields, outputFieldOf, touchesField } from '../../src/diff/index.js'
import type { ContractDiff } from '../../src/diff/index.js'

const change = (pointer: string, message = 'output: changed') =>
  ({ impact: 'breaking', pointer, message }) as const

it('maps a change in the output schema to the output field it is at', () => {
  expect(outputFieldOf(change('/output/properties/category/enum'))).toBe('/category')
  expect(outputFieldOf(change('/output/properties/labels/items/properties/score/maximum'))).toBe(
    '/labels/*/score',
  )
  expect(outputFieldOf(change('/output/properties/meta/additionalProperties/type'))).toBe('/meta/*')
  expect(outputFieldOf(change('/output/properties/meta/additionalProperties'))).toBe('/meta')
  expect(outputFieldOf(change('/output/required', 'output: "note" is no longer required'))).toBe(
    '/note',
  )
  expect(outputFieldOf(change('/output/type'))).toBe('')
  expect(outputFieldOf(change('/input/properties/text/maxLength'))).toBeUndefined()
})

it('says a field is touched by a change at it, under it, or above it, and not beside it', () => {
  expect(touchesField('/category', '/category')).toBe(true)
  expect(touchesField('/labels/*/score', '/labels')).toBe(true)
  expect(touchesField('/labels', '/labels/0/score')).toBe(true)
  expect(touchesField('/labels/*/score', '/labels/3/score')).toBe(true)
  expect(touchesField('', '/anything')).toBe(true)
  expect(touchesField('/category', '/confidence')).toBe(false)
  expect(touchesField('/labels/*/name', '/labels/0/score')).toBe(false)
})

it('lists the fields a diff breaks: removed ones, changed ones, and every field for a change outside the output', () => {
  const diff: ContractDiff = {
    name: 'c',
    from: '1.0.0',
    to: '1.1.0',
    required: 'major',
    actual: 'minor',
    ok: false,
    suggested: '2.0.0',
    changes: [
      change(
        '/output/properties/note',
        'output: the field "note" was removed (consumers that read it break)',
      ),
      change('/output/properties/category/enum', 'output: new value "rent"'),
      {
        impact: 'compatible',
        pointer: '/output/properties/extra',
        message: 'output: new optional field "extra"',
      },
    ],
  }
  expect(brokenFields(diff, ['/confidence'])).toEqual([])
  expect(brokenFields(diff, ['/note', '/category']).map((b) => [b.field, b.removed])).toEqual([
    ['/note', true],
    ['/category', false],
  ])
  expect(brokenFields(diff, []).map((b) => b.field)).toEqual(['/note', '/category'])
  const input = { ...diff, changes: [change('/input/required', 'input: "x" is now required')] }
  expect(brokenFields(input, ['/confidence']).map((b) => b.field)).toEqual(['/input/required'])
})
