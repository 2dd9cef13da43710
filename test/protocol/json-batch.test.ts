/**
 * The json protocol is one record per request unless the contract's endpoint declares batches
 * (issue 10): the stand-in refuses an array naming the pointer, verify sends no batch case, and
 * lint refuses a batching key on another protocol or with a wrong value, by pointer.
 */
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { lintContracts } from '../../src/lint/index.js'
import { loadContract } from '../../src/contract/index.js'
import { startServer } from '../../src/serve/index.js'
import { verify } from '../../src/verify/index.js'

const contract = (
  endpoint: Record<string, unknown>,
  protocol = 'json',
): Record<string, unknown> => ({
  contract: 1,
  name: 'scorer',
  version: '1.0.0',
  protocol,
  endpoint,
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
    properties: { y: { type: 'number' } },
  },
})

async function post(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: await response.json() }
}

it('refuses an array with a 400 naming the pointer when the endpoint declares no batches', async () => {
  const server = await startServer([await loadContract(contract({ path: '/predict' }))], {
    port: 0,
    latency: 'none',
  })
  try {
    const answer = await post(server.url, [{ x: 1 }, { x: 2 }])
    expect(answer.status).toBe(400)
    expect((answer.body as { errors: unknown }).errors).toEqual([
      {
        pointer: '',
        code: 'protocol.batch-undeclared',
        message:
          'expected one record (an object), got an array: POST /predict takes one record per request; the contract declares no batches (endpoint.batch)',
      },
    ])
    expect((await post(server.url, { x: 1 })).status).toBe(200)
  } finally {
    await server.close()
  }
})

it('answers an array of outputs, one per record, where the endpoint declares batch: true', async () => {
  const server = await startServer([await loadContract(contract({ batch: true }))], {
    port: 0,
    latency: 'none',
  })
  try {
    const answer = await post(server.url, [{ x: 1 }, { x: 2 }, { x: 3 }])
    expect(answer.status).toBe(200)
    expect(Array.isArray(answer.body) && answer.body.length).toBe(3)
    const empty = await post(server.url, [])
    expect(empty.status).toBe(400)
  } finally {
    await server.close()
  }
})

it('sends a batch case to a json model only when its endpoint declares batches', async () => {
  const one = await verify(await loadContract(contract({})), { target: 'mock', cases: 5 })
  expect(one.cases.filter((c) => c.kind === 'batch')).toEqual([])
  const many = await loadContract(contract({ batch: true }))
  const server = await startServer([many], { port: 0, latency: 'none' })
  try {
    const result = await verify(many, { target: server.url, cases: 5 })
    expect(result.cases.filter((c) => c.kind === 'batch').map((c) => c.records.length)).toEqual([3])
    expect(result.checks.find((c) => c.kind === 'conformance')?.status).toBe('passed')
  } finally {
    await server.close()
  }
})

it('reports a batching key on another protocol, a wrong value, or array records, by pointer', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'standin-batch-'))
  const files = {
    'kserve.contract.json': contract({ batch: true }, 'kserve-v2'),
    'wrong.contract.json': contract({ batch: 'yes' }),
    'arrays.contract.json': {
      ...contract({ batch: true }),
      input: { type: 'array', items: { type: 'number' } },
    },
  }
  for (const [name, data] of Object.entries(files))
    await writeFile(join(dir, name), JSON.stringify({ ...data, name: name.split('.')[0] }))
  const report = await lintContracts(
    Object.keys(files).map((f) => join(dir, f)),
    { generate: false },
  )
  const errors = report.problems
    .filter((p) => p.severity === 'error')
    .map((p) => `${p.file?.slice(dir.length + 1) ?? ''}#${p.pointer}: ${p.message}`)
  expect(errors).toEqual([
    'kserve.contract.json#/endpoint/batch: endpoint.batch is for the json protocol; protocol "kserve-v2" has its own batch envelope',
    'wrong.contract.json#/endpoint/batch: must be a boolean, found a string',
    'arrays.contract.json#/endpoint/batch: endpoint.batch needs records that are not arrays: with an array input schema, a JSON array body could be one record',
  ])
})
