import nock from 'nock'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { nockModel } from '../../src/serve/index.js'
import { viaFetch, viaHttpRequest } from './bundled.js'
import { adapterCases, options } from './adapter-cases.js'

const { contracts, cases, expected } = await adapterCases()
const base = 'http://models.nock.test'

beforeAll(() => {
  nock.disableNetConnect()
  nockModel(contracts, base, options)
})
afterAll(() => {
  nock.cleanAll()
  nock.enableNetConnect()
})

cases.forEach((c, i) => {
  it(`gives the node:http server's answer for ${c.name} through nock with http.request`, async () => {
    expect(
      await viaHttpRequest(`${base}${c.request.path}`, c.request.method, c.request.headers, c.body),
    ).toEqual(expected[i])
  })
  it(`gives the node:http server's answer for ${c.name} through nock with fetch`, async () => {
    expect(
      await viaFetch(`${base}${c.request.path}`, c.request.method, c.request.headers, c.body),
    ).toEqual(expected[i])
  })
})

it('answers malformed JSON through nock with the same 400 as the server', async () => {
  const answer = await viaFetch(
    `${base}/predict`,
    'POST',
    { 'content-type': 'application/json' },
    '{x',
  )
  expect(answer.status).toBe(400)
  expect(answer.contentType).toBe('application/problem+json')
})
