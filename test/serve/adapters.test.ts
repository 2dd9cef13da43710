import request from 'supertest'
import { expect, it } from 'vitest'
import { getProtocol } from '../../src/protocol/index.js'
import { createMockApp, createMockRouter } from '../../src/serve/index.js'
import express from 'express'
import { adapterCases, options } from './adapter-cases.js'

const { contracts, cases, expected } = await adapterCases()

cases.forEach((c, i) => {
  it(`answers ${c.name} from the node:http server with valid outputs`, () => {
    const answer = expected[i]
    if (c.name.startsWith('a bad')) {
      expect(answer?.status).toBe(400)
      return
    }
    expect(answer?.status).toBe(200)
    expect(answer?.contentType).toBe('application/json')
    const decoded = getProtocol(c.contract.protocol).decodeResponse(
      c.contract,
      200,
      answer?.body,
      c.count,
    )
    expect('outputs' in decoded).toBe(true)
    if ('outputs' in decoded)
      for (const output of decoded.outputs) expect(c.contract.validateOutput(output)).toEqual([])
  })

  it(`gives the node:http server's answer for ${c.name} from the express app (supertest)`, async () => {
    const app = createMockApp(contracts, options)
    const agent = request(app)
    const answer = await (
      c.request.method === 'POST' ? agent.post(c.request.path) : agent.get(c.request.path)
    )
      .set(c.request.headers)
      .send(c.body)
    expect({
      status: answer.status,
      contentType: answer.headers['content-type'],
      body: JSON.parse(answer.text) as unknown,
    }).toEqual(expected[i])
  })
})

it('mounts the express router under a prefix and passes other paths on', async () => {
  const app = express()
  app.use('/ml', createMockRouter(contracts, options))
  app.use((_req, res) => {
    res.status(418).send('next')
  })
  const c = cases[0]!
  const answer = await request(app).post(`/ml${c.request.path}`).set(c.request.headers).send(c.body)
  expect(JSON.parse(answer.text)).toEqual(expected[0]?.body)
  expect((await request(app).get('/ml/elsewhere')).status).toBe(418)
})

it('answers a body another middleware already parsed', async () => {
  const app = express()
  app.use(express.json())
  app.use(createMockRouter(contracts, options))
  const c = cases[0]!
  const answer = await request(app).post(c.request.path).set(c.request.headers).send(c.body)
  expect(JSON.parse(answer.text)).toEqual(expected[0]?.body)
})
