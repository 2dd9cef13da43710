/**
 * The data team's transaction classifier, served on the `json` protocol: `POST /predict` with one
 * transaction (or an array of them) in, the category with per-category scores out; errors as
 * problem+json (RFC 9457) listing every violation by JSON pointer.
 *
 *   node --import tsx examples/transaction-categorizer/model/server.ts [--port 8080] [--broken] [--seed N]
 *
 * `--broken` serves a model trained without lower-casing the narrations: it still gets the
 * upper-case golden examples right, but "tesco" is a stranger to it. `--seed N` trains on a
 * seeded 85% of the rows (another good model, for `standin compare`).
 */
import type { ServerResponse } from 'node:http'
import { BodyError, listen, parseServeArgs, readJson, sendJson } from '../../shared/http.js'
import { checkRecord, type Signature, type Violation } from '../../shared/signature.js'
import { categories, trainTransactionModel, type Transaction } from './train.js'

const signature: Signature = {
  request_id: { type: 'string', required: true, format: 'uuid' },
  narration: { type: 'string', required: true, minLength: 1, maxLength: 140 },
  amount: { type: 'number', required: true, minimum: 0, maximum: 1_000_000, multipleOf: 0.01 },
  currency: { type: 'string', required: true, enum: ['GBP', 'EUR', 'USD', 'CHF', 'PLN', 'SEK'] },
  direction: { type: 'string', required: true, enum: ['debit', 'credit'] },
  mcc: { type: 'string', pattern: /^[0-9]{4}$/ },
  booked_on: { type: 'string', format: 'date' },
}

function problem(
  res: ServerResponse,
  status: number,
  title: string,
  detail: string,
  errors: Violation[] = [],
): void {
  sendJson(
    res,
    status,
    {
      type: 'about:blank',
      title,
      status,
      detail,
      errors: errors.map((e) => ({ pointer: e.pointer, detail: e.message })),
    },
    'application/problem+json',
  )
}

const args = parseServeArgs(process.argv.slice(2))
const started = performance.now()
const model = trainTransactionModel({
  broken: args.broken,
  ...(args.seed !== undefined ? { seed: args.seed } : {}),
})
const version = `${args.broken ? 'txn-logreg-2024.11-casesensitive' : 'txn-logreg-2024.11'}${args.seed !== undefined ? `-seed${args.seed}` : ''}`
console.log(
  `trained ${version} on ${model.trainingRows} narrations in ${Math.round(performance.now() - started)} ms ` +
    `(training accuracy ${(model.trainingAccuracy * 100).toFixed(1)}%, ${categories.length} categories)`,
)

await listen('transaction-classifier', args.port, async (req, res) => {
  const path = (req.url ?? '/').split('?')[0]
  if (path === '/health') return sendJson(res, 200, { status: 'ok', model_version: version })
  if (path !== '/predict')
    return problem(res, 404, 'Not Found', `No route ${path}; the model answers POST /predict.`)
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST')
    return problem(
      res,
      405,
      'Method Not Allowed',
      `${req.method ?? ''} /predict is not supported; use POST.`,
    )
  }
  let body: unknown
  try {
    body = await readJson(req)
  } catch (error) {
    if (error instanceof BodyError) return problem(res, error.status, 'Bad Request', error.message)
    throw error
  }
  const batch = Array.isArray(body)
  const records: unknown[] = Array.isArray(body) ? (body as unknown[]) : [body]
  if (records.length === 0) return problem(res, 422, 'Unprocessable Content', 'The batch is empty.')
  const violations = records.flatMap((r, i) => checkRecord(r, signature, batch ? `/${i}` : ''))
  if (violations.length > 0) {
    return problem(
      res,
      422,
      'Unprocessable Content',
      `${violations.length} field(s) are invalid.`,
      violations,
    )
  }
  const transactions = records as (Transaction & { request_id: string })[]
  const outputs = model.predict(transactions).map((p, i) => ({
    request_id: transactions[i]!.request_id,
    ...p,
    model_version: version,
  }))
  sendJson(res, 200, batch ? outputs : outputs[0])
})
