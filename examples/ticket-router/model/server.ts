/**
 * The ticket router served on the Open Inference Protocol (KServe v2 / Triton REST), written from
 * the protocol's specification: health (`/v2/health/live`, `/v2/health/ready`), server metadata
 * (`/v2`), model metadata and readiness (`/v2/models/ticket-router[/versions/2][/ready]`) and
 * inference (`POST /v2/models/ticket-router[/versions/2]/infer`). Each ticket field is a named
 * input tensor whose first dimension is the batch; each output field a named output tensor.
 * Errors are `{"error": "..."}` with status 400 (404 for an unknown model or path).
 *
 *   node --import tsx examples/ticket-router/model/server.ts [--port 8080] [--broken]
 *
 * `--broken` ships the bug of a hand-written response encoder: `queue_scores` loses its batch
 * dimension (shape `[6]` for one ticket, `[12]` for two, instead of `[1, 6]` / `[2, 6]`).
 */
import type { ServerResponse } from 'node:http'
import { BodyError, listen, parseServeArgs, readJson, sendJson } from '../../shared/http.js'
import { checkRecord, type Signature } from '../../shared/signature.js'
import { queues, trainRouter, type Ticket } from './train.js'

const MODEL = 'ticket-router'
const VERSION = '2'

/** The model config (what Triton keeps in config.pbtxt): input tensors and their datatypes. */
const inputs = [
  { name: 'ticket_id', datatype: 'BYTES', accepts: ['BYTES'], required: true },
  { name: 'subject', datatype: 'BYTES', accepts: ['BYTES'], required: true },
  { name: 'body', datatype: 'BYTES', accepts: ['BYTES'], required: true },
  { name: 'channel', datatype: 'BYTES', accepts: ['BYTES'], required: true },
  { name: 'customer_tier', datatype: 'BYTES', accepts: ['BYTES'], required: true },
  {
    name: 'order_value',
    datatype: 'FP64',
    accepts: ['FP32', 'FP64', 'INT32', 'INT64'],
    required: false,
  },
  { name: 'previous_tickets', datatype: 'INT64', accepts: ['INT32', 'INT64'], required: false },
] as const
const outputs = [
  { name: 'queue', datatype: 'BYTES', shape: [-1] },
  { name: 'queue_scores', datatype: 'FP32', shape: [-1, queues.length] },
  { name: 'priority', datatype: 'INT32', shape: [-1] },
  { name: 'language', datatype: 'BYTES', shape: [-1] },
] as const

/** Field rules the router checks after decoding the tensors (the service's request model). */
const signature: Signature = {
  ticket_id: { type: 'string', required: true, pattern: /^TCK-[0-9]{6,10}$/ },
  subject: { type: 'string', required: true, maxLength: 200 },
  body: { type: 'string', required: true, minLength: 1, maxLength: 5000 },
  channel: {
    type: 'string',
    required: true,
    enum: ['email', 'chat', 'web_form', 'phone_transcript'],
  },
  customer_tier: { type: 'string', required: true, enum: ['standard', 'plus', 'premium'] },
  order_value: { type: 'number', minimum: 0, maximum: 50000 },
  previous_tickets: { type: 'integer', minimum: 0, maximum: 500 },
}

class InferError extends Error {}

function flatten(data: unknown): unknown[] {
  return Array.isArray(data)
    ? (data as unknown[]).flatMap((d) => (Array.isArray(d) ? flatten(d) : [d]))
    : [data]
}

