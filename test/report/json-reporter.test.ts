import { expect, it } from 'vitest'
import { renderJson } from '../../src/report/index.js'
import { sampleResult } from './sample-result.js'

it('writes the result as is, with its format version, so it parses back equal', () => {
  const text = renderJson(sampleResult())
  expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(sampleResult())))
  expect(
    text.startsWith('{\n  "format": 1,\n  "contract": {\n    "name": "transaction-classifier"'),
  ).toBe(true)
})
