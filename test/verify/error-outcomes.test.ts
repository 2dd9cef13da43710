/**
 * One mapping of errors to outcomes (issue 10): every fault kind through every target kind gets
 * the same verdict. Input problems are 4xx; injected faults, thrown errors, timeouts and invalid
 * outputs are failures, whether the model is a URL, a `MockModel`, an express app or a function.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import {
  createMock,
  errorOutcome,
  InjectedFaultError,
  InputValidationError,
} from '../../src/mock/index.js'
import type { MockModel } from '../../src/mock/index.js'
import { verify } from '../../src/verify/index.js'
import type { VerifyResult, VerifyTarget } from '../../src/verify/index.js'

const contract = await loadContract({
  contract: 1,
  name: 'scorer',
  version: '1.0.0',
  input: {
    type: 'object',
    required: ['x'],
    additionalProperties: false,
    properties: { x: { type: 'number', minimum: 0, maximum: 10 } },
  },
  output: {
    type: 'object',
    required: ['y'],
    additionalProperties: false,
    properties: { y: { type: 'number', minimum: 0 } },
  },
})

const faults = ['none', 'injected', 'thrown', 'timeout', 'invalid-output'] as const
type Fault = (typeof faults)[number]

/** The model with `fault`: refuses invalid inputs with their problems, then misbehaves. */
function modelWith(fault: Fault): (input: unknown) => Promise<unknown> {
  const good = createMock(contract, { seed: 3, latency: 'none' })
  return async (input) => {
    const problems = contract.validateInput(input)
    if (problems.length > 0) throw new InputValidationError(problems)
    if (fault === 'injected') throw new InjectedFaultError(contract.name)
    if (fault === 'thrown') throw new TypeError('cannot read properties of undefined')
    if (fault === 'timeout') return new Promise(() => undefined)
    if (fault === 'invalid-output') return good.invalidAnswer(input)
    return good.answer(input)
  }
}

/** Serves `predict` the way a team would, mapping what it throws with `errorOutcome`. */
async function reply(
  predict: (input: unknown) => Promise<unknown>,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  try {
    return { status: 200, body: await predict(body) }
  } catch (error) {
    const outcome = errorOutcome(error)
    return {
      status: outcome.status,
      body: {
        message: outcome.message,
        errors: outcome.kind === 'rejected' ? outcome.problems : [],
      },
    }
  }
}

async function urlModel(
  predict: (input: unknown) => Promise<unknown>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      let body: unknown
      try {
        body = /json/.test(req.headers['content-type'] ?? '')
          ? JSON.parse(Buffer.concat(chunks).toString('utf8'))
          : undefined
      } catch {
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end('{"message":"malformed JSON"}')
        return
      }
      void reply(predict, body).then((answer) => {
        res
          .writeHead(answer.status, { 'content-type': 'application/json' })
          .end(JSON.stringify(answer.body))
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function expressModel(predict: (input: unknown) => Promise<unknown>): VerifyTarget {
  const app = express()
  app.use(express.json())
  app.post('/predict', (req, res) => {
    void reply(predict, req.body as unknown).then((answer) =>
      res.status(answer.status).json(answer.body),
    )
  })
  return app
}

function mockModel(fault: Fault): MockModel {
  if (fault === 'injected') return createMock(contract, { seed: 3, latency: 'none', errorRate: 1 })
  return { ...createMock(contract, { seed: 3, latency: 'none' }), predict: modelWith(fault) }
}

function failing(result: VerifyResult): string[] {
  return result.checks
    .filter((c) => c.status === 'failed' || c.status === 'error')
    .map((c) => c.kind)
}

/** Room for a busy machine; only the timeout fault waits out its (shorter) timeout. */
const optionsFor = (fault: Fault): { cases: number; timeoutMs: number } => ({
  cases: 12,
  timeoutMs: fault === 'timeout' ? 1000 : 10_000,
})

for (const fault of faults) {
  it(`gives the same verdict for ${fault === 'none' ? 'a model without faults' : `the ${fault} fault`} through a URL, a MockModel, an express app and a function`, async () => {
    const options = optionsFor(fault)
    const served = await urlModel(modelWith(fault))
    const verdicts: Record<string, string[]> = {}
    try {
      verdicts.url = failing(await verify(contract, { ...options, target: served.url }))
    } finally {
      await served.close()
    }
    verdicts.mockModel = failing(await verify(contract, { ...options, target: mockModel(fault) }))
    verdicts.app = failing(
      await verify(contract, { ...options, target: expressModel(modelWith(fault)) }),
    )
    verdicts.function = failing(await verify(contract, { ...options, target: modelWith(fault) }))
    if (fault === 'none')
      verdicts.mock = failing(await verify(contract, { ...options, target: 'mock' }))
    const expected = {
      none: [],
      injected: ['conformance', 'failureRate'],
      thrown: ['conformance', 'failureRate'],
      // After 8 unanswered requests in a row the rest (negative cases too) is not sent.
      timeout: ['conformance', 'rejection', 'failureRate'],
      'invalid-output': ['conformance'],
    }[fault]
    expect(verdicts).toEqual(Object.fromEntries(Object.keys(verdicts).map((t) => [t, expected])))
  }, 30_000)
}

it('maps input problems to a 422 rejection and everything else to a 500 failure', () => {
  const problems = contract.validateInput({ x: 'a' })
  expect(errorOutcome(new InputValidationError(problems))).toMatchObject({
    kind: 'rejected',
    status: 422,
    problems,
  })
  expect(errorOutcome(new InjectedFaultError('scorer'))).toMatchObject({
    kind: 'failed',
    status: 500,
    injected: true,
  })
  expect(errorOutcome(new Error('boom'))).toEqual({
    kind: 'failed',
    status: 500,
    message: 'boom',
    injected: false,
  })
  expect(errorOutcome(Object.assign(new Error('no problems'), { problems: [] })).kind).toBe(
    'failed',
  )
  expect(errorOutcome('a string').message).toBe('a string')
})
