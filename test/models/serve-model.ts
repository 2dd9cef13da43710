/**
 * The project's own test model servers: real node:http servers speaking a bundled contract's
 * protocol (the wire through standin's protocol module, the predictions from `brains.ts`), with
 * one injectable defect. Used by the verify tests and runnable by hand:
 *
 *   node --import tsx test/models/json-model.ts --defect slow --port 8080
 */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { loadContract } from '../../src/contract/index.js'
import { getProtocol } from '../../src/protocol/index.js'
import type { ServeFailure, StaticAnswer } from '../../src/protocol/index.js'
import type { Contract } from '../../src/contract/contract-types.js'
import type { Brain } from './brains.js'
import { isDefect } from './defects.js'
import type { Defect } from './defects.js'

/** A running test model. */
export interface RunningModel {
  /** Base URL, for example `http://127.0.0.1:40123`. */
  readonly url: string
  /** Valid requests served so far. */
  readonly served: () => number
  readonly close: () => Promise<void>
}

const contractsDir = fileURLToPath(new URL('../../contracts/', import.meta.url))

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/**
 * A metadata or health answer, bent by the protocol defects: `metadata-mismatch` publishes the
 * first input tensor with another datatype and shape (or, without model metadata, a model
 * status with no version AVAILABLE), `not-ready` answers every readiness probe 503,
 * `metadata-not-json` answers the metadata with HTML and `metadata-hangs` never answers it.
 */
function answerStatic(
  res: ServerResponse,
  path: string,
  answer: StaticAnswer,
  contract: Contract,
  defect: Defect,
  send: (res: ServerResponse, status: number, type: string, body: string) => void,
): void {
  const ready =
    path.endsWith('/ready') || path === `/v1/models/${contract.name}` || path === '/ping'
  if (defect === 'not-ready' && ready)
    return send(res, 503, 'application/json', JSON.stringify({ ready: false }))
  const metadata = path === `/v2/models/${contract.name}` || path === `/v1/models/${contract.name}`
  if (defect === 'metadata-hangs' && metadata) return
  if (defect === 'metadata-not-json' && metadata)
    return send(res, 200, 'text/html', '<html><body>Model dashboard</body></html>')
  if (defect === 'metadata-mismatch' && path === `/v2/models/${contract.name}`) {
    const meta = JSON.parse(answer.body) as { inputs: { datatype: string; shape: number[] }[] }
    const first = meta.inputs[0]
    if (first) {
      first.datatype = first.datatype === 'BYTES' ? 'FP32' : 'BYTES'
      first.shape = [-1, 7]
    }
    return send(res, 200, 'application/json', JSON.stringify(meta))
  }
  if (defect === 'metadata-mismatch' && path === `/v1/models/${contract.name}`)
    return send(
      res,
      200,
      'application/json',
      JSON.stringify({ model_version_status: [{ version: '1', state: 'LOADING' }] }),
    )
  send(res, answer.status, answer.contentType, answer.body)
}

/**
 * Starts the model of `brain` with `defect` on 127.0.0.1 (port 0: an ephemeral port), serving
 * `served` instead of the bundled contract when given (a json endpoint that declares batches).
 *
 * @example
 * const model = await startModel(transactionBrain, 'good')
 * await verify(contract, { target: model.url })
 * await model.close()
 */
