import { expect, it } from 'vitest'
import { renderConsole } from '../../src/report/index.js'
import { sampleResult } from './sample-result.js'

it('prints the check table, each failure with seed, input, answer, pointers and replay line', () => {
  const text = renderConsole(sampleResult(), false)
  const lines = text.split('\n')
  expect(lines[0]).toBe(
    'standin verify transaction-classifier@1.2.0 (json) against http://127.0.0.1:8080/, seed 7, 3 generated cases',
  )
  expect(text).toContain(
    '  FAIL  conformance                       valid inputs answered by the contract: 1 passed, 1 failed, 1 not answered',
  )
  expect(text).toContain('  SKIP  load ')
  expect(text).toContain('    case generated:0 (seed 7): the output breaks the output schema\n')
  expect(text).toContain('      /category: must be string')
  expect(text).toContain(
    '      replay: standin verify contracts/transaction-classifier.contract.yaml --target http://127.0.0.1:8080/ --seed 7 --cases 3 --replay generated:0\n',
  )
  expect(text).toContain('      original generated:2: {"narration":"POS TESCO","amount":4}')
  expect(text).toContain('--replay negative:wrong-type:/amount\n')
  expect(text).not.toContain('\u0001')
  expect(lines.at(-2)).toBe(
    'failed: 8 checks, 2 passed, 4 failed, 2 skipped, 1 request got no answer (seed 7, 5 requests, 1.2 s)',
  )
})

it('prints no colour codes when colour is off', () => {
  expect(renderConsole(sampleResult(), false)).not.toContain('\u001b[')
  expect(renderConsole(sampleResult(), true)).toContain('\u001b[')
})

it('prints a failed protocol check by endpoint, with its problems and no replay line', () => {
  const base = sampleResult()
  const protocol = {
    id: 'protocol',
    kind: 'protocol' as const,
    name: 'protocol',
    status: 'failed' as const,
    summary: 'model ready: answered HTTP 503, expected 200',
    cases: [
      {
        caseId: 'GET /v2/models/ticket-router/ready',
        status: 'failed' as const,
        message: 'model ready: answered HTTP 503, expected 200',
        problems: [],
      },
    ],
    measurements: { endpoints: 5, failed: 1 },
  }
  const text = renderConsole({ ...base, checks: [protocol, ...base.checks] }, false)
  expect(text).toContain(
    '  FAIL  protocol                          model ready: answered HTTP 503, expected 200',
  )
  expect(text).toContain(
    '    GET /v2/models/ticket-router/ready: model ready: answered HTTP 503, expected 200\n',
  )
  expect(text).not.toContain('--replay GET')
})
