/**
 * The fuel model served the way `mlflow models serve` serves a pyfunc model, written from MLflow's
 * scoring-server documentation: `GET /ping` and `/health` (200 when the model is loaded),
 * `GET /version`, and `POST /invocations` taking exactly one of `dataframe_split`,
 * `dataframe_records`, `instances` or `inputs` (plus optional `params`) as JSON, or a CSV body,
 * and answering `{"predictions": [...]}` with one record per row. Errors are
 * `{"error_code": "BAD_REQUEST", "message": "..."}` with status 400 (415 for other content types).
 *
 * The model signature is enforced strictly: unknown columns are rejected, as the contract
 * forbids undeclared fields (plain MLflow would drop them with a warning).
 *
 *   node --import tsx examples/fuel-consumption/model/server.ts [--port 5000] [--broken]
 *
 * `--broken` serves the team's discarded first draft (linear in tonnes, ± interval in tonnes).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { listen, parseServeArgs, sendJson } from '../../shared/http.js'
import { checkRecord, type Signature } from '../../shared/signature.js'
import { trainFuelModel, vesselTypes, type VoyageLeg } from './train.js'

const signature: Signature = {
  vessel_type: { type: 'string', required: true, enum: vesselTypes },
  deadweight_t: { type: 'number', required: true, minimum: 1000, maximum: 400000 },
  distance_nm: { type: 'number', required: true, exclusiveMinimum: 0, maximum: 12000 },
  avg_speed_kn: { type: 'number', required: true, minimum: 4, maximum: 25 },
  draft_m: { type: 'number', required: true, minimum: 2, maximum: 23 },
  wind_speed_kn: { type: 'number', required: true, minimum: 0, maximum: 80 },
  wave_height_m: { type: 'number', required: true, minimum: 0, maximum: 15 },
  days_since_hull_cleaning: { type: 'integer', minimum: 0, maximum: 2000 },
}
const columns = Object.keys(signature)

class BadRequest extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Drops null cells (a missing optional value in a data frame). */
function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null))
}

function recordsFromColumns(
  cols: unknown,
  data: unknown,
  where: string,
): Record<string, unknown>[] {
  if (!Array.isArray(cols) || !cols.every((c) => typeof c === 'string'))
    throw new BadRequest(`${where}.columns must be a list of column names`)
  if (!Array.isArray(data)) throw new BadRequest(`${where}.data must be a list of rows`)
  return data.map((row, i) => {
    if (!Array.isArray(row) || row.length !== cols.length)
      throw new BadRequest(`${where}.data[${i}] must have ${cols.length} values`)
    return compact(Object.fromEntries(cols.map((c, j) => [c, row[j]])))
  })
}

/** The rows of an /invocations JSON body, in any of the four accepted layouts. */
function rowsOf(body: unknown): Record<string, unknown>[] {
  if (!isObject(body)) throw new BadRequest('The request body must be a JSON object.')
  const keys = ['dataframe_split', 'dataframe_records', 'instances', 'inputs'].filter((k) =>
    Object.hasOwn(body, k),
  )
  const unknown = Object.keys(body).filter(
    (k) => !['dataframe_split', 'dataframe_records', 'instances', 'inputs', 'params'].includes(k),
  )
  if (keys.length !== 1 || unknown.length > 0) {
    throw new BadRequest(
      `The input must be a JSON dictionary with exactly one of the input fields {'dataframe_split', 'dataframe_records', 'instances', 'inputs'}` +
        (unknown.length > 0 ? `; unknown field(s) ${unknown.join(', ')}` : `; got ${keys.length}`),
    )
  }
  if (body.params !== undefined && !isObject(body.params))
    throw new BadRequest('params must be a dictionary')
  const key = keys[0]!
  const value = body[key]
  if (key === 'dataframe_split') {
    if (!isObject(value))
      throw new BadRequest('dataframe_split must be a dictionary with columns and data')
    return recordsFromColumns(value.columns, value.data, 'dataframe_split')
  }
  if (key === 'inputs' && isObject(value)) {
    // Columnar: {"inputs": {"col": [v1, v2], ...}}
    const cols = Object.keys(value)
    const lists = cols.map((c) => value[c])
    if (!lists.every(Array.isArray))
      throw new BadRequest('inputs in column form must map each column to a list')
    const n = (lists[0] as unknown[] | undefined)?.length ?? 0
    if (!lists.every((l) => (l as unknown[]).length === n))
      throw new BadRequest('inputs columns must have the same length')
    return Array.from({ length: n }, (_, i) =>
      compact(Object.fromEntries(cols.map((c, j) => [c, (lists[j] as unknown[])[i]]))),
    )
  }
  if (!Array.isArray(value)) throw new BadRequest(`${key} must be a list of records`)
  return value.map((r, i) => {
    if (!isObject(r)) throw new BadRequest(`${key}[${i}] must be a record`)
    return compact(r)
  })
}

