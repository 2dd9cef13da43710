/**
 * Every vendored real document (test/fixtures/<source>, each with its licence): `standin import`
 * run as a child process writes a contract that lints clean of errors, that `standin serve`
 * serves (one generated request, sent as the protocol sends it, gets a schema-valid answer), and
 * that `standin verify --target mock` passes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { getProtocol, loadContract, sampleContract } from '../../src/index.js'
import { binPath, runBin } from '../helpers/run-cli.js'
import { startProcess } from '../helpers/start-bin.js'

const out = mkdtempSync(join(tmpdir(), 'standin-real-documents-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

interface Case {
  readonly kind: 'mlflow' | 'kserve-v2' | 'openapi'
  readonly source: string
  readonly operation?: string
  /** `--protocol` of `import openapi` (json when absent). */
  readonly as?: 'openai-chat'
  /** The contract written: its name, protocol, examples and notes. */
  readonly name: string
  readonly protocol: string
  readonly examples: number
  readonly notes: number
}

const fixtures = 'test/fixtures'
const cases: Case[] = [
  // MLflow: column-based (arrays of objects, an unnamed output, an input example), column-based
  // with names that hold spaces, tensor-based, and params.
  {
    kind: 'mlflow',
    source: `${fixtures}/mlflow/langchain-2.12`,
    name: 'langchain-2-12',
    protocol: 'mlflow',
    examples: 1,
    notes: 0,
  },
  {
    kind: 'mlflow',
    source: `${fixtures}/mlflow/sample-model-root/MLmodel`,
    name: 'sample-model-root',
    protocol: 'mlflow',
    examples: 0,
    notes: 1,
  },
  {
    kind: 'mlflow',
    source: `${fixtures}/mlflow/mnist-tensor`,
    name: 'mnist-tensor',
    protocol: 'mlflow',
    examples: 0,
    notes: 0,
  },
  {
    kind: 'mlflow',
    source: `${fixtures}/mlflow/params-text`,
    name: 'params-text',
    protocol: 'mlflow',
    examples: 0,
    notes: 1,
  },
  // V2 model metadata as MLServer keeps it.
  {
    kind: 'kserve-v2',
    source: `${fixtures}/mlserver/sum-model.model-settings.json`,
    name: 'sum-model',
    protocol: 'kserve-v2',
    examples: 0,
    notes: 4,
  },
  {
    kind: 'kserve-v2',
    source: `${fixtures}/mlserver/content-type.model-settings.json`,
    name: 'content-type-example',
    protocol: 'kserve-v2',
    examples: 0,
    notes: 4,
  },
  // OpenAPI: Hugging Face TGI (3.0.3, utoipa), Infinity (3.1.0, FastAPI), the Open Inference
  // Protocol's own REST specification (3.0.0).
  {
    kind: 'openapi',
    source: `${fixtures}/text-generation-inference/openapi.json`,
    operation: 'generate',
    name: 'generate',
    protocol: 'json',
    examples: 0,
    notes: 2,
  },
  // The same operation as a tool an LLM calls (openai-chat).
  {
    kind: 'openapi',
    source: `${fixtures}/text-generation-inference/openapi.json`,
    operation: 'generate',
    as: 'openai-chat',
    name: 'generate',
    protocol: 'openai-chat',
    examples: 0,
    notes: 3,
  },
  {
    kind: 'openapi',
    source: `${fixtures}/text-generation-inference/openapi.json`,
    operation: 'POST /tokenize',
    name: 'tokenize',
    protocol: 'json',
    examples: 0,
    notes: 2,
  },
  {
    kind: 'openapi',
    source: `${fixtures}/infinity/openapi.json`,
    operation: 'embeddings',
    name: 'embeddings',
    protocol: 'json',
    examples: 0,
    notes: 2,
  },
  {
    kind: 'openapi',
    source: `${fixtures}/infinity/openapi.json`,
    operation: 'rerank',
    name: 'rerank',
    protocol: 'json',
    examples: 0,
    notes: 1,
  },
  {
    kind: 'openapi',
    source: `${fixtures}/open-inference-protocol/open_inference_rest.yaml`,
    operation: 'POST /v2/models/${MODEL_NAME}/versions/${MODEL_VERSION}/infer',
    name: 'post-v2-models-model-name-versions-model-version-infer',
    protocol: 'json',
    examples: 0,
    notes: 4,
  },
]

/** Sends one generated input the way the contract's protocol does, and checks the answer. */
async function serveOne(file: string): Promise<void> {
  const contract = await loadContract(file)
  const server = await startProcess(
    process.execPath,
    [binPath, 'serve', file, '--port', '0', '--latency', '0'],
    /at (http:\/\/127\.0\.0\.1:\d+)/,
  )
  try {
    const [input] = sampleContract(contract, { side: 'input', count: 1, seed: 3 })
    const protocol = getProtocol(contract.protocol)
    const request = protocol.encodeRequest(contract, [input])
    const answer = await fetch(`${server.match[1] ?? ''}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: JSON.stringify(request.body),
    })
    expect(answer.status).toBe(200)
    const decoded = protocol.decodeResponse(contract, answer.status, await answer.json(), 1)
    expect(decoded).toHaveProperty('outputs')
    const [output] = 'outputs' in decoded ? decoded.outputs : []
    expect(contract.validateOutput(output)).toEqual([])
  } finally {
    await server.stop()
  }
}

it.each(cases)(
  'imports $kind $source $operation $as: lints clean, is served, and passes verify --target mock',
  async (c) => {
    const file = join(out, `${c.name}-${c.kind}${c.as ? `-${c.as}` : ''}.contract.yaml`)
    const imported = await runBin([
      'import',
      c.kind,
      c.source,
      ...(c.operation ? ['--operation', c.operation] : []),
      ...(c.as ? ['--protocol', c.as] : []),
      '--out',
      file,
    ])
    expect(imported.stderr).toMatch(
      new RegExp(
        `^Wrote .*: the contract "${c.name}" on the ${c.protocol} protocol, ${c.examples} examples?, ${c.notes === 0 ? 'nothing left out' : `${c.notes} notes? on what it could not carry`}`,
      ),
    )
    expect(imported.code).toBe(0)
    expect(readFileSync(file, 'utf8')).toMatch(/^# Imported from /)

    const lint = await runBin(['lint', file])
    expect(lint.stdout + lint.stderr).not.toMatch(/^error/m)
    expect(lint.code).toBe(0)

    await serveOne(file)

    const verify = await runBin(['verify', file, '--target', 'mock', '--cases', '20'], {
      timeoutMs: 60_000,
    })
    expect(verify.stdout).toMatch(/^passed: /m)
    expect(verify.code).toBe(0)
  },
  120_000,
)
