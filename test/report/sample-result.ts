/** A hand-built VerifyResult with every kind of check and case, and hostile strings to escape. */
import type { VerifyResult } from '../../src/verify/index.js'

const hostile = '<script>alert("x")</script> & \'quotes\' ]]> \u0001'

/** A failed run against a URL with passing, failing, skipped and unreachable parts. */
export function sampleResult(): VerifyResult {
  const samples = Array.from({ length: 60 }, (_, i) => 5 + ((i * 37) % 50) / 2)
  return {
    format: 1,
    contract: {
      name: 'transaction-classifier',
      version: '1.2.0',
      protocol: 'json',
      file: 'contracts/transaction-classifier.contract.yaml',
    },
    target: { kind: 'url', description: 'http://127.0.0.1:8080/' },
    seed: 7,
    casesRequested: 3,
    startedAt: '2026-11-29T02:00:00.000Z',
    durationMs: 1234,
    verdict: 'failed',
    unreachable: 1,
    latency: { count: 60, min: 5, mean: 17, p50: 16, p95: 29, p99: 29.5, max: 29.5, samples },
    cases: [
      {
        id: 'generated:0',
        kind: 'generated',
        description: 'generated input #0',
        records: [{ narration: hostile, amount: 2 }],
        request: {
          method: 'POST',
          path: '/predict',
          headers: { 'content-type': 'application/json', authorization: '***' },
          body: JSON.stringify({ narration: hostile, amount: 2 }),
        },
        exchange: {
          kind: 'answered',
          status: 200,
          contentType: 'application/json',
          body: { category: 7 },
          json: true,
          latencyMs: 12.5,
        },
        outputs: [{ category: 7 }],
      },
      {
        id: 'generated:1',
        kind: 'generated',
        description: 'generated input #1',
        records: [{ narration: 'TFL', amount: 3 }],
        request: { method: 'POST', path: '/predict', headers: {}, body: '{}' },
        exchange: {
          kind: 'unreachable',
          reason: 'timeout',
          message: 'no answer within 10000 ms',
          latencyMs: 10000,
        },
      },
      {
        id: 'generated:2',
        kind: 'generated',
        description: 'generated input #2',
        records: [{ narration: 'POS TESCO', amount: 4 }],
        exchange: {
          kind: 'answered',
          status: 200,
          contentType: 'application/json',
          body: { category: 'groceries' },
          json: true,
          latencyMs: 8,
        },
        outputs: [{ category: 'groceries' }],
      },
      {
        id: 'invariance:0:generated:2',
        kind: 'perturbed',
        description: 'lowercase at /narration of generated:2',
        records: [{ narration: 'pos tesco', amount: 4 }],
        exchange: {
          kind: 'answered',
          status: 200,
          contentType: 'application/json',
          body: { category: hostile },
          json: true,
          latencyMs: 9,
        },
        outputs: [{ category: hostile }],
      },
      {
        id: 'negative:wrong-type:/amount',
        kind: 'negative',
        description: '/amount of the wrong type',
        records: [{ narration: 'x', amount: 'not-a-number' }],
        exchange: {
          kind: 'answered',
          status: 200,
          contentType: 'text/html',
          body: undefined,
          json: false,
          text: `<html>${hostile}</html>`,
          latencyMs: 3,
        },
      },
    ],
    checks: [
      {
        id: 'conformance',
        kind: 'conformance',
        name: 'conformance',
        status: 'failed',
        summary: 'valid inputs answered by the contract: 1 passed, 1 failed, 1 not answered',
        cases: [
          {
            caseId: 'generated:0',
            status: 'failed',
            message: 'the output breaks the output schema',
            problems: [
              {
                code: 'schema.type',
                severity: 'error',
                pointer: '/category',
                message: `must be string ${hostile}`,
              },
            ],
          },
          {
            caseId: 'generated:1',
            status: 'error',
            message: 'no answer within 10000 ms',
            problems: [],
          },
          { caseId: 'generated:2', status: 'passed', message: '', problems: [] },
        ],
        measurements: { passed: 1, failed: 1, error: 1, skipped: 0 },
      },
      {
        id: 'rejection',
        kind: 'rejection',
        name: 'rejection',
        status: 'failed',
        summary: 'invalid inputs refused with a 4xx: 0 passed, 1 failed',
        cases: [
          {
            caseId: 'negative:wrong-type:/amount',
            status: 'failed',
            message: 'accepted an invalid input: answered 200',
            problems: [],
          },
        ],
        measurements: { passed: 0, failed: 1 },
      },
      {
        id: 'examples',
        kind: 'examples',
        name: 'examples',
        status: 'skipped',
        summary: 'skipped: the contract has no examples',
        reason: 'the contract has no examples',
        cases: [],
        measurements: {},
      },
      {
        id: 'invariance: casing does not change the category',
        kind: 'invariance',
        name: 'casing does not change the category',
        status: 'failed',
        summary:
          'lowercase at /narration, /category stays equal: 0/1 pairs kept it (0%, threshold 100%)',
        cases: [
          {
            caseId: 'invariance:0:generated:2',
            baseId: 'generated:2',
            status: 'failed',
            message: `changed from "groceries" to ${hostile}`,
            problems: [
              {
                code: 'verify.invariance',
                severity: 'error',
                pointer: '/category',
                message: 'changed',
              },
            ],
          },
        ],
        measurements: { passed: 0, failed: 1, share: 0 },
        threshold: 1,
      },
      {
        id: 'distribution: /category',
        kind: 'distribution',
        name: '/category',
        status: 'passed',
        summary: '2 distinct values over 2 outputs, top share 50.0%',
        cases: [],
        measurements: { n: 2, distinct: 2, maxShare: 0.5 },
      },
      {
        id: 'failureRate',
        kind: 'failureRate',
        name: 'failureRate',
        status: 'failed',
        summary: '1 of 3 requests failed (33.3%), promised at most 1.0%',
        cases: [],
        measurements: { rate: 0.33 },
      },
      {
        id: 'latency',
        kind: 'latency',
        name: 'latency',
        status: 'passed',
        summary: 'p50 16.0 ms (≤ 50 ms)',
        cases: [],
        measurements: { p50: 16 },
      },
      {
        id: 'load',
        kind: 'load',
        name: 'load',
        status: 'skipped',
        summary: 'skipped: opt in with --load',
        reason: 'opt in with --load',
        cases: [],
        measurements: {},
      },
    ],
  }
}

export { hostile }
