/**
 * The news-signals model behind TensorFlow Serving's REST API (the "v1" protocol KServe also
 * speaks), written from TF Serving's RESTful API document: `POST /v1/models/news-signals[/versions/3]:predict`
 * with `{"instances": [...]}` (row format, answered with `{"predictions": [...]}`) or
 * `{"inputs": ...}` (columnar, answered with `{"outputs": ...}`); `GET /v1/models/news-signals`
 * (status) and `.../metadata`. Errors are `{"error": "..."}` with status 400 (404 for an unknown model).
 *
 *   node --import tsx examples/news-signals/model/server.ts [--port 8501] [--broken]
 *
 * `--broken` ships the model without its final tanh: strong headlines score beyond ±1.
 */
import { BodyError, listen, parseServeArgs, readJson, sendJson } from '../../shared/http.js'
import { checkRecord, type Signature } from '../../shared/signature.js'
import { trainNewsModel, type Article } from './train.js'

const MODEL = 'news-signals'
const VERSION = '3'

const signature: Signature = {
  article_id: {
    type: 'string',
    required: true,
    minLength: 8,
    maxLength: 64,
    pattern: /^[A-Za-z0-9_-]+$/,
  },
  headline: { type: 'string', required: true, minLength: 1, maxLength: 300 },
  body: { type: 'string', maxLength: 4000 },
  source: {
    type: 'string',
    required: true,
    enum: ['reuters', 'bloomberg', 'dow_jones', 'pr_newswire', 'business_wire', 'company_filing'],
  },
  published_at: { type: 'string', required: true, format: 'date-time' },
  language: { type: 'string', const: 'en' },
}

class BadRequest extends Error {}
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** The records of a predict request, and whether the answer goes in `predictions` (row) or `outputs` (columnar). */
function decode(body: unknown): { records: unknown[]; columnar: boolean } {
  if (!isObject(body)) throw new BadRequest('JSON Value: request body must be an object')
  const has = (k: string): boolean => Object.hasOwn(body, k)
  if (has('instances') === has('inputs'))
    throw new BadRequest("Missing or extra 'instances' / 'inputs' key: give exactly one")
  const extra = Object.keys(body).filter(
    (k) => !['instances', 'inputs', 'signature_name'].includes(k),
  )
  if (extra.length > 0) throw new BadRequest(`Unexpected key(s) in request: ${extra.join(', ')}`)
  if (body.signature_name !== undefined && body.signature_name !== 'serving_default') {
    throw new BadRequest(
      `Serving signature name: "${JSON.stringify(body.signature_name)}" not found in signature def`,
    )
  }
  if (has('instances')) {
    if (!Array.isArray(body.instances) || body.instances.length === 0)
      throw new BadRequest("'instances' must be a non-empty list")
    return { records: body.instances, columnar: false }
  }
  const inputs = body.inputs
  if (Array.isArray(inputs)) return { records: inputs, columnar: true }
  if (!isObject(inputs)) throw new BadRequest("'inputs' must be a list or an object of named lists")
  const names = Object.keys(inputs)
  const lists = names.map((n) => inputs[n])
  if (!lists.every(Array.isArray))
    throw new BadRequest("every named input in 'inputs' must be a list")
  const n = (lists[0] as unknown[] | undefined)?.length ?? 0
  if (!lists.every((l) => (l as unknown[]).length === n))
    throw new BadRequest('named inputs must have the same batch size')
  return {
    records: Array.from({ length: n }, (_, i) =>
      Object.fromEntries(names.map((name, j) => [name, (lists[j] as unknown[])[i]])),
    ),
    columnar: true,
  }
}

const args = parseServeArgs(process.argv.slice(2))
const started = performance.now()
const model = trainNewsModel({ broken: args.broken })
console.log(
  `trained ${MODEL} v${VERSION} on ${model.trainingRows} labelled articles in ${Math.round(performance.now() - started)} ms ` +
    `(${model.gazetteerSize} known entities, event accuracy ${(model.eventAccuracy * 100).toFixed(1)}%)${args.broken ? ' [no tanh]' : ''}`,
)

await listen(MODEL, args.port, async (req, res) => {
  const path = (req.url ?? '/').split('?')[0]!
  const match = /^\/v1\/models\/([^/:]+)(?:\/versions\/([^/:]+))?(\/metadata|:predict)?$/.exec(path)
  if (!match) return sendJson(res, 404, { error: `Malformed request: ${req.method ?? ''} ${path}` })
  const [, name, version, action] = match
  if (name !== MODEL || (version !== undefined && version !== VERSION)) {
    return sendJson(res, 404, {
      error: `Servable not found for request: ${version ? `Specific(${name ?? ''}, ${version})` : `Latest(${name ?? ''})`}`,
    })
  }
  if (action === undefined && req.method === 'GET') {
    return sendJson(res, 200, {
      model_version_status: [
        { version: VERSION, state: 'AVAILABLE', status: { error_code: 'OK', error_message: '' } },
      ],
    })
  }
  if (action === '/metadata' && req.method === 'GET') {
    return sendJson(res, 200, {
      model_spec: { name: MODEL, signature_name: '', version: VERSION },
      metadata: {
        signature_def: {
          signature_def: { serving_default: { method_name: 'tensorflow/serving/predict' } },
        },
      },
    })
  }
  if (action !== ':predict' || req.method !== 'POST')
    return sendJson(res, 405, { error: `${req.method ?? ''} not supported on ${path}` })
  let decoded: ReturnType<typeof decode>
  try {
    decoded = decode(await readJson(req))
    const problems = decoded.records.flatMap((r, i) =>
      checkRecord(r, signature, `/${decoded.columnar ? 'inputs' : 'instances'}/${i}`),
    )
    if (problems.length > 0)
      throw new BadRequest(problems.map((p) => `${p.pointer} ${p.message}`).join('; '))
  } catch (error) {
    if (error instanceof BodyError) return sendJson(res, error.status, { error: error.message })
    if (error instanceof BadRequest) return sendJson(res, 400, { error: error.message })
    throw error
  }
  const signals = model.analyse(decoded.records as Article[])
  sendJson(res, 200, decoded.columnar ? { outputs: signals } : { predictions: signals })
})
