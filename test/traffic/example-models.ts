/**
 * The transaction-categorizer story's real model (examples/), trained by the story's own code
 * and served on the json protocol over node:http: the good model, a good model retrained on a
 * seeded 85% of the data, and the broken (case-sensitive) one.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { trainTransactionModel } from '../../examples/transaction-categorizer/model/train.js'
import type { Transaction } from '../../examples/transaction-categorizer/model/train.js'

/** A served model. */
export interface ServedModel {
  readonly url: string
  readonly close: () => Promise<void>
}

/** Trains and serves one variant on an ephemeral loopback port. */
export async function serveTransactionModel(options: {
  broken?: boolean
  seed?: number
}): Promise<ServedModel> {
  const model = trainTransactionModel(options)
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Transaction & {
        request_id: string
      }
      const [prediction] = model.predict([input])
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ request_id: input.request_id, ...prediction }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