export async function startModel(
  brain: Brain,
  defect: Defect,
  port = 0,
  served?: Contract,
): Promise<RunningModel> {
  const contract = served ?? (await loadContract(`${contractsDir}${brain.contract}.contract.yaml`))
  const protocol = getProtocol(contract.protocol)
  const compiled = protocol.compile(contract)
  const infer = compiled.routes.find((r) => r.kind === 'infer')
  let valid = 0
  // Slow enough to break the contract's own p50 promise, whatever it is.
  const slowMs = 2 * (contract.checks.latency?.p50 ?? 40) + 10
  const send = (res: ServerResponse, status: number, type: string, body: string): void => {
    res.writeHead(status, { 'content-type': type })
    res.end(body)
  }
  const refuse = (
    res: ServerResponse,
    failure: Omit<ServeFailure, 'problems'> & { problems?: ServeFailure['problems'] },
  ): void => {
    const answer = protocol.encodeError({ problems: [], ...failure })
    send(res, failure.status, answer.contentType, JSON.stringify(answer.body))
  }
  // The protocol's metadata and health endpoints, as a real server of the protocol has them.
  const statics = new Map<string, StaticAnswer>()
  for (const route of [
    ...compiled.routes,
    ...protocol.serverRoutes([contract], { name: 'test-model', version: '1.0.0' }),
  ])
    if (route.kind === 'static' && route.method === 'GET') statics.set(route.path, route.answer)
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    const fixed = req.method === 'GET' ? statics.get(path) : undefined
    if (fixed) return answerStatic(res, path, fixed, contract, defect, send)
    if (!infer || req.method !== infer.method || path !== infer.path)
      return refuse(res, {
        status: 404,
        type: 'not-found',
        title: 'Not found',
        detail: `no route ${req.method ?? ''} ${path ?? ''}`,
      })
    const text = await readBody(req)
    if (!/^application\/(.+\+)?json\b/.test(req.headers['content-type'] ?? ''))
      return refuse(res, {
        status: 415,
        type: 'unsupported-media-type',
        title: 'Unsupported media type',
        detail: 'send application/json',
      })
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      return refuse(res, {
        status: 400,
        type: 'malformed-json',
        title: 'Malformed JSON',
        detail: 'the body is not JSON',
      })
    }
    const decoded = compiled.decodeRequest(body)
    if (!decoded.ok)
      return refuse(res, {
        status: 400,
        type: 'invalid-envelope',
        title: 'Invalid envelope',
        detail: 'wrong envelope',
        problems: decoded.problems,
      })
    const { batch } = decoded
    if (defect !== 'accepts-invalid') {
      const problems = batch.records.flatMap((r, i) =>
        contract.validateInput(r).map((p) => ({ ...p, pointer: batch.pointer(i, p.pointer) })),
      )
      if (problems.length > 0)
        return refuse(res, {
          status: protocol.invalidStatus,
          type: 'invalid-input',
          title: 'Invalid input',
          detail: 'the input breaks the schema',
          problems,
        })
    }
    valid++
    if (defect === 'errors-5pct' && valid % 20 === 0)
      return send(
        res,
        500,
        'text/html',
        '<html><body><h1>500 Internal Server Error</h1></body></html>',
      )
    if (defect === 'drops' && valid % 10 === 0) {
      req.socket.destroy()
      return
    }
    if (defect === 'slow') await new Promise((r) => setTimeout(r, slowMs))
    if (defect === 'text') return send(res, 200, 'text/plain', 'prediction: ok')
    const outputs = batch.records.map((record) => {
      let output: Record<string, unknown>
      try {
        output = brain.predict(record as Record<string, unknown>, defect)
      } catch {
        output = brain.predict({}, defect)
      }
      if (defect === 'wrong-type') output[brain.wrongType.field] = brain.wrongType.value
      if (defect === 'out-of-range') output[brain.outOfRange.field] = brain.outOfRange.value
      if (defect === 'undeclared-field') output.debug_trace = { layer: 3 }
      return output
    })
    const answer = compiled.encodeResponse(outputs, batch) as Record<string, unknown>
    // kserve-v2 carries only declared tensors: the undeclared field goes out as its own tensor.
    if (defect === 'undeclared-field' && Array.isArray(answer.outputs))
      answer.outputs = [
        ...(answer.outputs as unknown[]),
        {
          name: 'debug_trace',
          shape: [outputs.length],
          datatype: 'BYTES',
          data: outputs.map(() => 'layer 3'),
        },
      ]
    send(res, 200, 'application/json', JSON.stringify(answer))
  }
  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, 'text/plain', 'internal error'))
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const { port: bound } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${bound}`,
    served: () => valid,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Runs a model from the command line: `--defect NAME --port N`. */
export async function runModelCli(brain: Brain): Promise<void> {
  const { values } = parseArgs({
    options: {
      defect: { type: 'string', default: 'good' },
      port: { type: 'string', default: '8080' },
    },
  })
  const defect = values.defect ?? 'good'
  if (!isDefect(defect)) throw new Error(`unknown defect '${defect}'`)
  const model = await startModel(brain, defect, Number(values.port))
  process.stdout.write(`${brain.contract} (${defect}) listening on ${model.url}\n`)
}
