import { setupServer } from 'msw/node'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { mswHandlers } from '../../src/serve/index.js'
import { viaFetch } from './bundled.js'
import { adapterCases, options } from './adapter-cases.js'

const { contracts, cases, expected } = await adapterCases()
const base = 'http://models.msw.test/ml'
const msw = setupServer(...mswHandlers(contracts, { ...options, baseUrl: base }))

beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }))
afterAll(() => msw.close())

cases.forEach((c, i) => {
  it(`gives the node:http server's answer for ${c.name} through msw with fetch`, async () => {
    expect(
      await viaFetch(`${base}${c.request.path}`, c.request.method, c.request.headers, c.body),
    ).toEqual(expected[i])
  })
})

it('lets paths the stand-in does not serve fall through to other handlers', async () => {
  const error = await fetch(`${base}/not-a-route`).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(Error)
})
