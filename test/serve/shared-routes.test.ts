/**
 * Two json contracts on one server that both declare POST /predict: neither takes the plain
 * path (which one a client meant cannot be told), each is served under its own name, and a
 * request to the plain path is told so, where its 404 only listed the routes.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { parse } from 'yaml'
import { loadContract } from '../../src/index.js'
import { startServer, type StandinServer } from '../../src/serve/index.js'
import { root } from '../helpers/run-cli.js'

let server: StandinServer
const input = {
  request_id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  narration: 'POS TESCO',
  amount: 23.1,
  currency: 'GBP',
  direction: 'debit',
}

beforeAll(async () => {
  const file = `${root}contracts/transaction-classifier.contract.yaml`
  const classifier = await loadContract(file)
  const data = parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  const copy = await loadContract({ ...data, name: 'copied-classifier' })
  server = await startServer([classifier, copy], { port: 0, latency: 0 })
})
afterAll(async () => {
  await server.close()
})

it('serves each contract that shares a path under its name, and says why the plain path is not served', async () => {
  const post = (path: string) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    })
  expect((await post('/transaction-classifier/predict')).status).toBe(200)
  expect((await post('/copied-classifier/predict')).status).toBe(200)
  const plain = await post('/predict')
  expect(plain.status).toBe(404)
  const body = (await plain.json()) as { detail: string }
  expect(body.detail).toMatch(
    /^No route for POST \/predict\. It is the path of 2 contracts \(transaction-classifier, copied-classifier\), so each is served under its name: POST \/<name>\/predict\. The stand-in serves: /,
  )
  // A path nobody claims says nothing of the kind.
  const nope = (await (await post('/nope')).json()) as { detail: string }
  expect(nope.detail).toMatch(/^No route for POST \/nope\. The stand-in serves: /)
})