/** A CSV body: a header row of column names, then one row per leg. */
function rowsOfCsv(text: string): Record<string, unknown>[] {
  const lines = text.trim().split(/\r?\n/)
  const header = lines[0]?.split(',').map((h) => h.trim()) ?? []
  if (header.length === 0 || header.some((h) => !columns.includes(h)))
    throw new BadRequest('CSV header must name model columns')
  return lines.slice(1).map((line) =>
    compact(
      Object.fromEntries(
        line.split(',').map((cell, j) => {
          const name = header[j]!
          const numeric = name !== 'vessel_type'
          return [name, cell === '' ? null : numeric ? Number(cell) : cell]
        }),
      ),
    ),
  )
}

async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw new BadRequest(`body larger than ${limit} bytes`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

const args = parseServeArgs(process.argv.slice(2))
const started = performance.now()
const model = trainFuelModel({ broken: args.broken })
console.log(
  `trained fuel-consumption ${args.broken ? 'draft-0 (linear, tonnes)' : '0.4.0 (log-linear + engine limit)'} on ${model.trainingRows} voyage legs ` +
    `in ${Math.round(performance.now() - started)} ms (residual sd ${model.residualSd.toFixed(3)})`,
)

const fail = (res: ServerResponse, status: number, message: string): void =>
  sendJson(res, status, { error_code: 'BAD_REQUEST', message })

await listen('fuel-consumption (mlflow)', args.port, async (req, res) => {
  const path = (req.url ?? '/').split('?')[0]
  if (req.method === 'GET' && (path === '/ping' || path === '/health')) {
    res.writeHead(200, { 'content-type': 'application/json' })
    return void res.end('\n')
  }
  if (req.method === 'GET' && path === '/version') {
    res.writeHead(200, { 'content-type': 'text/plain' })
    return void res.end('2.17.0')
  }
  if (path !== '/invocations') return fail(res, 404, `No route ${path}`)
  if (req.method !== 'POST') return fail(res, 405, 'Use POST /invocations')
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== 'application/json' && type !== 'text/csv') {
    req.resume()
    return fail(
      res,
      415,
      `This predictor only supports the following content types: ['text/csv', 'application/json']. Got '${type}'.`,
    )
  }
  let rows: Record<string, unknown>[]
  try {
    const text = await readBody(req)
    if (type === 'text/csv') rows = rowsOfCsv(text)
    else {
      let body: unknown
      try {
        body = JSON.parse(text)
      } catch {
        throw new BadRequest('Invalid input. Ensure that input is a valid JSON formatted string.')
      }
      rows = rowsOf(body)
    }
    if (rows.length === 0) throw new BadRequest('No rows to score.')
    const problems = rows.flatMap((row, i) => checkRecord(row, signature, `/${i}`))
    if (problems.length > 0) {
      throw new BadRequest(
        `Failed to enforce model signature: ${problems.map((p) => `${p.pointer} ${p.message}`).join('; ')}`,
      )
    }
  } catch (error) {
    if (error instanceof BadRequest) return fail(res, 400, error.message)
    throw error
  }
  sendJson(res, 200, { predictions: model.predict(rows as unknown as VoyageLeg[]) })
})
