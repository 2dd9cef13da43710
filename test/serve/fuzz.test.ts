import fc from 'fast-check'
import { expect, it } from 'vitest'
import { createHandler } from '../../src/serve/index.js'
import { bundledContracts } from './bundled.js'

const seed = Number(process.env.FC_SEED ?? Date.now() % 100_000)
const contracts = await bundledContracts()
const handler = createHandler(contracts, { seed: 1, latency: 0, errorRate: 0 })
const routes = handler.routes.map((r) => r.split(' ') as [string, string])

it('never answers a 5xx, whatever the body, path or method (fast-check)', async () => {
  console.log(`fast-check seed ${seed}`)
  const body = fc.oneof(
    fc.json(),
    fc.string(),
    fc.uint8Array({ maxLength: 64 }),
    fc.jsonValue().map((v) => JSON.stringify({ instances: [v], inputs: v, dataframe_split: v })),
    fc
      .jsonValue()
      .map((v) =>
        JSON.stringify({ inputs: [{ name: 'ticket_id', shape: [1], datatype: 'BYTES', data: v }] }),
      ),
  )
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...routes),
      fc.constantFrom('GET', 'POST', 'PUT'),
      body,
      fc.constantFrom(undefined, 'application/json', 'text/csv'),
      async ([, path], method, payload, contentType) => {
        const response = await handler({
          method,
          url: path,
          headers: contentType ? { 'content-type': contentType } : {},
          body: payload,
        })
        expect(response.status).toBeLessThan(500)
        // Every refusal is a JSON body (mlflow's /version and /ping answer plain text, as mlflow does).
        if (response.status >= 400) expect(() => JSON.parse(response.body) as unknown).not.toThrow()
      },
    ),
    { seed, numRuns: 400 },
  )
})
