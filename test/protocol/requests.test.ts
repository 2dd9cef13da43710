import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { getProtocol } from '../../src/protocol/index.js'
import { root } from '../helpers/run-cli.js'
import { envelopeErrors, requestSchema } from './envelope-schemas.js'
import { fixtureContract, vectorContract } from './fixture-contracts.js'

interface Case {
  name: string
  contract: string
  body: unknown
  records?: unknown[]
  problems?: { pointer: string; message: string }[]
}

const cases = JSON.parse(
  readFileSync(`${root}test/fixtures/protocol/requests.json`, 'utf8'),
) as Case[]

for (const c of cases.filter((c) => c.records)) {
  it(`decodes ${c.name}`, async () => {
    const contract = await fixtureContract(c.contract)
    const schema = requestSchema[contract.protocol]
    if (schema) expect(envelopeErrors(schema, c.body)).toBe('')
    const decoded = getProtocol(contract.protocol).compile(contract).decodeRequest(c.body)
    expect(decoded.ok && decoded.batch.records).toEqual(c.records)
    // Every decoded record is a valid input: the fixtures themselves are checked by machine.
    for (const record of c.records ?? []) expect(contract.validateInput(record)).toEqual([])
  })
}

for (const c of cases.filter((c) => c.problems)) {
  it(`refuses ${c.name}, by pointer`, async () => {
    const contract = await fixtureContract(c.contract)
    const decoded = getProtocol(contract.protocol).compile(contract).decodeRequest(c.body)
    expect(decoded.ok).toBe(false)
    if (!decoded.ok)
      expect(decoded.problems.map((p) => ({ pointer: p.pointer, message: p.message }))).toEqual(
        c.problems,
      )
  })
}

it('maps a violation inside a kserve-v2 vector tensor to its element in the flat data', async () => {
  const contract = await vectorContract()
  const decoded = getProtocol('kserve-v2')
    .compile(contract)
    .decodeRequest({
      inputs: [{ name: 'v', shape: [2, 3], datatype: 'FP64', data: [1, 2, 3, 4, 5, 6] }],
    })
  expect(decoded.ok && decoded.batch.records).toEqual([{ v: [1, 2, 3] }, { v: [4, 5, 6] }])
  expect(decoded.ok && decoded.batch.pointer(1, '/v/2')).toBe('/inputs/0/data/5')
})

it('maps record pointers into dataframe_split cells and v1 columns', async () => {
  const fuel = await fixtureContract('fuel-consumption')
  const split = getProtocol('mlflow')
    .compile(fuel)
    .decodeRequest({ dataframe_split: { columns: ['draft_m', 'vessel_type'], data: [[1, 'x']] } })
  expect(split.ok && split.batch.pointer(0, '/vessel_type')).toBe('/dataframe_split/data/0/1')
  const news = await fixtureContract('news-signals')
  const columns = getProtocol('v1')
    .compile(news)
    .decodeRequest({ inputs: { headline: ['a', 'b'] } })
  expect(columns.ok && columns.batch.pointer(1, '/headline')).toBe('/inputs/headline/1')
})

it('keeps a __proto__ column as plain data when it builds records', async () => {
  const news = await fixtureContract('news-signals')
  const body = JSON.parse(
    '{"inputs": {"__proto__": [{"polluted": true}], "headline": ["a"]}}',
  ) as unknown
  const decoded = getProtocol('v1').compile(news).decodeRequest(body)
  const record = decoded.ok ? (decoded.batch.records[0] as Record<string, unknown>) : {}
  expect(Object.keys(record)).toEqual(['__proto__', 'headline'])
  expect(Object.getPrototypeOf(record)).toBe(Object.prototype)
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
})
