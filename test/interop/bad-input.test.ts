/**
 * Bad input to `standin import`: one line naming the file or URL and the place in it, exit 2,
 * nothing on standard output and no contract written. The exact text of each.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { root, runBin, runInProcess } from '../helpers/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'standin-import-bad-'))
const out = join(dir, 'written.contract.yaml')
let server: Server
let base = ''
let closedPort = 0
/** The authorization header of every request the server got. */
const authorizations: (string | undefined)[] = []

beforeAll(async () => {
  mkdirSync(join(dir, 'yaml'))
  writeFileSync(join(dir, 'yaml', 'MLmodel'), 'signature:\n  inputs: [oops\n  outputs: x\n')
  mkdirSync(join(dir, 'type'))
  writeFileSync(
    join(dir, 'type', 'MLmodel'),
    `signature:\n  inputs: '[{"name": "x", "type": "decimal"}]'\n`,
  )
  mkdirSync(join(dir, 'empty'))
  writeFileSync(
    join(dir, 'remote.yaml'),
    [
      'openapi: 3.1.0',
      'info: { title: t, version: 1.0.0 }',
      'paths:',
      '  /predict:',
      '    post:',
      '      requestBody:',
      '        content:',
      '          application/json:',
      "            schema: { $ref: 'https://example.com/schemas.json#/Input' }",
      "      responses: { '200': { description: ok } }",
      '',
    ].join('\n'),
  )
  writeFileSync(join(dir, 'invalid.yaml'), 'openapi: 3.0.3\ninfo: { title: t }\npaths: {}\n')
  writeFileSync(join(dir, 'string.json'), JSON.stringify('x'.repeat(5000)))
  server = createServer((request, response) => {
    authorizations.push(request.headers.authorization)
    if (request.url === '/v2/models/html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      response.end('<!doctype html><title>Login</title>')
    } else if (request.url === '/v2/models/shape') {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ name: 'shape', platform: 'x', inputs: 'input-0' }))
    } else if (request.url === '/v2/models/datatype') {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(
        JSON.stringify({ name: 'm', inputs: [{ name: 'a', datatype: 'FP128', shape: [-1] }] }),
      )
    } else if (request.url === '/v2/models/stall') {
      // Headers at once, then a space a second: the body never ends.
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write('{')
      const tick = setInterval(() => response.write(' '), 1000)
      response.on('close', () => clearInterval(tick))
    } else {
      response.writeHead(404, { 'content-type': 'application/json' })
      response.end('{"error":"Model not found"}')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const closed = createServer()
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
  closedPort = (closed.address() as AddressInfo).port
  await new Promise<void>((resolve) => closed.close(() => resolve()))
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  rmSync(dir, { recursive: true, force: true })
})