/** Decodes the request's input tensors into ticket records. */
function decodeTickets(body: unknown): { id?: string; tickets: Ticket[]; wanted?: Set<string> } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new InferError('request body must be an inference request object')
  const request = body as { id?: unknown; inputs?: unknown; outputs?: unknown }
  if (request.id !== undefined && typeof request.id !== 'string')
    throw new InferError("'id' must be a string")
  if (!Array.isArray(request.inputs) || request.inputs.length === 0)
    throw new InferError("'inputs' must be a non-empty array of tensors")
  let batch = -1
  const columns = new Map<string, unknown[]>()
  for (const [i, raw] of request.inputs.entries()) {
    const tensor = raw as { name?: unknown; shape?: unknown; datatype?: unknown; data?: unknown }
    const spec = inputs.find((s) => s.name === tensor.name)
    if (!spec)
      throw new InferError(
        `unexpected inference input '${String(tensor.name)}' at inputs[${i}] for model '${MODEL}'`,
      )
    if (columns.has(spec.name)) throw new InferError(`input '${spec.name}' given twice`)
    if (!(spec.accepts as readonly unknown[]).includes(tensor.datatype)) {
      throw new InferError(
        `input '${spec.name}' has datatype ${String(tensor.datatype)}, expected ${spec.datatype}`,
      )
    }
    const shape = tensor.shape
    if (
      !Array.isArray(shape) ||
      shape.length !== 1 ||
      !Number.isInteger(shape[0]) ||
      (shape[0] as number) < 1
    ) {
      throw new InferError(
        `input '${spec.name}' must have shape [batch], got ${JSON.stringify(shape)}`,
      )
    }
    const data = flatten(tensor.data)
    if (data.length !== shape[0])
      throw new InferError(
        `input '${spec.name}' has ${data.length} elements, its shape [${String(shape[0])}] says ${String(shape[0])}`,
      )
    if (batch >= 0 && data.length !== batch)
      throw new InferError(
        `input '${spec.name}' has batch size ${data.length}, other inputs ${batch}`,
      )
    batch = data.length
    columns.set(spec.name, data)
  }
  for (const spec of inputs) {
    if (spec.required && !columns.has(spec.name))
      throw new InferError(`expected input '${spec.name}' for model '${MODEL}'`)
  }
  const tickets: Ticket[] = []
  for (let row = 0; row < batch; row++) {
    const record: Record<string, unknown> = {}
    for (const [name, data] of columns)
      if (data[row] !== null && data[row] !== undefined) record[name] = data[row]
    const violations = checkRecord(record, signature)
    if (violations.length > 0) {
      throw new InferError(
        `row ${row}: ${violations.map((v) => `${v.pointer} ${v.message}`).join('; ')}`,
      )
    }
    tickets.push(record as unknown as Ticket)
  }
  const wanted = Array.isArray(request.outputs)
    ? new Set(request.outputs.map((o) => String((o as { name?: unknown }).name)))
    : undefined
  return {
    ...(request.id !== undefined ? { id: request.id } : {}),
    tickets,
    ...(wanted ? { wanted } : {}),
  }
}

const args = parseServeArgs(process.argv.slice(2))
const started = performance.now()
const model = trainRouter()
console.log(
  `trained ${MODEL} v${VERSION} on ${model.trainingRows} tickets in ${Math.round(performance.now() - started)} ms ` +
    `(queue accuracy ${(model.queueAccuracy * 100).toFixed(1)}%, priority ${(model.priorityAccuracy * 100).toFixed(1)}%)` +
    (args.broken ? ' [broken response encoder]' : ''),
)

const error = (res: ServerResponse, status: number, message: string): void =>
  sendJson(res, status, { error: message })

await listen(MODEL, args.port, async (req, res) => {
  const path = (req.url ?? '/').split('?')[0]!
  const get = req.method === 'GET'
  if (get && path === '/v2/health/live') return sendJson(res, 200, { live: true })
  if (get && path === '/v2/health/ready') return sendJson(res, 200, { ready: true })
  if (get && path === '/v2')
    return sendJson(res, 200, { name: 'examples-ticket-router', version: '1.0.0', extensions: [] })
  const match = /^\/v2\/models\/([^/]+)(?:\/versions\/([^/]+))?(\/ready|\/infer)?$/.exec(path)
  if (!match) return error(res, 404, `no route ${req.method ?? ''} ${path}`)
  const [, name, version, action] = match
  if (name !== MODEL || (version !== undefined && version !== VERSION)) {
    return error(res, 404, `unknown model '${name ?? ''}'${version ? ` version ${version}` : ''}`)
  }
  if (action === '/ready') return sendJson(res, 200, { name: MODEL, ready: true })
  if (action === undefined) {
    if (!get) return error(res, 405, `${req.method ?? ''} not allowed on model metadata`)
    return sendJson(res, 200, {
      name: MODEL,
      versions: [VERSION],
      platform: 'mljs_logistic_regression',
      inputs: inputs.map((s) => ({ name: s.name, datatype: s.datatype, shape: [-1] })),
      outputs: outputs.map((o) => ({ name: o.name, datatype: o.datatype, shape: o.shape })),
    })
  }
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST')
    return error(res, 405, `${req.method ?? ''} not allowed on /infer; use POST`)
  }
  let decoded: ReturnType<typeof decodeTickets>
  try {
    decoded = decodeTickets(await readJson(req))
  } catch (e) {
    if (e instanceof BodyError) return error(res, e.status, e.message)
    if (e instanceof InferError) return error(res, 400, e.message)
    throw e
  }
  const routed = model.route(decoded.tickets)
  const n = routed.length
  const tensors = [
    { name: 'queue', datatype: 'BYTES', shape: [n], data: routed.map((r) => r.queue) },
    {
      name: 'queue_scores',
      datatype: 'FP32',
      shape: args.broken ? [n * queues.length] : [n, queues.length],
      data: routed.flatMap((r) => r.queue_scores),
    },
    { name: 'priority', datatype: 'INT32', shape: [n], data: routed.map((r) => r.priority) },
    { name: 'language', datatype: 'BYTES', shape: [n], data: routed.map((r) => r.language) },
  ].filter((t) => !decoded.wanted || decoded.wanted.has(t.name))
  sendJson(res, 200, {
    model_name: MODEL,
    model_version: VERSION,
    ...(decoded.id !== undefined ? { id: decoded.id } : {}),
    outputs: tensors,
  })
})
