/**
 * Boundary and negative cases reach nested fields: objects inside the record and the items of
 * its arrays. A model that checks only the top level of its input passes none of the nested
 * rejections, and each one is named by its pointer.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { verify } from '../../src/verify/index.js'

const contract = await loadContract({
  contract: 1,
  name: 'basket-scorer',
  version: '1.0.0',
  protocol: 'json',
  endpoint: { method: 'POST', path: '/score' },
  input: {
    type: 'object',
    additionalProperties: false,
    required: ['customer', 'items'],
    properties: {
      customer: { $ref: '#/$defs/Customer', description: 'Who buys.' },
      items: {
        type: 'array',
        minItems: 1,
        maxItems: 5,
        description: 'What is in the basket.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['sku', 'qty'],
          properties: {
            sku: { type: 'string', pattern: '^[A-Z]{3}-[0-9]{3}$', description: 'Stock unit.' },
            qty: { type: 'integer', minimum: 1, maximum: 99, description: 'How many.' },
          },
        },
      },
    },
    $defs: {
      Customer: {
        type: 'object',
        additionalProperties: false,
        required: ['age', 'tier'],
        properties: {
          age: { type: 'integer', minimum: 18, maximum: 120, description: 'Years.' },
          tier: { type: 'string', enum: ['gold', 'silver'], description: 'Loyalty tier.' },
        },
      },
    },
  },
  output: {
    type: 'object',
    additionalProperties: false,
    required: ['score'],
    properties: { score: { type: 'number', minimum: 0, maximum: 1, description: 'Score.' } },
  },
})

const nested = [
  'negative:missing-required:/customer/age',
  'negative:missing-required:/items/0/qty',
  'negative:out-of-range:/customer/age:above-maximum',
  'negative:out-of-range:/items/0/qty:below-minimum',
  'negative:wrong-type:/items/0/sku',
  'negative:unknown-enum:/customer/tier',
  'negative:undeclared-field:/customer',
  'negative:undeclared-field:/items/0',
]

it('plans boundary and negative cases for nested fields, and the stand-in passes them all', async () => {
  const result = await verify(contract, { target: 'mock', cases: 20, seed: 3 })
  const ids = result.cases.map((c) => c.id)
  expect(ids).toEqual(expect.arrayContaining(nested))
  expect(ids).toEqual(
    expect.arrayContaining([
      'boundary:/customer/age:min',
      'boundary:/customer/age:max',
      'boundary:/customer/tier:enum="silver"',
      'boundary:/items/0/qty:max',
    ]),
  )
  expect(result.verdict).toBe('passed')
})

it('fails a model that checks only the top level, naming each nested rejection it missed', async () => {
  const server = createServer((req, res) => {
    let text = ''
    req.on('data', (chunk: Buffer) => (text += chunk.toString()))
    req.on('end', () => {
      let body: unknown
      try {
        body = JSON.parse(text)
      } catch {
        body = undefined
      }
      const ok =
        typeof body === 'object' &&
        body !== null &&
        'customer' in body &&
        Array.isArray((body as { items?: unknown }).items) &&
        req.headers['content-type'] === 'application/json'
      res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' })
      res.end(JSON.stringify(ok ? { score: 0.5 } : { error: 'bad request' }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const result = await verify(contract, {
      target: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      cases: 20,
      seed: 3,
    })
    const rejection = result.checks.find((c) => c.kind === 'rejection')
    expect(rejection?.status).toBe('failed')
    const missed = rejection?.cases.filter((c) => c.status === 'failed').map((c) => c.caseId)
    expect(missed).toEqual(expect.arrayContaining(nested))
    expect(result.verdict).toBe('failed')
  } finally {
    server.close()
  }
})