const tgi = 'test/fixtures/text-generation-inference/openapi.json'
const cases: { what: string; args: () => string[]; line: () => string }[] = [
  {
    what: 'an MLmodel with a YAML error',
    args: () => ['mlflow', join(dir, 'yaml')],
    line: () =>
      `${join(dir, 'yaml', 'MLmodel')}:3:3#: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]. Fix the YAML there (quote strings that contain ": " or " #").`,
  },
  {
    what: 'an MLmodel with an unknown type',
    args: () => ['mlflow', join(dir, 'type', 'MLmodel')],
    line: () =>
      `${join(dir, 'type', 'MLmodel')}#/signature/inputs/0/type: unknown MLflow type "decimal"; expected one of boolean, integer, long, float, double, string, binary, datetime, array, object, map, any, sparkml_vector, tensor. Fix the type, or log the model again with a current MLflow.`,
  },
  {
    what: "MLflow's own model without a signature",
    args: () => ['mlflow', 'test/fixtures/mlflow/sklearn-1x'],
    line: () =>
      'test/fixtures/mlflow/sklearn-1x/MLmodel#/signature: the model has no signature, so there is nothing to import. Log the model with a signature (mlflow.models.infer_signature) or an input example, then import it again.',
  },
  {
    what: 'a folder without an MLmodel',
    args: () => ['mlflow', join(dir, 'empty')],
    line: () =>
      `${join(dir, 'empty')}#: this folder holds no MLmodel file. Give the MLflow model folder (the one with MLmodel in it) or the MLmodel file itself.`,
  },
  {
    what: 'an unreachable V2 metadata endpoint',
    args: () => ['kserve-v2', `http://127.0.0.1:${closedPort}/v2/models/iris`],
    line: () =>
      `http://127.0.0.1:${closedPort}/v2/models/iris#: could not be reached (ECONNREFUSED). Check the URL and that the model server is running, or import a saved metadata file.`,
  },
  {
    what: 'a V2 metadata endpoint that sends its headers and then stalls the body',
    args: () => ['kserve-v2', `${base}/v2/models/stall`, '--timeout', '2s'],
    line: () =>
      `${base}/v2/models/stall#: sent its headers but could not be read (no whole answer within 2s). Check the URL and that the model server is running, or import a saved metadata file.`,
  },
  {
    what: 'a V2 metadata endpoint that answers HTML',
    args: () => ['kserve-v2', `${base}/v2/models/html`],
    line: () =>
      `${base}/v2/models/html#: answered HTML (text/html; charset=utf-8), not JSON. Point at the metadata endpoint itself: <server>/v2/models/<name>.`,
  },
  {
    what: 'a V2 metadata endpoint that answers a wrong shape',
    args: () => ['kserve-v2', `${base}/v2/models/shape`],
    line: () =>
      `${base}/v2/models/shape#/inputs: expected a non-empty list of tensor metadata ({"name", "datatype", "shape"}), got "input-0". Point at the model metadata (GET /v2/models/<name>), not the server metadata or an inference answer.`,
  },
  {
    what: 'a V2 metadata endpoint with an unknown datatype',
    args: () => ['kserve-v2', `${base}/v2/models/datatype`],
    line: () =>
      `${base}/v2/models/datatype#/inputs/0/datatype: unknown datatype "FP128"; expected one of BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES. Use an Open Inference Protocol datatype.`,
  },
  {
    what: 'V2 metadata that is a long string (named by its type, not echoed)',
    args: () => ['kserve-v2', join(dir, 'string.json')],
    line: () =>
      `${join(dir, 'string.json')}#: expected a model metadata object, got a string. Point at the model metadata (GET /v2/models/<name>).`,
  },
  {
    what: 'a V2 metadata endpoint that answers 404',
    args: () => ['kserve-v2', `${base}/v2/models/missing`],
    line: () =>
      `${base}/v2/models/missing#: answered 404 Not Found. Check the URL: it should be the metadata endpoint itself: <server>/v2/models/<name>.`,
  },
  {
    what: 'a V2 metadata URL with credentials that answers 404 (the password masked)',
    args: () => [
      'kserve-v2',
      base.replace('http://', 'http://ci:s3cr3t-pass@') + '/v2/models/missing',
    ],
    line: () =>
      `${base.replace('http://', 'http://ci:***@')}/v2/models/missing#: answered 404 Not Found. Check the URL: it should be the metadata endpoint itself: <server>/v2/models/<name>.`,
  },
  {
    what: 'an OpenAPI URL that answers 404 (told what an OpenAPI URL is)',
    args: () => ['openapi', `${base}/openapi.json`, '--operation', 'x'],
    line: () =>
      `${base}/openapi.json#: answered 404 Not Found. Check the URL: it should be the OpenAPI document itself (FastAPI serves it at <server>/openapi.json).`,
  },
  {
    what: 'an invalid OpenAPI document',
    args: () => ['openapi', join(dir, 'invalid.yaml'), '--operation', 'x'],
    line: () =>
      `${join(dir, 'invalid.yaml')}#/info: is not a valid OpenAPI 3.0 document: must have required property 'version'. Fix the document (the OpenAPI specification says what belongs there), then import it again.`,
  },
  {
    what: 'an OpenAPI document with a remote $ref',
    args: () => ['openapi', join(dir, 'remote.yaml'), '--operation', 'POST /predict'],
    line: () =>
      `${join(dir, 'remote.yaml')}#/paths/~1predict/post/requestBody/content/application~1json/schema/$ref: refers to "https://example.com/schemas.json#/Input", outside this document; standin does not fetch remote or file references. Bundle the document into one file first (for example with redocly bundle), then import that.`,
  },
  {
    what: 'an operation with no JSON body',
    args: () => ['openapi', tgi, '--operation', 'health'],
    line: () =>
      `${tgi}#/paths/~1health/get: the operation GET /health has no JSON request body, so it cannot be imported. Pick an operation that takes JSON: compat_generate, get_chat_tokenize, generate, generate_stream, sagemaker_compatibility, tokenize, chat_completions, completions.`,
  },
  {
    what: 'an operation the document does not have',
    args: () => ['openapi', tgi, '--operation', 'generat'],
    line: () =>
      `${tgi}#/paths: has no operation "generat" (did you mean "generate"?). Pick one of: compat_generate, get_chat_tokenize, generate, generate_stream, sagemaker_compatibility, tokenize, chat_completions, completions.`,
  },
]

it.each(cases)('refuses $what with one line, exit 2 and no contract', async ({ args, line }) => {
  const run = await runInProcess(['import', ...args(), '--out', out], root)
  expect(run.stderr).toBe(`${line()}\n`)
  expect(run.stdout).toBe('')
  expect(run.code).toBe(2)
  expect(existsSync(out)).toBe(false)
})

it('sends the credentials of a metadata URL as Basic auth, where fetch refused the URL and echoed the password', async () => {
  authorizations.length = 0
  const run = await runInProcess(
    [
      'import',
      'kserve-v2',
      base.replace('http://', 'http://ci:s3cr3t-pass@') + '/v2/models/missing',
    ],
    root,
  )
  expect(authorizations).toEqual([`Basic ${Buffer.from('ci:s3cr3t-pass').toString('base64')}`])
  expect(run.stderr).not.toContain('s3cr3t')
})

it('exits 2 from the real command too, without a stack trace', async () => {
  const run = await runBin(['import', 'mlflow', 'test/fixtures/mlflow/sklearn-1x', '--out', out])
  expect(run.code).toBe(2)
  expect(run.stderr).toMatch(
    /^test\/fixtures\/mlflow\/sklearn-1x\/MLmodel#\/signature: the model has no signature/,
  )
  expect(run.stderr.split('\n')).toHaveLength(2)
  expect(existsSync(out)).toBe(false)
})

it('refuses options that belong to another kind of source', async () => {
  const run = await runInProcess(['import', 'mlflow', 'x', '--operation', 'generate'])
  expect(run.stderr).toBe(
    "standin import: --operation is for openapi sources only. Run 'standin import --help' for usage.\n",
  )
  expect(run.code).toBe(2)
  const kind = await runInProcess(['import', 'onnx', 'x'])
  expect(kind.stderr).toBe(
    "standin import: <mlflow|kserve-v2|openapi> must be one of mlflow, kserve-v2, openapi, not 'onnx'. Run 'standin import --help' for usage.\n",
  )
  expect(kind.code).toBe(2)
})
