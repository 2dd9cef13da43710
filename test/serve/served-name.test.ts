/**
 * A model served under another name (and version) than its contract's: Triton's densenet_onnx
 * at /v2/models/densenet_onnx/versions/1, TF Serving's half_plus_two at
 * /v1/models/half_plus_two:predict. The stand-in answers there, says so in its metadata and
 * answers, and verify probes and calls the same paths.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { loadContract } from '../../src/contract/index.js'
import { lintContracts } from '../../src/lint/index.js'
import { startServer } from '../../src/serve/index.js'
import { verify } from '../../src/verify/index.js'

const record = (field: string, type: string) => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: [field],
  properties: { [field]: { type } },
})

const triton = await loadContract({
  contract: 1,
  name: 'densenet-onnx',
  version: '1.0.0',
  protocol: 'kserve-v2',
  endpoint: { model: 'densenet_onnx', version: '1' },
  input: record('x', 'number'),
  output: record('label', 'integer'),
})
const tfServing = await loadContract({
  contract: 1,
  name: 'half-plus-two',
  version: '1.0.0',
  protocol: 'v1',
  endpoint: { model: 'half_plus_two' },
  input: record('x', 'number'),
  output: record('y', 'number'),
})

it('serves a model under its own name and version, and verify finds it there', async () => {
  const server = await startServer([triton, tfServing], { port: 0, latency: 'none', errorRate: 0 })
  try {
    const metadata = await fetch(`${server.url}/v2/models/densenet_onnx`)
    expect(await metadata.json()).toMatchObject({ name: 'densenet_onnx', versions: ['1'] })
    const infer = await fetch(`${server.url}/v2/models/densenet_onnx/versions/1/infer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: [{ name: 'x', datatype: 'FP32', shape: [1], data: [0.5] }] }),
    })
    expect(infer.status).toBe(200)
    expect(await infer.json()).toMatchObject({ model_name: 'densenet_onnx', model_version: '1' })
    expect((await fetch(`${server.url}/v2/models/densenet-onnx`)).status).toBe(404)
    const predict = await fetch(`${server.url}/v1/models/half_plus_two:predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instances: [{ x: 1 }] }),
    })
    expect(predict.status).toBe(200)
    for (const contract of [triton, tfServing]) {
      const result = await verify(contract, { target: server.url, cases: 10 })
      const failed = result.checks
        .filter((c) => c.status === 'failed')
        .flatMap((c) => c.cases.filter((v) => v.status !== 'passed').map((v) => v.message))
      expect({ contract: contract.name, failed }).toEqual({ contract: contract.name, failed: [] })
    }
  } finally {
    await server.close()
  }
})

it('warns of endpoint keys the protocol does not read, by pointer', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'standin-served-name-')), 'mixed.contract.json')
  writeFileSync(
    file,
    JSON.stringify({
      contract: 1,
      name: 'mixed',
      version: '1.0.0',
      description: 'A model whose endpoint names keys of other protocols.',
      owner: 'ml-team',
      protocol: 'kserve-v2',
      endpoint: { path: '/score', model: 'mixed_v2', version: '3' },
      input: record('x', 'number'),
      output: record('y', 'number'),
    }),
  )
  const report = await lintContracts([file])
  const warnings = report.problems
    .filter((p) => p.code === 'contract.ignored-key')
    .map((p) => `${p.pointer}: ${p.message}`)
  expect(warnings).toEqual([
    '/endpoint/path: endpoint.path is ignored for protocol "kserve-v2": only json reads it',
  ])
})
